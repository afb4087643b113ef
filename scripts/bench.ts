/**
 * Benchmarks (npm run bench). Measures, never asserts:
 *  - the rules engine over the clinical-case inputs (validated once, then evaluated; and validate + evaluate);
 *  - the medication matcher over a 20-line list.
 * Single-threaded: one core. Every figure is printed with the machine it ran on (CPU model, cores, Node,
 * load average). Figures are recorded in docs/BENCHMARKS.md.
 */
import { performance } from 'node:perf_hooks';
import { evaluateFindings, matchMedications, parseEvaluationInput, type TEvaluationInput } from '../lib/rules';
import { loadVignettes } from '../tests/vignettes';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { verifyCdsJwt } from '../lib/cds/jwt';
import { PREFETCH, answerPatientView } from '../lib/cds/service';
import { importFhirText } from '../lib/fhir/draft';
import { machineLine } from './machine.mjs';

function measure(name: string, fn: () => void, unit: string, perCall = 1, minMs = 2000): void {
  for (let i = 0; i < 2000; i++) fn(); // warm-up: let the JIT settle
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 200; i++) fn();
    calls += 200;
  }
  const ms = performance.now() - start;
  const rate = (calls * perCall * 1000) / ms;
  console.log(`${name.padEnd(58)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} ${unit}/s  (${((ms * 1000) / (calls * perCall)).toFixed(2)} µs each)`);
  // With every figure: what it ran on (the load average changes while other jobs run).
  console.log(`  measured on ${machineLine()}`);
}

const inputs: TEvaluationInput[] = loadVignettes().map((v) => {
  const parsed = parseEvaluationInput(v.input);
  if (!parsed.ok) throw new Error(`${v.id} does not validate`);
  return parsed.data;
});
const raws = loadVignettes().map((v) => v.input);

const medList = [
  'lisinopril 10 mg daily', 'atorvastatin 40 mg qhs', 'Benadril 25 mg qhs', 'sertraline 50mg PO daily', 'Seroquel XR 300 mg',
  'metformin ER 500 mg bid', 'Tylenol PM', 'Zyrtec', 'omeprazole 20 mg', 'Remeron 15 mg', 'levothyroxine 88 mcg', 'Celebrex 200 mg',
  'amlodipine 5 mg', 'Compazine PRN', 'gabapentin 300 mg tid', 'pramipexole 0.25 mg', 'vitamin D3 2000 IU', 'Seroquil', 'Wellbutrin XL', 'prenatal vitamin',
];

console.log(`${machineLine()}\n${inputs.length} clinical-case inputs, ${medList.length}-line medication list\n`);
let i = 0;
measure('engine: evaluateFindings (validated input)', () => { evaluateFindings(inputs[i++ % inputs.length]!); }, 'evaluations');
let j = 0;
measure('engine: parseEvaluationInput + evaluateFindings', () => {
  const p = parseEvaluationInput(raws[j++ % raws.length]);
  if (p.ok) evaluateFindings(p.data);
}, 'evaluations');
measure('medication matcher: 20-line list', () => { matchMedications(medList); }, 'lists');

/** p50/p95 of `calls` sequential runs of an async function, in ms. */
async function percentiles(name: string, calls: number, fn: () => Promise<unknown> | unknown): Promise<void> {
  for (let k = 0; k < Math.min(50, calls); k++) await fn(); // warm-up
  const times: number[] = [];
  for (let k = 0; k < calls; k++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(`${name.padEnd(58)} p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  (${calls} calls)`);
}

// CDS Hooks patient-view with full prefetch (a Synthea patient), in process: JWT verification
// (ES384, in-memory replay store), FHIR mapping, evaluation and cards. HTTP and the database are
// not included (see docs/BENCHMARKS.md).
const FIXTURES = new URL('../tests/fixtures/fhir/', import.meta.url);
type Res = { resourceType: string; id: string; code?: { coding?: { code?: string }[] } };
const renato = JSON.parse(readFileSync(new URL('Renato_Dare_f07e9b1d-9cc7-465e-8abc-94e84793d1fb.json', FIXTURES), 'utf8')) as { entry: { resource: Res }[] };
const all = renato.entry.map((e) => e.resource);
const codes = PREFETCH.observations!.split('code=')[1]!.split(',').map((c) => c.split('|')[1]);
const set = (rs: Res[]) => ({ resourceType: 'Bundle', type: 'searchset', entry: rs.map((resource) => ({ resource })) });
const hookBody = {
  hook: 'patient-view', hookInstance: randomUUID(), context: { userId: 'Practitioner/1', patientId: 'ffd502c9-23e1-4f8f-bc8a-87373acad280' },
  prefetch: {
    patient: all.find((r) => r.resourceType === 'Patient'),
    observations: set(all.filter((r) => r.resourceType === 'Observation' && r.code?.coding?.some((c) => codes.includes(c.code)))),
    medicationRequests: set(all.filter((r) => r.resourceType === 'MedicationRequest')), medicationStatements: set([]),
    conditions: set(all.filter((r) => r.resourceType === 'Condition')),
  },
};
const { privateKey, publicKey } = await generateKeyPair('ES384');
const client = { id: 'bench', organisationId: 'bench', issuer: 'https://bench.example', keys: [{ ...(await exportJWK(publicKey)), kid: 'b1', alg: 'ES384' }] };
const seen = new Set<string>();
const AUD = 'http://127.0.0.1:3000/cds-services/rls-workup';
const today = new Date().toISOString().slice(0, 10);
console.log('');
await percentiles('cds: patient-view, full prefetch (JWT + map + evaluate + cards)', 1000, async () => {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ iss: client.issuer, aud: AUD, iat: now, exp: now + 300, jti: randomUUID() }).setProtectedHeader({ alg: 'ES384', kid: 'b1', typ: 'JWT' }).sign(privateKey);
  const t = await verifyCdsJwt(`Bearer ${token}`, AUD, { findClient: async () => client, recordJti: async (_c, jti) => !seen.has(jti) && !!seen.add(jti) });
  if (!t.ok) throw new Error(t.reason);
  const a = await answerPatientView(JSON.parse(JSON.stringify(hookBody)), { asOf: today, fhirServers: [] });
  if (a.status !== 200) throw new Error('patient-view failed');
});
const largest = readFileSync(new URL('Twanda_Rippin_28529cd4-05d7-4df6-aa7c-7fb4d7af2e0f.json', FIXTURES), 'utf8');
await percentiles(`fhir: import of the largest sample Bundle (${Math.round(largest.length / 1024)} KB)`, 100, () => {
  const r = importFhirText(largest, { asOf: today });
  if (!r.ok) throw new Error(r.message);
});
