/**
 * The `rls-workup` CDS Hooks 2.0 service: discovery, and the `patient-view` hook. Data comes from
 * the prefetch; a missing prefetch key is fetched from `fhirServer` (only a server registered for
 * the calling client, with its `fhirAuthorization`); when neither gives what is needed the answer
 * is 412. The same FHIR mapping and the same engine as the app's import.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readBodyUpTo } from '@/lib/api/action-guard';
import { inputFromImport } from '@/lib/fhir/draft';
import { mapFhirResources, type FhirImport } from '@/lib/fhir/map';
import { parseFhirDocuments } from '@/lib/fhir/parse';
import { describeProvenance } from '@/lib/fhir/provenance';
import { ANALYTE_LOINC } from '@/lib/fhir/value-sets';
import { evaluateFindings, RULES_VERSION } from '@/lib/rules';
import { cardsFor, shortSummary, SERVICE_LABEL, type Card, type CardMeta } from './cards';

export const SERVICE_ID = 'rls-workup';

const LOINC_QUERY = [...new Set(ANALYTE_LOINC.map((m) => m.code))].map((c) => `http://loinc.org|${c}`).join(',');

/** Prefetch templates: the patient, the lab codes of the value sets, medications and conditions. */
export const PREFETCH: Readonly<Record<string, string>> = {
  patient: 'Patient/{{context.patientId}}',
  observations: `Observation?patient={{context.patientId}}&code=${LOINC_QUERY}`,
  medicationRequests: 'MedicationRequest?patient={{context.patientId}}',
  medicationStatements: 'MedicationStatement?patient={{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
};

export function discovery() {
  return {
    services: [{
      hook: 'patient-view',
      title: 'RLS Workup: secondary contributors to restless legs syndrome',
      description: 'For an adult whom the clinician has judged to have RLS: flags possible secondary contributors (iron deficiency, kidney disease, glycaemia, thyroid, vitamins, pregnancy, provoking medications) with the basis, and suggests the missing or out-of-date labs.',
      id: SERVICE_ID,
      prefetch: PREFETCH,
      usageRequirements: 'Adults with restless legs syndrome. Decision support only: it does not diagnose, order or prescribe.',
      version: 'STU2',
    }],
  };
}

/** FHIR id syntax (R4 datatypes: [A-Za-z0-9\-\.]{1,64}). */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export const ZHookRequest = z.object({
  hook: z.literal('patient-view', { error: 'This service answers the patient-view hook' }),
  hookInstance: z.string().trim().min(1, 'hookInstance is required').max(200),
  fhirServer: z.url({ protocol: /^https?$/, error: 'fhirServer must be an http(s) URL' }).optional(),
  fhirAuthorization: z.object({
    access_token: z.string().min(1).max(8192), token_type: z.string(), expires_in: z.number(), scope: z.string(), subject: z.string(), patient: z.string().optional(),
  }).optional(),
  context: z.looseObject({
    userId: z.string().min(1, 'context.userId is required').max(200),
    patientId: z.string().regex(FHIR_ID, 'context.patientId must be a FHIR id'),
    encounterId: z.string().max(200).optional(),
  }),
  prefetch: z.record(z.string(), z.unknown()).optional(),
}).refine((r) => !r.fhirAuthorization || r.fhirServer, { message: 'fhirAuthorization is given without fhirServer', path: ['fhirServer'] });
export type THookRequest = z.infer<typeof ZHookRequest>;

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  issue: { severity: 'error'; code: string; diagnostics: string; expression?: string[] }[];
}

export function outcome(code: string, diagnostics: string, expression?: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics, ...(expression ? { expression: [expression] } : {}) }] };
}

export type Fetcher = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

export interface HookDeps {
  asOf: string;
  /** FHIR server base URLs registered for the calling client. */
  fhirServers: readonly string[];
  fetcher?: Fetcher;
  uuid?: () => string;
  /** Link to open the pre-filled assessment, given the mapped import; omitted when null. */
  openUrl?: (imp: FhirImport) => Promise<string | null>;
}

export type HookAnswer =
  | { status: 200; body: { cards: Card[] }; meta: CardMeta[]; imp: FhirImport | null; fetched: string[] }
  | { status: 400 | 412; body: OperationOutcome };

const isOutcome = (v: unknown) => typeof v === 'object' && v !== null && (v as { resourceType?: unknown }).resourceType === 'OperationOutcome';
const isFhirJson = (text: string) => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && typeof (v as { resourceType?: unknown }).resourceType === 'string';
  } catch {
    return false;
  }
};
const sizeText = (b: number) => (b >= 1024 * 1024 ? `${Math.round(b / 1024 / 1024)} MB` : `${Math.ceil(b / 1024)} KB`);
const MAX_FETCH_BYTES = 10 * 1024 * 1024;
const MAX_PAGES = 10;

/** A registered server is matched by origin and path prefix: no call-back to anywhere else. */
export function serverAllowed(fhirServer: string, allowed: readonly string[]): boolean {
  const norm = (u: string) => u.replace(/\/+$/, '');
  return allowed.some((a) => norm(fhirServer) === norm(a) || norm(fhirServer).startsWith(`${norm(a)}/`));
}

/** Why a FHIR server call gave nothing usable; `message` names the server's answer, never a token. */
export type FetchFailure = { ok: false; kind: 'unreachable' | 'timeout' | 'http' | 'too-large' | 'not-json' | 'not-fhir' | 'outcome'; status?: number; message: string };
export type FetchResult = { ok: true; docs: unknown[] } | FetchFailure;

export interface FetchOptions {
  /** The full Authorization header value, or null for an open server. */
  authorization: string | null;
  fetcher: Fetcher;
  timeoutMs?: number;
  /** Per answer (page). */
  maxBytes?: number;
  /** Bytes left for all the answers of one import, shared across queries (decremented here). */
  budget?: { bytes: number };
}

/**
 * One prefetch query against a FHIR server: the resource (a read) or every page of the search
 * (next links followed on the same origin only, at most MAX_PAGES). A read of a resource that does
 * not exist (404) gives no documents. Bounded in time and size per answer.
 */
export async function fetchQuery(base: string, query: string, opts: FetchOptions): Promise<FetchResult> {
  const docs: unknown[] = [];
  let url: string | null = `${base.replace(/\/+$/, '')}/${query}`;
  const origin = new URL(base).origin;
  const what = query.split('?')[0]!;
  const maxBytes = opts.maxBytes ?? MAX_FETCH_BYTES;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const headers: Record<string, string> = { accept: 'application/fhir+json' };
  if (opts.authorization) headers.authorization = opts.authorization;
  const fail = (kind: FetchFailure['kind'], message: string, status?: number): FetchFailure => ({ ok: false, kind, message, ...(status ? { status } : {}) });
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const signal = AbortSignal.timeout(timeoutMs);
    let text: string | null;
    let res: Response;
    try {
      res = await opts.fetcher(url, { headers, signal });
      if (res.status === 404 && !query.includes('?')) {
        // A read of a resource that does not exist: a FHIR server says so with an OperationOutcome (or
        // nothing); an HTML or other 404 page means the base URL is not a FHIR server.
        const body = (await readBodyUpTo(res.body, 64 * 1024)) ?? 'too large';
        if (body.trim() === '' || isFhirJson(body)) return { ok: true, docs };
        return fail('not-fhir', `the FHIR server answered 404 to ${what} with something that is not FHIR (is the base URL a FHIR R4 server?)`, 404);
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        const redirect = res.status >= 300 && res.status < 400 ? ' (redirects are not followed: configure the final address)' : '';
        return fail('http', `the FHIR server answered ${res.status} to ${what}${redirect}`, res.status);
      }
      const declared = Number(res.headers.get('content-length') ?? '0');
      text = declared > maxBytes ? null : await readBodyUpTo(res.body, maxBytes);
      if (text === null) await res.body?.cancel().catch(() => undefined);
    } catch {
      return signal.aborted
        ? fail('timeout', `the FHIR server did not answer ${what} within ${timeoutMs / 1000} s`)
        : fail('unreachable', `the FHIR server could not be reached for ${what}`);
    }
    if (text === null) return fail('too-large', `the FHIR server's answer to ${what} is larger than ${sizeText(maxBytes)}`);
    if (opts.budget) {
      opts.budget.bytes -= text.length;
      if (opts.budget.bytes < 0) return fail('too-large', `the FHIR server's answers reached the size limit at ${what}`);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return fail('not-json', `the FHIR server's answer to ${what} is not JSON (is the base URL a FHIR R4 server?)`);
    }
    if (typeof doc !== 'object' || doc === null || typeof (doc as { resourceType?: unknown }).resourceType !== 'string') return fail('not-fhir', `the answer to ${what} is not a FHIR resource (no resourceType; is the base URL a FHIR R4 server?)`);
    if (isOutcome(doc)) return fail('outcome', `the FHIR server answered an OperationOutcome to ${what}`);
    docs.push(doc);
    const next = (doc as { link?: { relation?: string; url?: string }[] }).link?.find((l) => l.relation === 'next')?.url;
    url = null;
    if (next) {
      try {
        if (new URL(next).origin === origin) url = next;
      } catch {
        url = null;
      }
    }
  }
  return { ok: true, docs };
}

/** Answers one patient-view call for an authenticated client. */
export async function answerPatientView(raw: unknown, deps: HookDeps): Promise<HookAnswer> {
  const parsed = ZHookRequest.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { status: 400, body: outcome('invalid', i.message, i.path.join('.') || undefined) };
  }
  const req = parsed.data;
  const patientId = req.context.patientId;
  const docs: unknown[] = [];
  const missing: string[] = [];
  for (const key of Object.keys(PREFETCH)) {
    const v = req.prefetch?.[key];
    if (v === undefined || isOutcome(v)) missing.push(key);
    else if (v === null) {
      if (key === 'patient') return { status: 412, body: outcome('not-found', `Patient/${patientId} is not available (prefetch "patient" is null)`, 'prefetch.patient') };
    } else docs.push(v);
  }
  const fetched: string[] = [];
  if (missing.length > 0) {
    if (!req.fhirServer) return { status: 412, body: outcome('processing', `Prefetch ${missing.map((k) => `"${k}"`).join(', ')} missing and no fhirServer to fetch it from`, 'prefetch') };
    if (!serverAllowed(req.fhirServer, deps.fhirServers)) return { status: 412, body: outcome('security', `Prefetch ${missing.map((k) => `"${k}"`).join(', ')} missing, and ${req.fhirServer} is not a FHIR server registered for this client`, 'fhirServer') };
    const fetcher = deps.fetcher ?? ((url, init) => fetch(url, { ...init, redirect: 'error' }));
    for (const key of missing) {
      const got = await fetchQuery(req.fhirServer, PREFETCH[key]!.replaceAll('{{context.patientId}}', patientId), { authorization: req.fhirAuthorization ? `Bearer ${req.fhirAuthorization.access_token}` : null, fetcher });
      if (!got.ok) return { status: 412, body: outcome('processing', `Prefetch "${key}" missing and ${got.message}`, `prefetch.${key}`) };
      if (key === 'patient' && got.docs.length === 0) return { status: 412, body: outcome('not-found', `Patient/${patientId} is not on the FHIR server`, 'prefetch.patient') };
      docs.push(...got.docs);
      fetched.push(key);
    }
  }
  const resources = parseFhirDocuments(docs);
  if (!resources.ok) return { status: 400, body: outcome('invalid', `Prefetch: ${resources.message}`, 'prefetch') };
  const mapped = mapFhirResources(resources.data, { asOf: deps.asOf, patientId });
  if (!mapped.ok) return { status: 400, body: outcome('invalid', mapped.message, 'prefetch') };
  const imp = mapped.data;
  const uuid = deps.uuid ?? randomUUID;
  const input = inputFromImport(imp, deps.asOf);
  if (!input) {
    const card: Card = {
      uuid: uuid(), indicator: 'info', source: { label: SERVICE_LABEL },
      summary: shortSummary(`RLS Workup could not assess: the Patient resource has no ${[imp.patient.birthDate ? null : 'birth date', imp.patient.sex ? null : 'sex (female or male)'].filter(Boolean).join(' and ')}`),
    };
    return { status: 200, body: { cards: [card] }, meta: [{ uuid: card.uuid, topic: 'not-assessable', ruleIds: [] }], imp, fetched };
  }
  const evaluation = evaluateFindings(input, { asOf: deps.asOf });
  const used = new Map(imp.results.filter((r) => r.use === 'used').map((r) => [r.analyte as string, r.provenance]));
  const openUrl = deps.openUrl ? await deps.openUrl(imp) : null;
  const { cards, meta } = cardsFor(evaluation, {
    patientId, uuid, ...(openUrl ? { openUrl } : {}),
    provenanceOf: (a) => {
      const p = used.get(a);
      return p ? describeProvenance(p) : undefined;
    },
  });
  return { status: 200, body: { cards }, meta, imp, fetched };
}

export { RULES_VERSION };
