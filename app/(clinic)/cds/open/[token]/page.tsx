import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/auth/actor';
import { describeProvenance } from '@/lib/fhir/provenance';
import { ANALYTES } from '@/lib/rules';
import { openLaunch } from '@/lib/services/cds-launch';
import { displayName } from '@/lib/services/patients';

export const metadata: Metadata = { title: 'Open from the EHR · RLS Workup' };

/** A CDS card's link: the EHR data of that call, to open as a pre-filled assessment of a patient here. */
export default async function CdsOpenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await requireActor();
  const launch = await openLaunch(actor, token);
  if (!launch) notFound();
  const { imp, candidates } = launch;
  return (
    <>
      <h1>Open from the EHR</h1>
      <p>
        EHR patient {imp.patient.id ?? '(no id)'}: born {imp.patient.birthDate ?? 'not given'}, {imp.patient.sex ?? 'sex not given'}.
        {' '}{imp.labs.length} lab results, {imp.medications.active.length} active medications. This link works until {launch.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.
      </p>
      <h2>Choose the patient</h2>
      {candidates.length === 0 ? (
        <p>No patient of this clinic has this birth date and sex. <Link href="/patients/new">Create the patient</Link>, then open the card&apos;s link again.</p>
      ) : (
        <ul>
          {candidates.map((p) => (
            <li key={p.id}><Link href={`/patients/${p.id}/assessments/new?launch=${encodeURIComponent(token)}`}>{displayName(p)} (MRN {p.mrn})</Link></li>
          ))}
        </ul>
      )}
      <h2>Results from the EHR</h2>
      <ul>
        {imp.results.filter((r) => r.use === 'used').map((r) => <li key={r.provenance.id}>{ANALYTES[r.analyte].label}: {describeProvenance(r.provenance)}</li>)}
      </ul>
    </>
  );
}
