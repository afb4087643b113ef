/**
 * "Import from EHR": a patient's findings read from the clinic's FHIR R4 server by the EHR's patient
 * id, with the same queries as the CDS Hooks service's prefetch (Patient, the lab Observations of the
 * value sets, MedicationRequest, MedicationStatement, Condition). Only the admin-configured base URL
 * is called; the clinician supplies only the id, checked against FHIR's id syntax, so no request
 * goes anywhere else. No redirects are followed; each answer is bounded in time and size.
 */
import { FHIR_ID, PREFETCH, fetchQuery, type Fetcher, type FetchFailure } from '@/lib/cds/service';

export type EhrFetchFailure = { ok: false; kind: FetchFailure['kind'] | 'invalid-id' | 'not-found'; message: string };
export type EhrFetchResult = { ok: true; docs: unknown[] } | EhrFetchFailure;

export interface EhrFetchOptions {
  /** The Authorization header value (`Bearer …`), or null for an open server. */
  authorization: string | null;
  fetcher?: Fetcher;
  timeoutMs?: number;
  /** Per answer, and for all answers together. */
  maxBytes?: number;
  maxTotalBytes?: number;
}

export const EHR_MAX_ANSWER_BYTES = 10 * 1024 * 1024;
export const EHR_MAX_TOTAL_BYTES = 20 * 1024 * 1024;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export async function fetchEhrPatient(base: string, ehrPatientId: string, opts: EhrFetchOptions): Promise<EhrFetchResult> {
  if (!FHIR_ID.test(ehrPatientId)) return { ok: false, kind: 'invalid-id', message: 'An EHR patient id is 1 to 64 letters, digits, "-" or "." (FHIR id syntax)' };
  const fetcher: Fetcher = opts.fetcher ?? ((url, init) => fetch(url, { ...init, redirect: 'manual' }));
  const budget = { bytes: opts.maxTotalBytes ?? EHR_MAX_TOTAL_BYTES };
  const common = { authorization: opts.authorization, fetcher, budget, maxBytes: opts.maxBytes ?? EHR_MAX_ANSWER_BYTES, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) };
  const query = (key: string) => PREFETCH[key]!.replaceAll('{{context.patientId}}', ehrPatientId);
  const patient = await fetchQuery(base, query('patient'), common);
  if (!patient.ok) return { ok: false, kind: patient.kind, message: capital(patient.message) };
  if (patient.docs.length === 0) return { ok: false, kind: 'not-found', message: `Patient/${ehrPatientId} is not on the EHR's FHIR server (404)` };
  if ((patient.docs[0] as { resourceType?: unknown }).resourceType !== 'Patient') return { ok: false, kind: 'not-fhir', message: `The answer to Patient/${ehrPatientId} is not a Patient resource` };
  const docs: unknown[] = [...patient.docs];
  const rest = await Promise.all(Object.keys(PREFETCH).filter((k) => k !== 'patient').map((k) => fetchQuery(base, query(k), common)));
  for (const r of rest) {
    if (!r.ok) return { ok: false, kind: r.kind, message: capital(r.message) };
    docs.push(...r.docs);
  }
  return { ok: true, docs };
}
