import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFindings } from '@/lib/rules';
import { REVIEW_REASONS } from '@/lib/schemas/review';
import { lab, makeInput, normalLabs, withLab } from '@/tests/factories';
import { cardsFor, shortSummary, specViolations, type Card } from './cards';
import { answerPatientView, discovery, PREFETCH, serverAllowed, type HookAnswer } from './service';

const ASOF = '2026-11-27';
type R = { resourceType: string; id: string; code?: { coding?: { code?: string }[] } };
const bundleOf = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '../../tests/fixtures/fhir', name), 'utf8')) as { entry: { resource: R }[] };
const RENATO = bundleOf('Renato_Dare_f07e9b1d-9cc7-465e-8abc-94e84793d1fb.json');
const ALFREDA = bundleOf('Alfreda_Wyman_3287b938-4670-47eb-91e5-e0ce3df71405.json');
const searchset = (rs: R[]) => ({ resourceType: 'Bundle', type: 'searchset', total: rs.length, entry: rs.map((resource) => ({ fullUrl: `http://fhir.test/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })) });

/** The prefetch a client computes from the templates for a Synthea patient. */
function prefetchOf(b: { entry: { resource: R }[] }) {
  const all = b.entry.map((e) => e.resource);
  const codes = PREFETCH.observations!.split('code=')[1]!.split(',').map((c) => c.split('|')[1]);
  return {
    patient: all.find((r) => r.resourceType === 'Patient'),
    observations: searchset(all.filter((r) => r.resourceType === 'Observation' && r.code?.coding?.some((c) => codes.includes(c.code)))),
    medicationRequests: searchset(all.filter((r) => r.resourceType === 'MedicationRequest')),
    medicationStatements: searchset([]),
    conditions: searchset(all.filter((r) => r.resourceType === 'Condition')),
  };
}
const request = (patientId: string, prefetch: object | undefined, extra: object = {}) => ({
  hook: 'patient-view', hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea', context: { userId: 'Practitioner/COREPRACTITIONER1', patientId }, ...(prefetch ? { prefetch } : {}), ...extra,
});
let n = 0;
const deps = { asOf: ASOF, fhirServers: [] as string[], uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
const ok = (a: HookAnswer) => {
  if (a.status !== 200) throw new Error(JSON.stringify(a.body));
  return a;
};

/** The spec's card rules, as assertions. */
function expectConformant(cards: Card[]) {
  expect(specViolations({ cards })).toEqual([]);
  const uuids = new Set<string>();
  for (const c of cards) {
    expect(c.uuid).toMatch(/^[0-9a-f-]{36}$/);
    uuids.add(c.uuid);
    expect(c.summary.length).toBeLessThan(140);
    expect(['info', 'warning', 'critical']).toContain(c.indicator);
    expect(c.source.label.trim()).not.toBe('');
    if (c.source.url) expect(new URL(c.source.url).protocol).toBe('https:');
    if (c.suggestions) {
      expect(['any', 'at-most-one']).toContain(c.selectionBehavior);
      for (const s of c.suggestions) {
        uuids.add(s.uuid);
        expect(s.label.trim()).not.toBe('');
        for (const a of s.actions) {
          expect(a.type).toBe('create');
          expect(a.description.trim()).not.toBe('');
          expect(a.resource).toMatchObject({ resourceType: 'ServiceRequest', status: 'draft', intent: 'proposal', code: { coding: [{ system: 'http://loinc.org' }] } });
          expect(a.resource.code.coding[0]!.code).toMatch(/^\d+-\d$/);
        }
      }
    } else expect(c.selectionBehavior).toBeUndefined();
    if (c.overrideReasons) for (const r of c.overrideReasons) expect(r.display.trim()).not.toBe('');
    for (const l of c.links ?? []) expect(l.type).toBe('absolute');
  }
  expect(uuids.size).toBe(cards.length + cards.reduce((k, c) => k + (c.suggestions?.length ?? 0), 0));
}

describe('discovery', () => {
  it('lists the patient-view service with prefetch templates for Patient, the lab codes, medications and conditions', () => {
    const d = discovery();
    expect(specViolations(d)).toEqual([]);
    expect(d.services).toHaveLength(1);
    expect(d.services[0]).toMatchObject({ hook: 'patient-view', id: 'rls-workup' });
    expect(d.services[0]!.description.length).toBeGreaterThan(0);
    const p = d.services[0]!.prefetch;
    expect(p.patient).toBe('Patient/{{context.patientId}}');
    for (const code of ['2276-4', '2502-3', '2339-0', '38483-4', '2160-0', '33914-3', '98979-8', '3016-3', '4548-4']) expect(p.observations).toContain(`http://loinc.org|${code}`);
    expect(p.medicationRequests).toBe('MedicationRequest?patient={{context.patientId}}');
    expect(p.conditions).toBe('Condition?patient={{context.patientId}}');
  });
});

describe('patient-view with full prefetch', () => {
  it('Renato (Synthea): a card per flagged contributor and one labs card; nothing for what is not flagged', async () => {
    const a = ok(await answerPatientView(request('ffd502c9-23e1-4f8f-bc8a-87373acad280', prefetchOf(RENATO)), deps));
    expectConformant(a.body.cards);
    const ev = evaluateFindings((await import('@/lib/fhir/draft')).inputFromImport(a.imp!, ASOF)!, { asOf: ASOF });
    const flagged = ev.contributors.filter((c) => c.status === 'flagged').map((c) => c.id);
    expect(flagged).toEqual(expect.arrayContaining(['medication', 'neuropathy']));
    const topics = a.meta.map((m) => m.topic);
    expect(topics).toEqual([...flagged, 'labs']);
    // The engine's wording, never re-derived.
    for (const c of ev.contributors.filter((x) => x.status === 'flagged')) {
      const card = a.body.cards[topics.indexOf(c.id)]!;
      expect(card.summary).toBe(shortSummary(c.summary));
      expect(card.detail).toContain(`Rules ${c.ruleIds.join(', ')}`);
      expect(card.overrideReasons!.map((r) => r.code)).toEqual(REVIEW_REASONS.map((r) => r.code));
    }
    const labs = a.body.cards[topics.indexOf('labs')]!;
    expect(labs.indicator).toBe('info');
    expect(labs.selectionBehavior).toBe('any');
    const ordered = labs.suggestions!.flatMap((s) => s.actions.map((x) => x.resource.code.coding[0]!.code));
    expect(ordered).toEqual(expect.arrayContaining(['2276-4', '2502-3', '3016-3']));
    expect(labs.detail).toMatch(/Out of date:\n(- .*\n)*- HbA1c 6\.1095%, collected 2020-09-07/);
    // Values in the basis carry their EHR provenance.
    expect(a.body.cards.map((c) => c.detail).join('\n')).toMatch(/Observation [0-9a-f-]{36}/);
  });

  it('a patient with a normal, current panel gets no card at all', () => {
    const ev = evaluateFindings(makeInput({ asOf: ASOF, labs: normalLabs().map((l) => ({ ...l, collectedOn: '2026-11-20' })), patient: { neuropathy: 'absent', knownDiabetes: false, hyperglycemiaSymptoms: 'no' } }), { asOf: ASOF });
    const flaggedOrMissing = ev.contributors.filter((c) => c.status === 'flagged');
    const { cards } = cardsFor(ev, { patientId: 'p1', uuid: deps.uuid });
    expect(cards.filter((c) => c.source.topic?.code !== 'labs')).toHaveLength(flaggedOrMissing.length);
    expect(cards.some((c) => c.source.topic?.code === 'labs')).toBe(ev.workup.some((w) => w.loinc.length > 0 && w.ruleIds.includes('G1')) || ev.inputs.some((i) => i.stale));
  });

  it('iron deficiency: a warning card with the basis, source URL and the workup as ServiceRequests; TSAT ≥ 45 % is critical', () => {
    const ev = evaluateFindings(makeInput({ asOf: ASOF, labs: withLab(normalLabs(), lab('ferritin', 40, 'ng/mL')) }), { asOf: ASOF });
    const { cards } = cardsFor(ev, { patientId: 'p1', uuid: deps.uuid, openUrl: 'https://rls.example/cds/open/abc' });
    expectConformant(cards);
    const iron = cards.find((c) => c.source.topic?.code === 'iron-deficiency')!;
    expect(iron.indicator).toBe('warning');
    expect(iron.source.url).toBe('https://pubmed.ncbi.nlm.nih.gov/39324694/');
    expect(iron.detail).toContain('| Ferritin | 40 ng/mL |');
    expect(iron.links).toEqual([{ label: 'Open the pre-filled assessment in RLS Workup', url: 'https://rls.example/cds/open/abc', type: 'absolute' }]);
    expect(iron.suggestions!.some((s) => s.actions.some((x) => x.resource.subject.reference === 'Patient/p1'))).toBe(true);
    const overload = evaluateFindings(makeInput({ asOf: ASOF, labs: withLab(withLab(normalLabs(), lab('ferritin', 40, 'ng/mL')), lab('tsat', 50, '%')) }), { asOf: ASOF });
    const c = cardsFor(overload, { patientId: 'p1', uuid: deps.uuid }).cards.find((x) => x.source.topic?.code === 'iron-deficiency');
    if (overload.contributors.find((x) => x.id === 'iron-deficiency')?.ironTherapy === 'suppressed') expect(c?.indicator).toBe('critical');
  });

  it('summaries are cut below 140 characters at a word', () => {
    const s = shortSummary('word '.repeat(60));
    expect(s.length).toBeLessThan(140);
    expect(s.endsWith('…')).toBe(true);
  });
});

describe('missing prefetch', () => {
  it('412 when a key is missing and there is no fhirServer', async () => {
    const { observations: _o, ...rest } = prefetchOf(ALFREDA);
    const a = await answerPatientView(request('6d23a95e-7e18-4201-90ec-9501fa89fbd2', rest), deps);
    expect(a.status).toBe(412);
    expect(a.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', diagnostics: expect.stringContaining('"observations" missing') }] });
  });

  it('412 when the fhirServer is not registered for the client (no call-back to arbitrary URLs)', async () => {
    const a = await answerPatientView(request('6d23a95e-7e18-4201-90ec-9501fa89fbd2', undefined, { fhirServer: 'http://169.254.169.254/latest' }), { ...deps, fetcher: () => { throw new Error('must not be called'); } });
    expect(a.status).toBe(412);
    expect(JSON.stringify(a.body)).toContain('not a FHIR server registered');
    expect(serverAllowed('http://127.0.0.1:8090/', ['http://127.0.0.1:8090'])).toBe(true);
    expect(serverAllowed('http://127.0.0.1:8090.evil.example', ['http://127.0.0.1:8090'])).toBe(false);
  });

  it('412 when the Patient prefetch is null', async () => {
    const a = await answerPatientView(request('x1', { ...prefetchOf(ALFREDA), patient: null }), deps);
    expect(a.status).toBe(412);
  });

  it('400 for a request that is not a patient-view call', async () => {
    expect((await answerPatientView({ hook: 'order-sign', hookInstance: 'x', context: { userId: 'a', patientId: 'b' } }, deps)).status).toBe(400);
    expect((await answerPatientView(request('../../etc', prefetchOf(ALFREDA)), deps)).status).toBe(400);
    expect((await answerPatientView({ ...request('p1', prefetchOf(ALFREDA)), fhirAuthorization: { access_token: 't', token_type: 'Bearer', expires_in: 300, scope: 's', subject: 'c' } }, deps)).status).toBe(400);
  });
});
