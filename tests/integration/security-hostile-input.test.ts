// @vitest-environment node
// A corpus of hostile input sent to every service that writes and to POST /api/v1/evaluate, on a real
// database: wrong types, missing fields, overlong strings, markup, huge and non-finite numbers, wrong
// units, unknown analytes, malformed and oversized bodies. Each is answered with field-level errors
// (services) or a 4xx with issues (the route), and nothing is written. Free text that is valid is
// stored as typed (it is rendered as text; see tests/e2e/security.spec.ts). An internal failure of the
// engine fails safe: "assessment incomplete", nothing saved, no stack trace.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as evaluatePOST } from '@/app/api/v1/evaluate/route';
import type { Actor } from '@/lib/auth/actor';
import * as rules from '@/lib/rules';
import type { TAssessmentForm } from '@/lib/schemas/assessment';
import { createAssessment } from '@/lib/services/assessments';
import { createPatient, editPatient, searchPatients } from '@/lib/services/patients';
import { addReview } from '@/lib/services/reviews';
import { signIn } from '@/lib/services/sign-in';
import { issueApiToken } from '@/lib/services/tokens';
import { actorFor, createTestDatabase, type TestDatabase } from './database';
import { fromPeer } from '../peer';
import { assessmentForm } from '../factories';

let db: TestDatabase;
let clinician: Actor;
let admin: Actor;
let north: Actor;
let patientId = '';
let northPatientId = '';
let assessmentId = '';
let northAssessmentId = '';
let token = '';

const LONG = 'x'.repeat(10_000);
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
/** A stack-trace line: "at fn (/path/file.ts:12:5)" or "at /path/file.js:1:2". */
const STACK = /\bat\s+(?:\S+\s+\()?(?:file:\/\/)?\/?[\w./@-]+\.(?:ts|tsx|js|mjs|cjs):\d+/;


beforeAll(async () => {
  db = createTestDatabase();
  db.install();
  clinician = await actorFor(db.client, 'clinician@demo.test');
  admin = await actorFor(db.client, 'admin@demo.test');
  north = await actorFor(db.client, 'clinician@northvalley.test');
  patientId = (await searchPatients(clinician, 'DEMO-001'))[0]!.id;
  northPatientId = (await searchPatients(north, 'NV-001'))[0]!.id;
  const a = await createAssessment(clinician, { patientId, asOf: '2026-11-23', form: assessmentForm((f) => { f.labs.ferritin.value = '40'; f.medicationsText = 'sertraline 50 mg'; }) });
  const b = await createAssessment(north, { patientId: northPatientId, asOf: '2026-11-23', form: assessmentForm((f) => { f.labs.ferritin.value = '40'; }) });
  const t = await issueApiToken(admin, { name: 'Hostile input corpus' });
  if (!a.ok || !b.ok || !t.ok) throw new Error('setup failed');
  assessmentId = a.data.id;
  northAssessmentId = b.data.id;
  token = t.data.secret;
});
afterAll(async () => db.dispose());

/** Row counts of everything a hostile request must not change. */
const counts = async () => ({
  patients: await db.client.patient.count(),
  assessments: await db.client.assessment.count(),
  reviews: await db.client.review.count(),
  apiTokens: await db.client.apiToken.count(),
  sessions: await db.client.session.count(),
});

/** Runs a hostile call and checks it changed nothing. */
async function unchanged<T>(call: () => Promise<T>): Promise<T> {
  const before = await counts();
  const result = await call();
  expect(await counts()).toEqual(before);
  return result;
}

function expectFieldErrors(r: { ok: boolean; fieldErrors?: Record<string, string[]>; message?: string }, field: string) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(Object.keys(r.fieldErrors ?? {})).toContain(field);
  for (const messages of Object.values(r.fieldErrors ?? {})) for (const m of messages) {
    // Field messages are short and never echo a 10 000-character input or a stack trace.
    expect(m.length).toBeLessThan(300);
    expect(m).not.toMatch(STACK);
  }
}

const PATIENT = { mrn: 'HOST-1', givenName: 'Ada', familyName: 'Hostile', birthDate: '1970-01-01', sex: 'female' };

const PATIENT_CORPUS: [string, unknown, string][] = [
  ['null', null, '_form'],
  ['a string', 'mrn=HOST-1&sex=female', '_form'],
  ['an array', [PATIENT], '_form'],
  ['a number', 1e308, '_form'],
  ['no fields', {}, 'mrn'],
  ['a missing given name', { ...PATIENT, givenName: undefined }, 'givenName'],
  ['an MRN that is a number', { ...PATIENT, mrn: 12345 }, 'mrn'],
  ['an MRN of 10 000 characters', { ...PATIENT, mrn: LONG }, 'mrn'],
  ['markup in the MRN', { ...PATIENT, mrn: SCRIPT }, 'mrn'],
  ['SQL in the MRN', { ...PATIENT, mrn: "DEMO-001' OR '1'='1" }, 'mrn'],
  ['a given name of 10 000 characters', { ...PATIENT, givenName: LONG }, 'givenName'],
  ['a family name of 10 000 characters', { ...PATIENT, familyName: LONG }, 'familyName'],
  ['a blank family name', { ...PATIENT, familyName: '   ' }, 'familyName'],
  ['a given name that is an array', { ...PATIENT, givenName: ['Ada'] }, 'givenName'],
  ['a given name that is an object', { ...PATIENT, givenName: { toString: 'Ada' } }, 'givenName'],
  ['a birth date that is a huge number', { ...PATIENT, birthDate: 1e308 }, 'birthDate'],
  ['a birth date of "Infinity"', { ...PATIENT, birthDate: 'Infinity' }, 'birthDate'],
  ['a birth date of "NaN"', { ...PATIENT, birthDate: 'NaN' }, 'birthDate'],
  ['a birth date that is not a calendar date', { ...PATIENT, birthDate: '1970-02-30' }, 'birthDate'],
  ['a birth date before 1900', { ...PATIENT, birthDate: '1066-10-14' }, 'birthDate'],
  ['a birth date with a time and markup', { ...PATIENT, birthDate: `1970-01-01T00:00:00Z${SCRIPT}` }, 'birthDate'],
  ['an unknown sex', { ...PATIENT, sex: 'other' }, 'sex'],
  ['a sex of null', { ...PATIENT, sex: null }, 'sex'],
];

describe('createPatient and editPatient', () => {
  it.each(PATIENT_CORPUS)('createPatient refuses %s at the field, writing nothing', async (_name, form, field) => {
    expectFieldErrors(await unchanged(() => createPatient(clinician, form)), field);
  });

  it.each(PATIENT_CORPUS)('editPatient refuses %s at the field, changing nothing', async (_name, form, field) => {
    const before = await db.client.patient.findUniqueOrThrow({ where: { id: patientId } });
    expectFieldErrors(await unchanged(() => editPatient(clinician, patientId, form)), field);
    expect(await db.client.patient.findUniqueOrThrow({ where: { id: patientId } })).toEqual(before);
  });

  it.each([
    ['an overlong id', LONG],
    ['another clinic\'s patient', 'north'],
    ['an id with SQL', "x' OR '1'='1"],
  ])('editPatient refuses %s as the patient', async (_name, id) => {
    const target = id === 'north' ? northPatientId : id;
    const before = await db.client.patient.findMany({ orderBy: { id: 'asc' } });
    const r = await unchanged(() => editPatient(clinician, target, { ...PATIENT, mrn: 'HOST-EDIT' }));
    expect(r).toEqual({ ok: false, message: 'Patient not found', fieldErrors: {} });
    expect(await db.client.patient.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('stores markup in a name as typed (it is text, escaped when rendered), never interpreted', async () => {
    const r = await createPatient(clinician, { ...PATIENT, mrn: 'HOST-HTML', givenName: IMG, familyName: SCRIPT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await db.client.patient.findUniqueOrThrow({ where: { id: r.data.id } })).toMatchObject({ givenName: IMG, familyName: SCRIPT });
  });

  it('ignores fields that are not in the form (no mass assignment of the organisation or id)', async () => {
    const r = await createPatient(clinician, { ...PATIENT, mrn: 'HOST-MASS', id: 'chosen-id', organisationId: north.organisationId, createdAt: '2000-01-01' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.id).not.toBe('chosen-id');
    expect(r.data.organisationId).toBe(clinician.organisationId);
  });
});

describe('createAssessment (the intake form)', () => {
  const lab = (analyte: string, value: unknown, unit?: string) => (f: TAssessmentForm) => {
    const l = (f.labs as Record<string, { value: unknown; unit: unknown; collectedOn: string }>)[analyte]!;
    l.value = value;
    if (unit !== undefined) l.unit = unit;
  };
  const ASSESSMENT_CORPUS: [string, unknown, string][] = [
    ['null', null, '_form'],
    ['an array', [], '_form'],
    ['no fields', {}, 'labs'],
    ['labs that are a string', { ...assessmentForm(), labs: 'ferritin=40' }, 'labs'],
    ['only an unknown analyte', { ...assessmentForm(), labs: { unobtainium: { value: '1', unit: 'g', collectedOn: '' } } }, 'labs.ferritin'],
    ['a value that is a number, not text', assessmentForm(lab('ferritin', 40)), 'labs.ferritin.value'],
    ['a value of 1e308', assessmentForm(lab('ferritin', '1e308')), 'labs.ferritin.value'],
    ['a value of -1e308', assessmentForm(lab('tsat', '-1e308')), 'labs.tsat.value'],
    ['a value of 1e309 (Infinity once parsed)', assessmentForm(lab('ferritin', '1e309')), 'labs.ferritin.value'],
    ['a value of "Infinity"', assessmentForm(lab('ferritin', 'Infinity')), 'labs.ferritin.value'],
    ['a value of "-Infinity"', assessmentForm(lab('egfr', '-Infinity')), 'labs.egfr.value'],
    ['a value of "NaN"', assessmentForm(lab('ferritin', 'NaN')), 'labs.ferritin.value'],
    ['a hexadecimal value', assessmentForm(lab('ferritin', '0x28')), 'labs.ferritin.value'],
    ['a value with markup', assessmentForm(lab('ferritin', `40${SCRIPT}`)), 'labs.ferritin.value'],
    ['a value of 10 000 characters', assessmentForm(lab('ferritin', '4'.repeat(10_000))), 'labs.ferritin.value'],
    ['a unit that does not fit the analyte', assessmentForm(lab('ferritin', '40', 'mmol/mol')), 'labs.ferritin.unit'],
    ['a made-up unit', assessmentForm(lab('ferritin', '40', 'furlongs')), 'labs.ferritin.unit'],
    ['a unit of 10 000 characters', assessmentForm(lab('ferritin', '40', LONG)), 'labs.ferritin.unit'],
    ['a collection date that is not a date', assessmentForm((f) => { f.labs.ferritin.value = '40'; f.labs.ferritin.collectedOn = 'yesterday'; }), 'labs.ferritin.collectedOn'],
    ['a shared collection date of 10 000 characters', assessmentForm((f) => { f.collectedOn = LONG; }), 'collectedOn'],
    ['weeks of pregnancy of 1e308', assessmentForm((f) => { f.pregnant = 'yes'; f.pregnancyWeeks = '1e308'; }), 'pregnancyWeeks'],
    ['weeks of pregnancy of 99', assessmentForm((f) => { f.pregnant = 'yes'; f.pregnancyWeeks = '99'; }), 'pregnancyWeeks'],
    ['an unknown dialysis value', assessmentForm((f) => { (f as { dialysis: string }).dialysis = 'sometimes'; }), 'dialysis'],
    ['"no medications" as text', assessmentForm((f) => { (f as { noMedications: unknown }).noMedications = 'yes'; }), 'noMedications'],
    ['a medication line of 10 000 characters', assessmentForm((f) => { f.medicationsText = LONG; }), 'medicationsText'],
    ['a medication list of 30 000 characters', assessmentForm((f) => { f.medicationsText = 'sertraline\n'.repeat(3_000); }), 'medicationsText'],
    ['medications that are an array', assessmentForm((f) => { (f as { medicationsText: unknown }).medicationsText = ['sertraline']; }), 'medicationsText'],
  ];

  it.each(ASSESSMENT_CORPUS)('refuses %s at the field, saving nothing', async (_name, form, field) => {
    const r = await unchanged(() => createAssessment(clinician, { patientId, form, asOf: '2026-11-23' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors).some((k) => k === field || k.startsWith(`${field}.`))).toBe(true);
  });

  it.each([
    ['an overlong patient id', { patientId: LONG }],
    ['another clinic\'s patient', { patientId: 'north' }],
    ['a correction of another clinic\'s assessment', { supersedesId: 'north' }],
    ['a correction of an overlong id', { supersedesId: LONG }],
  ] as [string, { patientId?: string; supersedesId?: string }][])('refuses %s, saving nothing', async (_name, o) => {
    const options = {
      patientId: o.patientId === 'north' ? northPatientId : o.patientId ?? patientId,
      supersedesId: o.supersedesId === 'north' ? northAssessmentId : o.supersedesId ?? null,
      form: assessmentForm(lab('ferritin', '40')), asOf: '2026-11-23',
    };
    expect(await unchanged(() => createAssessment(clinician, options))).toMatchObject({ ok: false, fieldErrors: {} });
  });

  it('drops an unknown analyte next to valid ones: it is never stored or evaluated', async () => {
    const form = { ...assessmentForm(lab('ferritin', '40')), labs: { ...assessmentForm(lab('ferritin', '40')).labs, unobtainium: { value: '1', unit: 'g', collectedOn: '' } } };
    const r = await createAssessment(clinician, { patientId, form, asOf: '2026-11-23' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const stored = await db.client.assessment.findUniqueOrThrow({ where: { id: r.data.id } });
    expect(JSON.stringify(stored.input)).not.toContain('unobtainium');
  });

  it('keeps markup in the medication list as text: unrecognised, never interpreted', async () => {
    const r = await createAssessment(clinician, { patientId, form: assessmentForm((f) => { f.medicationsText = `${SCRIPT}\n${IMG}`; }), asOf: '2026-11-23' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const stored = await db.client.assessment.findUniqueOrThrow({ where: { id: r.data.id } });
    expect((stored.input as { medications: { entries: string[] } }).medications.entries).toEqual([SCRIPT, IMG]);
  });
});

describe('addReview', () => {
  const REVIEW = { targetType: 'contributor', targetId: 'iron-deficiency', decision: 'accepted', reasonCode: '', comment: '' };
  const REVIEW_CORPUS: [string, unknown, string][] = [
    ['null', null, '_form'],
    ['no fields', {}, 'targetType'],
    ['an unknown target type', { ...REVIEW, targetType: 'patient' }, 'targetType'],
    ['a target id of 10 000 characters', { ...REVIEW, targetId: LONG }, 'targetId'],
    ['a target that is not in the assessment', { ...REVIEW, targetId: 'unobtainium-deficiency' }, 'targetId'],
    ['a path as the target', { ...REVIEW, targetId: '../../etc/passwd' }, 'targetId'],
    ['a medication index of 1e308', { ...REVIEW, targetType: 'medication', targetId: '1e308', decision: 'confirmed' }, 'targetId'],
    ['a medication index of "Infinity"', { ...REVIEW, targetType: 'medication', targetId: 'Infinity', decision: 'confirmed' }, 'targetId'],
    ['a medication index of "NaN"', { ...REVIEW, targetType: 'medication', targetId: 'NaN', decision: 'confirmed' }, 'targetId'],
    ['a negative medication index', { ...REVIEW, targetType: 'medication', targetId: '-1', decision: 'confirmed' }, 'targetId'],
    ['a fractional medication index', { ...REVIEW, targetType: 'medication', targetId: '0.5', decision: 'confirmed' }, 'targetId'],
    ['an unknown decision', { ...REVIEW, decision: 'maybe' }, 'decision'],
    ['a decision that is a number', { ...REVIEW, decision: 1 }, 'decision'],
    ['a decision that does not fit the target', { ...REVIEW, decision: 'confirmed' }, 'decision'],
    ['a dismissal without a reason', { ...REVIEW, decision: 'dismissed' }, 'reasonCode'],
    ['an unknown reason', { ...REVIEW, decision: 'dismissed', reasonCode: 'bribe' }, 'reasonCode'],
    ['"other" without a comment', { ...REVIEW, decision: 'dismissed', reasonCode: 'other', comment: '   ' }, 'comment'],
    ['a comment of 10 000 characters', { ...REVIEW, comment: LONG }, 'comment'],
    ['a comment of 10 000 characters of markup', { ...REVIEW, comment: SCRIPT.repeat(400) }, 'comment'],
    ['a comment that is an object', { ...REVIEW, comment: { html: SCRIPT } }, 'comment'],
  ];

  it.each(REVIEW_CORPUS)('refuses %s at the field, saving nothing', async (_name, form, field) => {
    expectFieldErrors(await unchanged(() => addReview(clinician, assessmentId, form)), field);
  });

  it('refuses a review of another clinic\'s assessment, of an overlong id, and by an API token', async () => {
    expect(await unchanged(() => addReview(clinician, northAssessmentId, REVIEW))).toMatchObject({ ok: false, message: 'Assessment not found' });
    expect(await unchanged(() => addReview(clinician, LONG, REVIEW))).toMatchObject({ ok: false });
    expect(await unchanged(() => addReview({ ...clinician, via: 'token' }, assessmentId, REVIEW))).toMatchObject({ ok: false });
  });

  it('stores markup in a comment as typed (rendered as text)', async () => {
    const comment = `${SCRIPT} ${IMG}`;
    const r = await addReview(clinician, assessmentId, { ...REVIEW, decision: 'dismissed', reasonCode: 'other', comment });
    expect(r).toMatchObject({ ok: true, data: { comment } });
  });
});

describe('issueApiToken', () => {
  it.each([
    ['null', null, '_form'],
    ['no name', {}, 'name'],
    ['a name that is a number', { name: 1e308 }, 'name'],
    ['a name of 10 000 characters', { name: LONG }, 'name'],
    ['a name with markup', { name: SCRIPT }, 'name'],
    ['a name with SQL', { name: "x'); DROP TABLE api_tokens;--" }, 'name'],
    ['a name that is too short', { name: 'ab' }, 'name'],
    ['a name that is an array', { name: ['EHR'] }, 'name'],
  ])('refuses %s at the field, issuing nothing', async (_name, form, field) => {
    expectFieldErrors(await unchanged(() => issueApiToken(admin, form)), field);
  });

  it('refuses a clinician (not an admin) whatever the form', async () => {
    expect(await unchanged(() => issueApiToken(clinician, { name: 'Valid name' }))).toMatchObject({ ok: false });
  });
});

describe('signIn', () => {
  it.each([
    ['null', null, '_form'],
    ['no fields', {}, 'email'],
    ['an email of 10 000 characters', { email: `${LONG}@demo.test`, password: 'x' }, 'email'],
    ['markup as the email', { email: SCRIPT, password: 'x' }, 'email'],
    ['a password of 10 000 characters', { email: 'clinician@demo.test', password: LONG }, 'password'],
    ['a password that is a number', { email: 'clinician@demo.test', password: 1e308 }, 'password'],
  ])('refuses %s at the field, making no session', async (_name, form, field) => {
    expectFieldErrors(await unchanged(() => signIn(form, new Headers({ ...fromPeer('198.51.100.61'), host: '127.0.0.1' }))), field);
  });
});

describe('POST /api/v1/evaluate', () => {
  const VALID = { asOf: '2026-11-23', patient: { ageYears: 50, sex: 'male' }, labs: [{ analyte: 'ferritin', value: 40, unit: 'ng/mL' }] };
  const post = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
    evaluatePOST(new Request('http://127.0.0.1:3000/api/v1/evaluate', {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body,
      ...(typeof body === 'string' ? {} : { duplex: 'half' }),
    } as RequestInit));

  interface ErrorBody { error: string; message: string; issues: { path: string; message: string }[] }

  async function expect4xx(res: Response, status: number, error: string, path?: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).not.toMatch(STACK);
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error).toBe(error);
    expect(Array.isArray(body.issues)).toBe(true);
    if (path !== undefined) expect(body.issues.map((i) => i.path)).toContain(path);
    return body;
  }

  const lab = (l: Record<string, unknown>) => JSON.stringify({ ...VALID, labs: [{ ...VALID.labs[0], ...l }] });

  it.each([
    ['an empty object', '{}', 'patient'],
    ['an array', '[]', ''],
    ['null', 'null', ''],
    ['a number', '42', ''],
    ['a string', '"evaluate me"', ''],
    ['an age that is text', JSON.stringify({ ...VALID, patient: { ageYears: 'forty', sex: 'male' } }), 'patient.ageYears'],
    ['an age of 1e308', JSON.stringify({ ...VALID, patient: { ageYears: 1e308, sex: 'male' } }), 'patient.ageYears'],
    ['an age of 1e999 (Infinity once parsed)', '{"patient":{"ageYears":1e999,"sex":"male"}}', 'patient.ageYears'],
    ['a negative age', JSON.stringify({ ...VALID, patient: { ageYears: -1, sex: 'male' } }), 'patient.ageYears'],
    ['an unknown sex', JSON.stringify({ ...VALID, patient: { ageYears: 50, sex: SCRIPT } }), 'patient.sex'],
    ['a missing sex', JSON.stringify({ ...VALID, patient: { ageYears: 50 } }), 'patient.sex'],
    ['an unknown patient field', JSON.stringify({ ...VALID, patient: { ageYears: 50, sex: 'male', isAdmin: true } }), 'patient'],
    ['an unknown top-level field', JSON.stringify({ ...VALID, organisationId: 'other' }), ''],
    ['an unknown analyte', lab({ analyte: 'unobtainium' }), 'labs.0.analyte'],
    ['an analyte with markup', lab({ analyte: SCRIPT }), 'labs.0.analyte'],
    ['a value of "Infinity" (text)', lab({ value: 'Infinity' }), 'labs.0.value'],
    ['a value of "NaN" (text)', lab({ value: 'NaN' }), 'labs.0.value'],
    ['a value of "1e308" (text)', lab({ value: '1e308' }), 'labs.0.value'],
    ['a value of 1e999 (Infinity once parsed)', '{"patient":{"ageYears":50,"sex":"male"},"labs":[{"analyte":"ferritin","value":1e999,"unit":"ng/mL"}]}', 'labs.0.value'],
    ['a value of -1e999', '{"patient":{"ageYears":50,"sex":"male"},"labs":[{"analyte":"ferritin","value":-1e999,"unit":"ng/mL"}]}', 'labs.0.value'],
    ['a missing value', lab({ value: undefined }), 'labs.0.value'],
    ['a unit of 10 000 characters', lab({ unit: LONG }), 'labs.0.unit'],
    ['a unit that is a number', lab({ unit: 1 }), 'labs.0.unit'],
    ['a reference range with low above high', lab({ referenceRange: { low: 1e308, high: 1 } }), 'labs.0.referenceRange'],
    ['a collection date that is not a date', lab({ collectedOn: '2026-02-30' }), 'labs.0.collectedOn'],
    ['an assessment date of 10 000 characters', JSON.stringify({ ...VALID, asOf: LONG }), 'asOf'],
    ['labs that are an object', JSON.stringify({ ...VALID, labs: { ferritin: 40 } }), 'labs'],
    ['51 labs', JSON.stringify({ ...VALID, labs: Array.from({ length: 51 }, () => VALID.labs[0]) }), 'labs'],
    ['a medication line of 10 000 characters', JSON.stringify({ ...VALID, medications: { entries: [LONG] } }), 'medications.entries.0'],
    ['101 medication lines', JSON.stringify({ ...VALID, medications: { entries: Array.from({ length: 101 }, () => 'sertraline') } }), 'medications.entries'],
    ['medications that are text', JSON.stringify({ ...VALID, medications: SCRIPT }), 'medications'],
  ])('answers 400 invalid-input with issues for %s', async (_name, body, path) => {
    const res = await unchanged(() => post(body));
    await expect4xx(res, 400, 'invalid-input', path);
  });

  it.each([
    ['a truncated object', '{"patient":'],
    ['an empty body', ''],
    ['NaN', 'NaN'],
    ['a JavaScript object literal', "{patient: {ageYears: 50, sex: 'male'}}"],
    ['markup', SCRIPT],
    ['a trailing comma', '{"patient":{"ageYears":50,"sex":"male"},}'],
  ])('answers 400 invalid-json for %s', async (_name, body) => {
    await expect4xx(await unchanged(() => post(body)), 400, 'invalid-json');
  });

  it('answers 413 for an oversized body, declared or not', async () => {
    const big = JSON.stringify({ ...VALID, pad: 'x'.repeat(100_000) });
    await expect4xx(await unchanged(() => post(big)), 413, 'payload-too-large');
    // Streamed without a Content-Length: refused while reading, not after buffering it all.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 50 * 1024 * 1024) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    await expect4xx(await unchanged(() => post(stream)), 413, 'payload-too-large');
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it('answers 415 for a body that is not declared JSON', async () => {
    await expect4xx(await post(JSON.stringify(VALID), { 'content-type': 'text/plain' }), 415, 'unsupported-media-type');
    await expect4xx(await post(JSON.stringify(VALID), { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type');
    // Only application/json itself: not its look-alikes (the API takes no FHIR).
    for (const type of ['application/jsonp', 'application/json-patch+json', 'application/jsonx', 'application/fhir+json', 'multipart/form-data; boundary=x']) {
      await expect4xx(await post(JSON.stringify(VALID), { 'content-type': type }), 415, 'unsupported-media-type');
    }
    expect((await post(JSON.stringify(VALID), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await post(JSON.stringify(VALID), { 'content-type': 'Application/JSON' })).status).toBe(200);
  });

  it('judges an implausible value or a unit that does not fit per lab, as the contract says: rejected and never used', async () => {
    // The contract (shared/contract/EVALUATION.md, Inputs) reports such a lab as `rejected` inside a
    // 200 answer rather than failing the whole evaluation; it must never count towards a flag.
    for (const l of [{ value: 1e308 }, { value: -1e308 }, { value: 40, unit: 'furlongs' }, { value: 40, unit: 'mmol/mol' }]) {
      const res = await post(lab(l));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { inputs: { analyte: string; status: string }[]; contributors: { id: string; status: string }[] };
      expect(body.inputs[0]).toMatchObject({ analyte: 'ferritin', status: 'rejected' });
      expect(body.contributors.find((c) => c.id === 'iron-deficiency')?.status).not.toBe('flagged');
    }
  });

  it('returns markup in medication lines as JSON text, never as HTML', async () => {
    const res = await post(JSON.stringify({ ...VALID, medications: { entries: [SCRIPT] } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});

describe('failing safe', () => {
  afterEach(() => vi.restoreAllMocks());
  const boom = () => {
    throw new Error('engine exploded at evaluateFindings (/work/main/lib/rules/evaluate.ts:123:45)');
  };

  it('an internal failure of the engine: "Assessment incomplete", nothing saved, the failure audited', async () => {
    const spy = vi.spyOn(rules, 'evaluateFindings').mockImplementation(boom);
    const r = await unchanged(() => createAssessment(clinician, { patientId, form: assessmentForm((f) => { f.labs.ferritin.value = '40'; }), asOf: '2026-11-23' }));
    expect(spy).toHaveBeenCalled();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain('Assessment incomplete');
    expect(r.message).not.toContain('exploded');
    expect(r.message).not.toMatch(STACK);
    expect(r.message).not.toMatch(/no contributors/i);
    const event = await db.client.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(event).toMatchObject({ action: 'assessment.create', outcome: 'failure', detail: 'evaluation-error', patientId });
  });

  it('the same over HTTP: 500 "Assessment incomplete" without a stack trace', async () => {
    vi.spyOn(rules, 'evaluateFindings').mockImplementation(boom);
    const res = await post500();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(STACK);
    expect(text).not.toContain('exploded');
    expect(JSON.parse(text)).toMatchObject({ error: 'internal-error', message: expect.stringContaining('Assessment incomplete') });
  });

  async function post500() {
    return evaluatePOST(new Request('http://127.0.0.1:3000/api/v1/evaluate', {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ patient: { ageYears: 50, sex: 'male' }, labs: [] }),
    }));
  }
});
