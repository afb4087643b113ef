import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TrendCharts, type TrendSeries } from '@/components/charts/trend-charts';
import { FhirImportPanel } from '@/components/fhir/fhir-import';
import { StatusBadge } from '@/components/ui/status-badge';
import { requireActor } from '@/lib/auth/actor';
import { ANALYTES } from '@/lib/rules';
import { listAssessments } from '@/lib/services/assessments';
import { todayIso } from '@/lib/services/clock';
import { getFhirServerView } from '@/lib/services/fhir-server';
import { TREND_ANALYTES, ironRecheck, trendPoints } from '@/lib/services/history';
import { displayName, getPatient } from '@/lib/services/patients';
import { ageOn } from '@/lib/schemas/assessment';
import { createAssessmentAction } from './assessments/new/actions';

export const metadata: Metadata = { title: 'Patient · RLS Workup' };

export default async function PatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor();
  const patient = await getPatient(actor, patientId);
  if (!patient) notFound();
  const assessments = await listAssessments(actor, patient.id);
  const points = trendPoints(assessments);
  const series: TrendSeries[] = TREND_ANALYTES.map((a) => ({
    analyte: a, label: ANALYTES[a].label, unit: ANALYTES[a].canonicalUnit,
    points: points.flatMap((p) => (p.values[a] === undefined ? [] : [{ asOf: p.asOf, value: p.values[a] }])),
  }));
  const ownClinic = patient.organisationId === actor.organisationId;
  const [recheck, ehrServer] = await Promise.all([ironRecheck(actor, assessments), ownClinic ? getFhirServerView(actor) : null]);
  const today = todayIso();
  const corrected = new Set(assessments.map((a) => a.supersedesId).filter(Boolean));
  return (
    <>
      <h1>{displayName(patient)}</h1>
      <p className="meta">MRN {patient.mrn} · born {patient.birthDate} · {patient.sex} · <Link href={`/patients/${patient.id}/edit`}>Edit details</Link></p>
      <p><Link className="button" href={`/patients/${patient.id}/assessments/new`}>New assessment</Link></p>
      {ownClinic ? (
        <FhirImportPanel
          patientId={patient.id}
          ehrServer={ehrServer?.baseUrl ?? null}
          patient={{ name: displayName(patient), ageYears: ageOn(patient.birthDate, today), sex: patient.sex === 'male' ? 'male' : 'female' }}
          asOf={today}
          onSubmit={createAssessmentAction.bind(null, patient.id, null)}
        />
      ) : null}
      {recheck ? (
        <p className="recheck" data-recheck={recheck.dueOn}>
          Iron studies {recheck.dueOn < today ? <strong>overdue since</strong> : 'due for recheck on'} {recheck.dueOn}: {recheck.weeks} weeks after iron therapy was discussed
          (accepted {recheck.discussedOn}, <Link href={`/assessments/${recheck.assessmentId}`}>assessment</Link>).
        </p>
      ) : null}
      <h2>Trend</h2>
      <TrendCharts series={series} />
      <h2>Assessments</h2>
      {assessments.length === 0 ? <p>No assessments yet.</p> : (
        <ol className="history">
          {assessments.map((a) => {
            const flagged = a.evaluation.contributors.filter((c) => c.status === 'flagged');
            return (
              <li key={a.id} data-assessment={a.id}>
                <Link href={`/assessments/${a.id}`}>{a.asOf}: {flagged.length} flagged</Link>{' '}
                <span className="meta">
                  by {a.authorName}, rules {a.rulesVersion}
                  {corrected.has(a.id) ? ' · corrected by a later version' : ''}
                  {a.supersedesId ? ' · correction' : ''}
                </span>
                <ul className="inline-list">{flagged.map((c) => <li key={c.id}>{c.label} <StatusBadge status={c.status} /></li>)}</ul>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
