// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/v1/evaluate/route';
import { ZEvaluationOutputSchema } from '@/lib/rules/output-schema';
import { issueApiToken, revokeApiToken } from '@/lib/services/tokens';
import { loadVignettes } from '../vignettes';
import { actorFor, createTestDatabase, type TestDatabase } from './database';

let db: TestDatabase;
let token = '';
let tokenId = '';

beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  const issued = await issueApiToken(await actorFor(db.client, 'admin@demo.test'), { name: 'EHR integration' });
  if (!issued.ok) throw new Error('token setup failed');
  token = issued.data.secret;
  tokenId = issued.data.id;
});
afterAll(async () => db.dispose());

const post = (body: string, type = 'application/json', auth: string | null = `Bearer ${token}`) =>
  POST(new Request('http://127.0.0.1/api/v1/evaluate', { method: 'POST', headers: { 'content-type': type, ...(auth ? { authorization: auth } : {}) }, body }));

describe('POST /api/v1/evaluate', () => {
  it('answers the contract for every clinical case', async () => {
    for (const v of loadVignettes()) {
      const res = await post(JSON.stringify(v.input));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(ZEvaluationOutputSchema.safeParse(await res.json()).success).toBe(true);
    }
  });

  it('answers 400 with field-level issues on bad input', async () => {
    const res = await post(JSON.stringify({ patient: { ageYears: 'forty', sex: 'x' }, labs: [{ analyte: 'unobtainium', value: 1, unit: 'g' }] }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(body.error).toBe('invalid-input');
    expect(body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['patient.ageYears', 'patient.sex', 'labs.0.analyte']));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers 400 on malformed JSON, 415 on another media type, 413 on an oversized body', async () => {
    expect((await post('{"patient":')).status).toBe(400);
    expect((await post('{}', 'text/plain')).status).toBe(415);
    expect((await post(JSON.stringify({ pad: 'x'.repeat(70_000) }))).status).toBe(413);
  });

  it('refuses a request without a session or token, with a wrong token, and after revocation', async () => {
    const body = JSON.stringify(loadVignettes()[0]!.input);
    expect((await post(body, 'application/json', null)).status).toBe(401);
    expect((await post(body, 'application/json', 'Bearer rlsw_not-a-real-token-at-all-000000')).status).toBe(401);
    const before = await db.client.auditEvent.count({ where: { action: 'api.evaluate' } });
    expect((await post(body)).status).toBe(200);
    expect(await db.client.auditEvent.count({ where: { action: 'api.evaluate' } })).toBe(before + 1);
    const stored = await db.client.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports an implausible value as rejected, not as an error', async () => {
    const res = await post(JSON.stringify({ asOf: '2026-11-23', patient: { ageYears: 40, sex: 'male' }, labs: [{ analyte: 'ferritin', value: -5, unit: 'ng/mL' }] }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { inputs: { status: string; message: string }[] };
    expect(body.inputs[0]).toMatchObject({ status: 'rejected' });
    expect(body.inputs[0]!.message).toContain('−5 ng/mL');
  });
});

describe('API token revocation', () => {
  it('stops a revoked token at once', async () => {
    const admin = await actorFor(db.client, 'admin@demo.test');
    expect((await revokeApiToken(admin, tokenId)).ok).toBe(true);
    expect((await post(JSON.stringify(loadVignettes()[0]!.input))).status).toBe(401);
    const clinician = await actorFor(db.client, 'clinician@demo.test');
    expect(await issueApiToken(clinician, { name: 'not allowed' })).toMatchObject({ ok: false });
  });
});
