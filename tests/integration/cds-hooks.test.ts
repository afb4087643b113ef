// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as discoveryGET, OPTIONS as discoveryOPTIONS } from '@/app/cds-services/route';
import { POST as hookPOST, OPTIONS as hookOPTIONS } from '@/app/cds-services/rls-workup/route';
import { POST as feedbackPOST } from '@/app/cds-services/rls-workup/feedback/route';
import { specViolations, type Card } from '@/lib/cds/cards';
import { PREFETCH } from '@/lib/cds/service';
import { openLaunch } from '@/lib/services/cds-launch';
import { overrideRateReport } from '@/lib/services/override-rates';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

// The CDS Hooks routes as an EHR calls them: real route handlers, a real SQLite database (client
// registration, replay store, cards, audit), keys generated here, and a real FHIR server over HTTP
// for the prefetch the EHR leaves out.
const BASE = 'http://127.0.0.1:3000';
const ISS = 'https://ehr.integration.test';
const SANDBOX_ISS = 'https://sandbox.cds-hooks.org';
const bundle = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/fhir/Louis_Maggio_2e275d4b-855a-4eb2-9021-5410aa8acd4f.json'), 'utf8')) as { entry: { resource: { resourceType: string; id: string; subject?: { reference: string }; code?: { coding?: { code?: string }[] } } }[] };
const resources = bundle.entry.map((e) => e.resource);
const PATIENT = 'bae2bf00-eca1-47fb-bb43-272f8de1449c';

let db: TestDatabase;
let key: CryptoKey;
let fhir: http.Server;
let fhirBase: string;
const fhirRequests: string[] = [];

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  const pair = await generateKeyPair('ES384', { extractable: true });
  key = pair.privateKey;
  const org = await db.client.organisation.findUniqueOrThrow({ where: { slug: 'demo' } });
  fhir = http.createServer((req, res) => {
    fhirRequests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    const u = new URL(req.url!, 'http://x');
    const [type, id] = u.pathname.replace(/^\/fhir/, '').split('/').filter(Boolean);
    const match = resources.filter((r) => r.resourceType === type && (id ? r.id === id : (r.subject?.reference ?? '').endsWith(u.searchParams.get('patient') ?? '\u0000')));
    res.writeHead(id && match.length === 0 ? 404 : 200, { 'content-type': 'application/fhir+json' });
    res.end(JSON.stringify(id ? match[0] ?? { resourceType: 'OperationOutcome', issue: [] } : { resourceType: 'Bundle', type: 'searchset', entry: match.map((resource) => ({ resource })) }));
  });
  // A port of the range this suite may use (FHIR_TEST_PORT to move it).
  await new Promise<void>((resolve) => fhir.listen(Number(process.env.FHIR_TEST_PORT ?? 4302), '127.0.0.1', resolve));
  fhirBase = `http://127.0.0.1:${(fhir.address() as AddressInfo).port}/fhir`;
  await db.client.cdsClient.create({
    data: { organisationId: org.id, name: 'Integration EHR', issuer: ISS, jwks: JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'int-1', alg: 'ES384' }] }), fhirServers: JSON.stringify([fhirBase]) },
  });
});
afterAll(async () => {
  await new Promise((resolve) => fhir.close(resolve));
  await db.dispose();
});

async function jwt(aud: string, extra: { iss?: string; kid?: string; jti?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: extra.iss ?? ISS, aud, iat: now, exp: now + 300, jti: extra.jti ?? randomUUID() })
    .setProtectedHeader({ alg: 'ES384', kid: extra.kid ?? 'int-1', typ: 'JWT' }).sign(key);
}
const hookUrl = `${BASE}/cds-services/rls-workup`;
async function callHook(body: unknown, token?: string): Promise<Response> {
  return hookPOST(new Request(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? (await jwt(hookUrl))}` }, body: JSON.stringify(body) }));
}
function prefetch(keys: string[]) {
  const codes = PREFETCH.observations!.split('code=')[1]!.split(',').map((c) => c.split('|')[1]);
  const set = (rs: typeof resources) => ({ resourceType: 'Bundle', type: 'searchset', entry: rs.map((resource) => ({ resource })) });
  const all: Record<string, unknown> = {
    patient: resources.find((r) => r.resourceType === 'Patient'),
    observations: set(resources.filter((r) => r.resourceType === 'Observation' && r.code?.coding?.some((c) => codes.includes(c.code)))),
    medicationRequests: set(resources.filter((r) => r.resourceType === 'MedicationRequest')),
    medicationStatements: set([]),
    conditions: set(resources.filter((r) => r.resourceType === 'Condition')),
  };
  return Object.fromEntries(keys.map((k) => [k, all[k]]));
}
const hook = (extra: object = {}) => ({ hook: 'patient-view', hookInstance: randomUUID(), context: { userId: 'Practitioner/1', patientId: PATIENT }, ...extra });

describe('CDS Hooks routes (real SQLite)', () => {
  it('discovery answers a trusted client, with CORS', async () => {
    const url = `${BASE}/cds-services`;
    const res = await discoveryGET(new Request(url, { headers: { authorization: `Bearer ${await jwt(url)}` } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { services: { id: string }[] };
    expect(body.services.map((s) => s.id)).toEqual(['rls-workup']);
    const audit = await db.client.auditEvent.findFirst({ where: { action: 'cds.discovery' }, orderBy: { seq: 'desc' } });
    expect(audit?.organisationId).toBeTruthy();
  });

  it('answers the browser preflight for authorization and content-type', async () => {
    for (const res of [discoveryOPTIONS(), hookOPTIONS()]) {
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/content-type/);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    }
  });

  it('refuses without a JWT, with the discovery audience on the hook, an unknown issuer or kid, and a replay; each refusal audited', async () => {
    const before = await db.client.auditEvent.count({ where: { action: 'cds.auth', outcome: 'denied' } });
    expect((await discoveryGET(new Request(`${BASE}/cds-services`))).status).toBe(401);
    expect((await callHook(hook({ prefetch: prefetch(Object.keys(PREFETCH)) }), await jwt(`${BASE}/cds-services`))).status).toBe(401);
    expect((await callHook(hook(), await jwt(hookUrl, { iss: 'https://unknown.example' }))).status).toBe(401);
    // The sandbox's issuer is known, but this key is not the sandbox's pinned key.
    expect((await callHook(hook(), await jwt(hookUrl, { iss: SANDBOX_ISS, kid: '44823f3d-0b01-4a6c-a80e-b9d3e8a7226f' }))).status).toBe(401);
    expect((await callHook(hook(), await jwt(hookUrl, { kid: 'int-2' }))).status).toBe(401);
    const token = await jwt(hookUrl);
    expect((await callHook(hook({ prefetch: prefetch(Object.keys(PREFETCH)) }), token)).status).toBe(200);
    const replay = await callHook(hook({ prefetch: prefetch(Object.keys(PREFETCH)) }), token);
    expect(replay.status).toBe(401);
    const text = await replay.text();
    expect(text).toContain('replayed');
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(await db.client.auditEvent.count({ where: { action: 'cds.auth', outcome: 'denied' } })).toBe(before + 6);
  });

  it('patient-view with full prefetch: conformant cards, remembered for feedback, audited; the FHIR server is not called', async () => {
    fhirRequests.length = 0;
    const res = await callHook(hook({ prefetch: prefetch(Object.keys(PREFETCH)) }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { cards: Card[] };
    expect(specViolations(body)).toEqual([]);
    expect(body.cards.length).toBeGreaterThan(0);
    for (const c of body.cards) expect(c.summary.length).toBeLessThan(140);
    expect(body.cards.map((c) => c.source.topic?.code)).toEqual(expect.arrayContaining(['glycemia', 'medication', 'labs']));
    const stored = await db.client.cdsCard.findMany({ where: { id: { in: body.cards.map((c) => c.uuid) } } });
    expect(stored).toHaveLength(body.cards.length);
    expect(fhirRequests).toEqual([]);
    const audit = await db.client.auditEvent.findFirst({ where: { action: 'cds.patient-view' }, orderBy: { seq: 'desc' } });
    expect(audit?.detail).toMatch(/^cards=\d+; topics=.*labs; fetched=none$/);
  });

  it('a missing prefetch key is fetched from the registered fhirServer with the fhirAuthorization token', async () => {
    fhirRequests.length = 0;
    const res = await callHook(hook({
      fhirServer: fhirBase, prefetch: prefetch(['patient', 'observations']),
      fhirAuthorization: { access_token: 'ehr-token-123', token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'rls-workup' },
    }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(fhirRequests).toEqual([
      `GET /fhir/MedicationRequest?patient=${PATIENT} Bearer ehr-token-123`,
      `GET /fhir/MedicationStatement?patient=${PATIENT} Bearer ehr-token-123`,
      `GET /fhir/Condition?patient=${PATIENT} Bearer ehr-token-123`,
    ]);
    const body = (await res.json()) as { cards: Card[] };
    expect(body.cards.map((c) => c.source.topic?.code)).toEqual(expect.arrayContaining(['glycemia', 'medication']));
  });

  it('412 with an OperationOutcome when a key is missing and cannot be fetched', async () => {
    const res = await callHook(hook({ prefetch: prefetch(['patient']) }));
    expect(res.status).toBe(412);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error' }] });
    const unknownPatient = await callHook({ ...hook({ fhirServer: fhirBase }), context: { userId: 'Practitioner/1', patientId: 'no-such-patient' } });
    expect(unknownPatient.status).toBe(412);
  });

  it('refuses a body over the limit and one that is not JSON', async () => {
    const token = await jwt(hookUrl);
    const big = await hookPOST(new Request(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: `"${'x'.repeat(9 * 1024 * 1024)}"` }));
    expect(big.status).toBe(413);
    const text = await hookPOST(new Request(hookUrl, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${await jwt(hookUrl)}` }, body: 'hello' }));
    expect(text.status).toBe(415);
  });

  it('feedback: accepted and overridden outcomes are stored against the card with reason and comment; audience is the feedback URL', async () => {
    const res = await callHook(hook({ prefetch: prefetch(Object.keys(PREFETCH)) }));
    const { cards } = (await res.json()) as { cards: Card[] };
    const withSuggestion = cards.find((c) => c.suggestions)!;
    const other = cards.find((c) => c !== withSuggestion)!;
    const url = `${hookUrl}/feedback`;
    const send = async (body: unknown, aud = url) => feedbackPOST(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await jwt(aud)}` }, body: JSON.stringify(body) }));
    const items = {
      feedback: [
        { card: withSuggestion.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: withSuggestion.suggestions![0]!.uuid }], outcomeTimestamp: '2026-11-27T10:05:31Z' },
        { card: other.uuid, outcome: 'overridden', overrideReason: { reason: other.overrideReasons![1], userComment: 'Seen by nephrology last week' }, outcomeTimestamp: '2026-11-27T10:06:00Z' },
      ],
    };
    expect((await send(items, hookUrl)).status).toBe(401);
    const ok = await send(items);
    expect(ok.status).toBe(200);
    const stored = await db.client.cdsFeedback.findMany({ where: { cardId: { in: [withSuggestion.uuid, other.uuid] } }, orderBy: { outcomeAt: 'asc' } });
    expect(stored.map((f) => [f.outcome, f.reasonCode, f.comment])).toEqual([['accepted', null, null], ['overridden', 'not-applicable', 'Seen by nephrology last week']]);
    expect(stored[0]!.acceptedSuggestions).toBe(withSuggestion.suggestions![0]!.uuid);
    // Unknown card, accepted without suggestions, bad timestamp: refused whole, nothing stored.
    const before = await db.client.cdsFeedback.count();
    expect((await send({ feedback: [{ card: randomUUID(), outcome: 'overridden', outcomeTimestamp: '2026-11-27T10:06:00Z' }] })).status).toBe(400);
    // Feedback on a card this client was never given is a refused write: recorded as denied.
    expect(await db.client.auditEvent.findFirst({ where: { action: 'cds.feedback' }, orderBy: { seq: 'desc' } })).toMatchObject({ outcome: 'denied', detail: 'card-not-returned-to-this-client' });
    expect((await send({ feedback: [{ card: other.uuid, outcome: 'accepted', outcomeTimestamp: '2026-11-27T10:06:00Z' }] })).status).toBe(400);
    expect((await send({ feedback: [{ card: other.uuid, outcome: 'overridden', outcomeTimestamp: 'yesterday' }] })).status).toBe(400);
    expect(await db.client.cdsFeedback.count()).toBe(before);

    // The admin's override-rate page counts it per rule.
    const rows = await overrideRateReport(await actorFor(db.client, 'admin@demo.test'));
    const overriddenRules = (await db.client.cdsCard.findUniqueOrThrow({ where: { id: other.uuid } })).ruleIds.split(',');
    const row = rows.find((r) => r.ruleId === overriddenRules[0])!;
    expect(row.overridden).toBeGreaterThanOrEqual(1);
    expect(row.shown).toBeGreaterThanOrEqual(1);
    expect(row.reasons).toContainEqual({ reason: 'not-applicable', count: expect.any(Number) });
    expect(row.bySource.ehr.overridden).toBeGreaterThanOrEqual(1);
  });

  it('each card links to the pre-filled assessment; the link opens for the clinic only, with its patients of that birth date and sex', async () => {
    const res = await callHook(hook({ prefetch: prefetch(Object.keys(PREFETCH)) }));
    const { cards } = (await res.json()) as { cards: Card[] };
    const url = cards[0]!.links![0]!.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/cds\/open\/[A-Za-z0-9_-]{32}$/);
    expect(new Set(cards.map((c) => c.links![0]!.url)).size).toBe(1);
    const token = url.split('/').pop()!;
    const org = await db.client.organisation.findUniqueOrThrow({ where: { slug: 'demo' } });
    await db.client.patient.create({ data: { organisationId: org.id, mrn: 'EHR-LOUIS', givenName: 'Louis', familyName: 'Maggio', birthDate: '1976-01-16', sex: 'male' } });
    const opened = await openLaunch(await actorFor(db.client, 'clinician@demo.test'), token);
    expect(opened?.imp.patient).toMatchObject({ id: PATIENT, birthDate: '1976-01-16', sex: 'male' });
    expect(opened?.candidates.map((p) => p.mrn)).toEqual(['EHR-LOUIS']);
    expect(await openLaunch(await actorFor(db.client, 'clinician@northvalley.test'), token)).toBeNull();
    expect(await openLaunch(await actorFor(db.client, 'clinician@demo.test'), 'not-a-token-but-long-enough')).toBeNull();
    const events = await db.client.auditEvent.findMany({ where: { action: 'cds.launch.open' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.outcome)).toEqual(['success', 'denied', 'denied']);
    expect(await db.client.assessment.count({ where: { patient: { mrn: 'EHR-LOUIS' } } })).toBe(0);
  });

  it('the demo seed pins the sandbox\'s public key for the Demo clinic', async () => {
    const sandbox = await db.client.cdsClient.findUniqueOrThrow({ where: { issuer: SANDBOX_ISS }, include: { organisation: true } });
    expect(sandbox.organisation.slug).toBe('demo');
    const jwks = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/cds-hooks-sandbox-jwks.json'), 'utf8')) as { keys: object[] };
    expect(JSON.parse(sandbox.jwks)).toEqual(jwks);
  });
});
