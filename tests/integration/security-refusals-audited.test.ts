// @vitest-environment node
// Every refused write is an audit event with outcome "denied" — also the refusals made before any
// service runs: the proxy turning away a server-action request (403 origin, 400 body, 413, 415),
// Better Auth's own endpoints, a route handler without a session or from another site, the in-action
// origin checks of sign-in and sign-out. For the signed-in user when the cookie holds a live session
// (always written), else for the client address (anonymous: bounded under a flood, with a summary).
// Real route handlers, the real proxy and Better Auth, on a real SQLite file.
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as auditExportGET } from '@/app/api/admin/audit/route';
import { POST as authPOST } from '@/app/api/auth/[...all]/route';
import { POST as fhirImportPOST } from '@/app/api/patients/[patientId]/fhir-import/route';
import { POST as evaluatePOST } from '@/app/api/v1/evaluate/route';
import type { Actor } from '@/lib/auth/actor';
import { getAuth } from '@/lib/auth/auth';
import { flushRefusalSummaries } from '@/lib/services/audit';
import { REFUSAL_LIMITS } from '@/lib/services/refusal-coalescer';
import { breakGlass } from '@/lib/services/break-glass';
import { createAssessment } from '@/lib/services/assessments';
import { editPatient, searchPatients } from '@/lib/services/patients';
import { refusedCrossSite } from '@/lib/services/refusals';
import { addReview } from '@/lib/services/reviews';
import { proxy } from '@/proxy';
import { fromPeer } from '../peer';
import { assessmentForm } from '../factories';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

let db: TestDatabase;
const ORIGIN = 'http://127.0.0.1:3000';
const HOST = '127.0.0.1:3000';
const ACTION_ID = `7f${'ab'.repeat(20)}`;

interface Session {
  cookie: string;
  userId: string;
  organisationId: string;
}
let demo: Session;
let north: Session;
let demoPatientId = '';
let northPatientId = '';
let demoAssessmentId = '';

/** Signs in through Better Auth; the Cookie header of the session. */
async function signedIn(email: string, password: string): Promise<Session> {
  const res = await getAuth().api.signInEmail({ body: { email, password }, headers: new Headers({ host: HOST, origin: ORIGIN, ...fromPeer('127.0.0.1') }), asResponse: true });
  expect(res.status).toBe(200);
  const u = await db.client.user.findUniqueOrThrow({ where: { email } });
  return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), userId: u.id, organisationId: u.organisationId };
}

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  demo = await signedIn('clinician@demo.test', 'demo-clinician-2026');
  north = await signedIn('clinician@northvalley.test', 'north-valley-2026');
  const demoActor = await actorFor(db.client, 'clinician@demo.test');
  demoPatientId = (await searchPatients(demoActor, 'DEMO-001'))[0]!.id;
  northPatientId = (await searchPatients(await actorFor(db.client, 'clinician@northvalley.test'), 'NV-001'))[0]!.id;
  const a = await createAssessment(demoActor, { patientId: demoPatientId, asOf: '2026-11-23', form: assessmentForm((f) => { f.labs.ferritin.value = '40'; }) });
  if (!a.ok) throw new Error('setup failed');
  demoAssessmentId = a.data.id;
});
afterAll(async () => db.dispose());

// Each case starts a fresh window of the anonymous-refusal budget, so the cases do not share it.
beforeEach(async () => {
  await flushRefusalSummaries();
});

const lastSeq = async () => (await db.client.auditEvent.findFirst({ orderBy: { seq: 'desc' } }))?.seq ?? 0;
const eventsAfter = (seq: number) => db.client.auditEvent.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: 'asc' } });

/** Runs a refused request; expects its status (or the answer of a check; null: a refused service result) and exactly one new `denied` event of `action`, matching `event`. */
async function expectAudited(call: () => Promise<Response | { ok: boolean } | boolean>, status: number | boolean | null, action: string, event: Record<string, unknown>) {
  const since = await lastSeq();
  const r = await call();
  if (status !== null) expect(r instanceof Response ? r.status : r).toBe(status);
  else expect(r).toMatchObject({ ok: false });
  const denied = (await eventsAfter(since)).filter((e) => e.action === action);
  expect(denied).toHaveLength(1);
  expect(denied[0]).toMatchObject({ outcome: 'denied', ...event });
}

/** A server-action request as a browser (or a forger) sends it, through the real proxy. */
function actionRequest(peer: string, headers: Record<string, string>, body: string, cookie?: string) {
  return new NextRequest(`${ORIGIN}/patients/new`, {
    method: 'POST',
    headers: { host: HOST, 'next-action': ACTION_ID, 'content-type': 'text/plain;charset=UTF-8', ...fromPeer(peer), ...(cookie ? { cookie } : {}), ...headers },
    body,
  });
}

const PROXY_REFUSALS: [name: string, headers: Record<string, string>, body: string, status: number, error: string][] = [
  ['a cross-site Origin', { origin: 'https://evil.example' }, '[]', 403, 'forbidden-origin'],
  ['a null Origin', { origin: 'null' }, '[]', 403, 'forbidden-origin'],
  ['no Origin and no Sec-Fetch-Site', {}, '[]', 403, 'forbidden-origin'],
  ['a cross-site Sec-Fetch-Site', { origin: ORIGIN, 'sec-fetch-site': 'cross-site' }, '[]', 403, 'forbidden-origin'],
  ['a truncated body', { origin: ORIGIN }, '[{"mrn":', 400, 'invalid-body'],
  ['a body that is not JSON', { origin: ORIGIN }, 'hello', 400, 'invalid-body'],
  ['a body nested 40 levels deep', { origin: ORIGIN }, `${'['.repeat(40)}${']'.repeat(40)}`, 400, 'invalid-body'],
  ['a flight reference', { origin: ORIGIN }, '["$@1"]', 400, 'invalid-body'],
  ['a body over 1 MB', { origin: ORIGIN }, `["${'x'.repeat(1024 * 1024)}"]`, 413, 'payload-too-large'],
  ['a multipart body', { origin: ORIGIN, 'content-type': 'multipart/form-data; boundary=x' }, '--x--', 415, 'unsupported-media-type'],
];

describe('server-action requests refused by the proxy', () => {
  it.each(PROXY_REFUSALS.map((c, i) => [...c, i] as const))('%s: anonymous, recorded for the client address', async (_name, headers, body, status, error, i) => {
    const peer = `198.51.100.${10 + i}`;
    await expectAudited(() => proxy(actionRequest(peer, headers, body)), status, 'server-action', {
      userId: null, clientAddress: peer, recordType: 'server-action', recordId: ACTION_ID, detail: expect.stringMatching(new RegExp(`^${error}: ${status} `)),
    });
  });

  it.each(PROXY_REFUSALS.map((c, i) => [...c, i] as const))('%s: with a live session cookie, recorded for that user', async (_name, headers, body, status, error, i) => {
    const peer = `203.0.113.${10 + i}`;
    await expectAudited(() => proxy(actionRequest(peer, headers, body, demo.cookie)), status, 'server-action', {
      userId: demo.userId, organisationId: demo.organisationId, clientAddress: peer, recordId: ACTION_ID, detail: expect.stringMatching(new RegExp(`^${error}: `)),
    });
  });

  it('a well-formed same-site action request passes the proxy, and nothing is recorded there', async () => {
    const since = await lastSeq();
    const res = await proxy(actionRequest('192.0.2.1', { origin: ORIGIN }, '[{"mrn":"X-1"}]', demo.cookie));
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(await eventsAfter(since)).toEqual([]);
  });

  it('an anonymous flood is bounded (a few events, then one summary); a signed-in user\'s refusals in it are all written', async () => {
    const peer = '198.51.100.250';
    const since = await lastSeq();
    for (let i = 0; i < 300; i++) expect((await proxy(actionRequest(peer, { origin: 'https://evil.example' }, '[]'))).status).toBe(403);
    for (let i = 0; i < 30; i++) expect((await proxy(actionRequest(peer, { origin: 'https://evil.example' }, '[]', north.cookie))).status).toBe(403);
    const during = await eventsAfter(since);
    expect(during.filter((e) => e.userId === null)).toHaveLength(REFUSAL_LIMITS.perAddress);
    expect(during.filter((e) => e.userId === north.userId)).toHaveLength(30);
    expect(await flushRefusalSummaries()).toBe(1);
    const summary = (await eventsAfter(since)).at(-1);
    expect(summary).toMatchObject({ action: 'audit.refusals-coalesced', outcome: 'denied', userId: null, clientAddress: peer });
    expect(summary!.detail).toMatch(new RegExp(`^${300 - REFUSAL_LIMITS.perAddress} more anonymous refusals from this address .*: server-action:forbidden-origin=${300 - REFUSAL_LIMITS.perAddress}$`));
  });
});

const authRequest = (path: string, headers: Record<string, string>, peer: string) =>
  new Request(`${ORIGIN}/api/auth${path}`, { method: 'POST', headers: { host: HOST, 'content-type': 'application/json', ...fromPeer(peer), ...headers }, body: JSON.stringify({ email: 'new@demo.test', password: 'long-enough-password', name: 'New' }) });

describe('Better Auth endpoints: a refused write is recorded with the endpoint and the reason', () => {
  it.each([
    ['self-service sign-up (closed)', '/sign-up/email', { origin: ORIGIN }, false, 404, 'NOT_FOUND'],
    ['a password check over HTTP (closed)', '/sign-in/email', { origin: ORIGIN }, false, 404, 'NOT_FOUND'],
    ['turning the second factor off over HTTP (closed), signed in', '/two-factor/disable', { origin: ORIGIN }, true, 404, 'NOT_FOUND'],
    ['revoking sessions without a session', '/revoke-sessions', { origin: ORIGIN }, false, 401, 'UNAUTHORIZED'],
    ['revoking sessions from another site, with the session cookie', '/revoke-sessions', { origin: 'https://evil.example' }, true, 403, 'INVALID_ORIGIN'],
  ] as const)('%s', async (_name, path, headers, withCookie, status, code) => {
    const peer = '198.51.100.77';
    await expectAudited(() => authPOST(authRequest(path, { ...headers, ...(withCookie ? { cookie: demo.cookie } : {}) }, peer)), status, 'auth.endpoint', {
      userId: withCookie ? demo.userId : null, clientAddress: peer, recordType: 'auth-endpoint', recordId: path, detail: `${code}: ${status}`,
    });
  });

  it('a refused sign-in or sign-out from another site (the actions\' own check) is recorded', async () => {
    const evil = (cookie?: string) => new Headers({ host: HOST, origin: 'https://evil.example', ...fromPeer('198.51.100.78'), ...(cookie ? { cookie } : {}) });
    await expectAudited(() => refusedCrossSite(evil(), 'auth.sign-in'), true, 'auth.sign-in', { userId: null, clientAddress: '198.51.100.78', detail: expect.stringMatching(/^cross-site: Origin https:\/\/evil\.example/) });
    await expectAudited(() => refusedCrossSite(evil(demo.cookie), 'auth.sign-out'), true, 'auth.sign-out', { userId: demo.userId });
    const since = await lastSeq();
    expect(await refusedCrossSite(new Headers({ host: HOST, origin: ORIGIN }), 'auth.sign-in')).toBe(false);
    expect(await eventsAfter(since)).toEqual([]);
  });
});

const json = (url: string, headers: Record<string, string>, body = '{}', type = 'application/json') =>
  new Request(url, { method: 'POST', headers: { host: HOST, 'content-type': type, ...headers }, body });

describe('route handlers: no session or token, another site, another clinic', () => {
  it('POST /api/v1/evaluate without credentials, with an unknown token, or from another site with the session cookie', async () => {
    const url = `${ORIGIN}/api/v1/evaluate`;
    await expectAudited(() => evaluatePOST(json(url, { ...fromPeer('198.51.100.90') })), 401, 'api.evaluate', { userId: null, clientAddress: '198.51.100.90', detail: 'unauthenticated' });
    await expectAudited(() => evaluatePOST(json(url, { ...fromPeer('198.51.100.91'), authorization: 'Bearer rlsw_not-a-real-token-at-all-000000' })), 401, 'api.evaluate', { userId: null, detail: 'unauthenticated: unknown or revoked token' });
    await expectAudited(() => evaluatePOST(json(url, { ...fromPeer('198.51.100.92'), cookie: demo.cookie, origin: 'https://evil.example' })), 403, 'api.evaluate', { userId: demo.userId, detail: expect.stringMatching(/^cross-site: /) });
  });

  it('POST /api/patients/:id/fhir-import without a session, from another site, on another clinic\'s patient, under a read-only break-glass grant', async () => {
    const url = (id: string) => `${ORIGIN}/api/patients/${id}/fhir-import`;
    const call = (id: string, headers: Record<string, string>) => fhirImportPOST(json(url(id), { ...fromPeer('198.51.100.95'), ...headers }), { params: Promise.resolve({ patientId: id }) });
    await expectAudited(() => call(demoPatientId, {}), 401, 'fhir.import', { userId: null, recordId: demoPatientId, detail: 'unauthenticated' });
    await expectAudited(() => call(demoPatientId, { cookie: demo.cookie, origin: 'https://evil.example' }), 403, 'fhir.import', { userId: demo.userId, detail: expect.stringMatching(/^cross-site: /) });
    await expectAudited(() => call(demoPatientId, { cookie: north.cookie, origin: ORIGIN }), 404, 'fhir.import', { userId: north.userId, recordId: demoPatientId, detail: 'patient-not-in-organisation' });
    const grant = await breakGlass(await actorFor(db.client, 'clinician@northvalley.test'), { organisationSlug: 'demo', mrn: 'DEMO-001', reason: 'Seen in the emergency department tonight, history needed', minutes: 15 });
    expect(grant.ok).toBe(true);
    await expectAudited(() => call(demoPatientId, { cookie: north.cookie, origin: ORIGIN }), 404, 'fhir.import', { userId: north.userId, patientId: demoPatientId, detail: 'break-glass-read-only' });
  });

  it('GET /api/admin/audit (the audit export) as a clinician', async () => {
    await expectAudited(() => auditExportGET(new Request(`${ORIGIN}/api/admin/audit`, { headers: { host: HOST, cookie: demo.cookie, ...fromPeer('198.51.100.96') } })), 403, 'audit.export', { userId: demo.userId, detail: 'not-admin' });
  });
});

describe('services: who may write is decided (and recorded) before what is written', () => {
  const northActor = (): Promise<Actor> => actorFor(db.client, 'clinician@northvalley.test');
  beforeAll(async () => {
    const grant = await breakGlass(await northActor(), { organisationSlug: 'demo', mrn: 'DEMO-001', reason: 'Seen in the emergency department tonight, history needed', minutes: 15 });
    expect(grant.ok).toBe(true);
  });

  it('a review with an invalid form on another clinic\'s assessment is still a recorded refusal', async () => {
    const actor = await northActor();
    await expectAudited(() => addReview(actor, demoAssessmentId, { targetType: 'nonsense' }), null, 'review.create', { userId: actor.userId, recordId: demoAssessmentId });
  });

  it('a patient edit with an invalid form on another clinic\'s patient is still a recorded refusal', async () => {
    const actor = await northActor();
    await expectAudited(() => editPatient(actor, demoPatientId, { mrn: '' }), null, 'patient.update', { userId: actor.userId, recordId: demoPatientId, detail: 'break-glass-read-only' });
    const demoActor = await actorFor(db.client, 'clinician@demo.test');
    await expectAudited(() => editPatient(demoActor, northPatientId, { mrn: '' }), null, 'patient.update', { recordId: northPatientId, detail: 'patient-not-in-organisation' });
  });

  it('a write under a read-only break-glass grant says so', async () => {
    const actor = await northActor();
    await expectAudited(() => createAssessment(actor, { patientId: demoPatientId, asOf: '2026-11-23', form: {} }), null, 'assessment.create', { detail: 'break-glass-read-only' });
    await expectAudited(() => addReview(actor, demoAssessmentId, { targetType: 'contributor', targetId: 'iron-deficiency', decision: 'accepted', reasonCode: '', comment: '' }), null, 'review.create', { detail: 'break-glass-read-only' });
  });
});
