// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFhirServer, startRawServer, type TestFhirServer } from '@/tests/fhir-server';
import { fetchEhrPatient } from './ehr-fetch';
import { mapFhirResources } from './map';
import { parseFhirDocuments } from './parse';

// Against real loopback HTTP servers: one serving the Synthea Bundles as a FHIR R4 server, and
// misbehaving ones (not FHIR, hanging, redirecting, oversized).
const RENATO = 'ffd502c9-23e1-4f8f-bc8a-87373acad280';
const TOKEN = 'ehr-access-token.0123456789';

let open: TestFhirServer;
let secured: TestFhirServer;
beforeAll(async () => {
  open = await startFhirServer();
  secured = await startFhirServer({ token: TOKEN });
});
afterAll(async () => {
  await open.close();
  await secured.close();
});

describe('fetchEhrPatient: a patient from the clinic FHIR server', () => {
  it('reads the Patient and searches the prefetch queries; the upload\'s mapper gives the same findings', async () => {
    const r = await fetchEhrPatient(open.base, RENATO, { authorization: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const paths = open.requests.map((q) => new URL(q.url, 'http://x').pathname);
    expect(paths).toEqual(['/fhir/Patient/' + RENATO, '/fhir/Observation', '/fhir/MedicationRequest', '/fhir/MedicationStatement', '/fhir/Condition']);
    expect(open.requests.every((q) => q.authorization === null)).toBe(true);
    const parsed = parseFhirDocuments(r.docs);
    if (!parsed.ok) throw new Error(parsed.message);
    const mapped = mapFhirResources(parsed.data, { asOf: '2026-11-27', patientId: RENATO });
    if (!mapped.ok) throw new Error(mapped.message);
    expect(mapped.data.patient).toMatchObject({ birthDate: '1976-06-14', sex: 'male' });
    expect(mapped.data.labs.map((l) => l.analyte).sort()).toEqual(expect.arrayContaining(['hba1c', 'egfr']));
    expect(mapped.data.labs).toHaveLength(7);
    expect(mapped.data.medications.active.map((m) => m.text)).toContain('diphenhydrAMINE Hydrochloride 25 MG Oral Tablet');
    expect(mapped.data.context.knownDiabetes).toBe(true);
  });

  it('sends the bearer token to a secured server, and says so when it is refused', async () => {
    expect((await fetchEhrPatient(secured.base, RENATO, { authorization: `Bearer ${TOKEN}` })).ok).toBe(true);
    expect(secured.requests.every((q) => q.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(await fetchEhrPatient(secured.base, RENATO, { authorization: 'Bearer wrong' })).toEqual({ ok: false, kind: 'http', message: 'The FHIR server answered 401 to Patient/' + RENATO });
  });

  it('a patient id the server does not have: not found (404)', async () => {
    expect(await fetchEhrPatient(open.base, 'no-such-patient', { authorization: null })).toEqual({ ok: false, kind: 'not-found', message: "Patient/no-such-patient is not on the EHR's FHIR server (404)" });
  });

  it('an id that is not a FHIR id is refused before any request (the clinician supplies only an id)', async () => {
    const before = open.requests.length;
    for (const id of ['', '../metadata', 'a/b', 'x?_format=xml', 'http://169.254.169.254/', 'a b', '%2e%2e', 'x'.repeat(65)]) {
      expect(await fetchEhrPatient(open.base, id, { authorization: null })).toMatchObject({ ok: false, kind: 'invalid-id' });
    }
    expect(open.requests.length).toBe(before);
  });

  it('a server that cannot be reached', async () => {
    const gone = await startRawServer((_req, res) => res.end());
    const base = gone.base;
    await gone.close();
    expect(await fetchEhrPatient(base, RENATO, { authorization: null })).toEqual({ ok: false, kind: 'unreachable', message: 'The FHIR server could not be reached for Patient/' + RENATO });
  });

  it('a server that does not answer in time', async () => {
    const hang = await startRawServer(() => undefined); // never answers
    try {
      expect(await fetchEhrPatient(hang.base, RENATO, { authorization: null, timeoutMs: 200 })).toEqual({ ok: false, kind: 'timeout', message: `The FHIR server did not answer Patient/${RENATO} within 0.2 s` });
    } finally {
      await hang.close();
    }
  });

  it('a base URL that is not a FHIR server: HTML, JSON without resourceType, an HTML 404 page, a redirect', async () => {
    const cases: [(res: import('node:http').ServerResponse) => void, string, string][] = [
      [(res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>portal</html>'); }, 'not-json', 'is not JSON'],
      [(res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"hello":"world"}'); }, 'not-fhir', 'is not a FHIR resource'],
      [(res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"resourceType":"Observation","id":"x"}'); }, 'not-fhir', 'is not a Patient resource'],
      [(res) => { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<html>Not Found</html>'); }, 'not-fhir', 'answered 404 to Patient/' + RENATO + ' with something that is not FHIR'],
      [(res) => { res.writeHead(302, { location: 'http://169.254.169.254/' }); res.end(); }, 'http', 'answered 302 to Patient/' + RENATO + ' (redirects are not followed'],
    ];
    for (const [answer, kind, text] of cases) {
      const s = await startRawServer((_req, res) => answer(res));
      try {
        const r = await fetchEhrPatient(s.base, RENATO, { authorization: null });
        expect(r).toMatchObject({ ok: false, kind });
        expect(r.ok ? '' : r.message).toContain(text);
      } finally {
        await s.close();
      }
    }
  });

  it('an answer over the size limit is refused, declared or not', async () => {
    expect(await fetchEhrPatient(open.base, RENATO, { authorization: null, maxBytes: 512 })).toMatchObject({ ok: false, kind: 'too-large', message: `The FHIR server's answer to Patient/${RENATO} is larger than 1 KB` });
    const chunked = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.write('{"resourceType":"Patient","id":"x","text":"');
      res.end(`${'x'.repeat(4096)}"}`);
    });
    try {
      expect(await fetchEhrPatient(chunked.base, 'x', { authorization: null, maxBytes: 1024 })).toMatchObject({ ok: false, kind: 'too-large' });
    } finally {
      await chunked.close();
    }
    expect(await fetchEhrPatient(open.base, RENATO, { authorization: null, maxTotalBytes: 20_000 })).toMatchObject({ ok: false, kind: 'too-large', message: expect.stringContaining('reached the size limit') });
  });

  it('a next link to another origin is not followed', async () => {
    const seen: string[] = [];
    const s = await startRawServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      if (req.url?.startsWith('/fhir/Patient/')) return res.end(JSON.stringify({ resourceType: 'Patient', id: 'p1', birthDate: '1970-01-01', gender: 'female' }));
      res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: 'http://169.254.169.254/fhir/next' }], entry: [] }));
    });
    try {
      expect((await fetchEhrPatient(s.base, 'p1', { authorization: null })).ok).toBe(true);
      expect(seen).toHaveLength(5);
    } finally {
      await s.close();
    }
  });
});
