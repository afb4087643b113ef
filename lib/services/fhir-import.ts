import 'server-only';
/**
 * FHIR import for a patient of the actor's clinic: the file is read and mapped, nothing is saved,
 * and the import is audited (counts only: the file's contents are not written to the trail).
 */
import type { Actor } from '@/lib/auth/actor';
import { formFromImport, importFhirText } from '@/lib/fhir/draft';
import type { FhirImport } from '@/lib/fhir/map';
import type { TAssessmentForm } from '@/lib/schemas/assessment';
import { audit } from './audit';
import { todayIso } from './clock';
import { getPatient } from './patients';
import { invalid, type ServiceResult } from './result';

export interface PatientImport {
  import: FhirImport;
  form: TAssessmentForm;
  /** Where the EHR's Patient disagrees with the record in this app (birth date, sex). */
  mismatches: string[];
}

export async function importFhirForPatient(actor: Actor, patientId: string, text: string, source: 'upload' | 'ehr' = 'upload'): Promise<ServiceResult<PatientImport> & { notFound?: true }> {
  const patient = await getPatient(actor, patientId);
  if (!patient || patient.organisationId !== actor.organisationId) {
    // Nothing is saved by an import, but it starts an assessment: refused for a patient that is not the
    // clinic's own (also under a read-only break-glass grant), and recorded.
    await audit(actor, { action: 'fhir.import', recordType: 'patient', recordId: patientId.slice(0, 64), patientId: patient?.id ?? null, outcome: 'denied', detail: patient ? 'break-glass-read-only' : 'patient-not-in-organisation' });
    return { ...invalid('Patient not found'), notFound: true };
  }
  const asOf = todayIso();
  const mapped = importFhirText(text, { asOf });
  const base = { action: 'fhir.import', recordType: 'patient', recordId: patient.id, patientId: patient.id } as const;
  if (!mapped.ok) {
    await audit(actor, { ...base, outcome: 'failure', detail: `${source}; ${mapped.message}`.slice(0, 200) });
    return invalid(mapped.message);
  }
  const imp = mapped.data;
  const mismatches: string[] = [];
  if (imp.patient.birthDate && imp.patient.birthDate !== patient.birthDate) mismatches.push(`Birth date in the file is ${imp.patient.birthDate}; this patient's record says ${patient.birthDate}`);
  if (imp.patient.sex && imp.patient.sex !== patient.sex) mismatches.push(`Sex in the file is ${imp.patient.sex}; this patient's record says ${patient.sex}`);
  const c = imp.counts;
  await audit(actor, {
    ...base,
    detail: `${source}; resources=${c.resources}; labs=${imp.labs.length}; conditions=${imp.conditions.filter((x) => x.use === 'used').length}; medications=${imp.medications.active.length}; mismatches=${mismatches.length}`,
  });
  return { ok: true, data: { import: imp, form: formFromImport(imp), mismatches } };
}
