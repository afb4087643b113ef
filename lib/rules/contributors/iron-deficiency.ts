/**
 * Iron deficiency and anaemia (docs/CLINICAL.md §1.1; K-4, K-4a, K-5 of §1.2 on dialysis; P-I of §1.7
 * in pregnancy). Evidence A. Thresholds are the AASM 2024 consensus values in ng/mL (µg/L identical) [S1].
 *
 * Flag rules decide *whether* iron is flagged; the first met one gives its band. Band modifiers then
 * override the band in this order: I-5 (TSAT ≥ 45 %: suppressed), I-6 (no current ferritin and TSAT:
 * pending), P-I (pregnancy). A summary states a route of iron only when the rule's own band stands.
 */
import type { Condition, ContributorSpec, IronTherapy } from '../types';
import { all, any, lab, not, notOnDialysis, notPregnantAssumed, onDialysis, pregnant } from './dsl';

const ferritin45 = { 'ng/mL': 45, 'µg/L': 45 } as const;
const ferritin75 = { 'ng/mL': 75, 'µg/L': 75 } as const;
const ferritin100 = { 'ng/mL': 100, 'µg/L': 100 } as const;
const ferritin200 = { 'ng/mL': 200, 'µg/L': 200 } as const;
const ferritin300 = { 'ng/mL': 300, 'µg/L': 300 } as const;
const tsat20 = { '%': 20 } as const;
const tsat45 = { '%': 45 } as const;

/** Bands in which a route of iron is on the table (never `suppressed` or `pending`). */
const ROUTE_BANDS: readonly IronTherapy[] = ['oral-or-iv', 'iv-only', 'iv-iron-sucrose', 'oral-only'];
/** Every band except `suppressed`: the cause of iron deficiency still matters while a band is pending. */
const DEFICIENCY_BANDS: readonly IronTherapy[] = [...ROUTE_BANDS, 'pending'];

const male: Condition = { patient: 'sex', is: 'male' };
const female: Condition = { patient: 'sex', is: 'female' };
/** Known not pregnant (a man, or a woman recorded as not pregnant): GI evaluation is never suggested in pregnancy or when the status is unknown. */
const knownNotPregnant: Condition = { patient: 'pregnant', is: false };
const age = (op: '<' | '>' | '>=', value: number): Condition => ({ patient: 'ageYears', op, value });

/**
 * A-1, WHO 2024 haemoglobin cut-offs [S22]; trimester at collection (G6). Pregnancy omitted: the
 * non-pregnant cut-off with the G8 assumption; weeks unknown: 11.0 g/dL.
 */
export const hbBelowWho: Condition = any(
  all(male, lab('hemoglobin', '<', { 'g/dL': 13, 'g/L': 130 })),
  all(female, notPregnantAssumed, lab('hemoglobin', '<', { 'g/dL': 12, 'g/L': 120 })),
  all(pregnant, { patient: 'trimester', in: [1, 3], atCollectionOf: 'hemoglobin', ifUnknown: { assume: true, because: 'weeks of pregnancy unknown: the 11.0 g/dL cut-off is used' } }, lab('hemoglobin', '<', { 'g/dL': 11, 'g/L': 110 })),
  all(pregnant, { patient: 'trimester', in: [2], atCollectionOf: 'hemoglobin', ifUnknown: { assume: false, because: 'weeks of pregnancy unknown: the 11.0 g/dL cut-off is used' } }, lab('hemoglobin', '<', { 'g/dL': 10.5, 'g/L': 105 })),
);

const ida = all(hbBelowWho, lab('ferritin', '<', ferritin45));

export const ironDeficiency: ContributorSpec = {
  id: 'iron-deficiency',
  label: 'Iron deficiency',
  evidence: 'A',
  notFlaggedMessage: 'ferritin above 100 ng/mL with TSAT ≥ 20%: above the AASM 2024 iron-supplementation thresholds (I-3)',
  notAssessedMessage: 'ferritin and TSAT are both needed (AASM: ferritin and TSAT in all patients with clinically significant RLS)',
  whenNotAssessed: [{ id: 'iron-panel', reason: 'G1, I-6: ferritin with TSAT (serum iron + TIBC) is suggested to assess iron status' }],
  rules: [
    {
      id: 'I-4', contributor: 'iron-deficiency', role: 'flag', title: 'Ferritin above 100 with TSAT below 20%',
      when: all(notOnDialysis, lab('ferritin', '>', ferritin100), lab('tsat', '<', tsat20)),
      message: 'TSAT < 20% with ferritin > 100: functional iron deficiency or inflammation possible; oral iron is often poorly absorbed here (hepcidin). CRP and a review of the cause of the low TSAT are suggested before a route is chosen',
      route: 'AASM band (TSAT arm of I-1): oral or IV iron may be considered',
      ironTherapy: 'oral-or-iv',
      workup: [
        { id: 'crp', reason: 'I-4: ferritin > 100 with TSAT < 20%: CRP is suggested to interpret ferritin', onlyIf: { missing: 'crp' } },
        { id: 'iron-loss-evaluation', reason: 'I-4: evaluation of the cause of the low TSAT is suggested', bands: DEFICIENCY_BANDS },
        { id: 'iron-therapy-discussion', reason: 'I-4: iron therapy in the AASM oral-or-IV band may be considered once the cause of the low TSAT is reviewed', bands: ROUTE_BANDS },
      ],
      sourceIds: ['S1', 'S22', 'S37'], evidence: 'A', verification: 'V2',
      rationale: 'Flags through the TSAT arm of I-1. Decision 1.1: the band stays AASM oral-or-IV (no source gives a narrower one: oral absorbs poorly, yet IRLSSG/Mayo limit initial IV iron to ferritin ≤ 100 [S37]); the mandatory wording names inflammation and asks for CRP.',
    },
    {
      id: 'I-1', contributor: 'iron-deficiency', role: 'flag', title: 'AASM iron-supplementation threshold',
      when: all(notOnDialysis, any(lab('ferritin', '<=', ferritin75), lab('tsat', '<', tsat20))),
      message: 'meets the AASM 2024 iron-supplementation threshold',
      route: 'oral or IV iron may be considered',
      ironTherapy: 'oral-or-iv',
      workup: [
        { id: 'iron-therapy-discussion', reason: 'I-1: iron therapy within the AASM 2024 band may be considered (GPS 1)', bands: ROUTE_BANDS },
        { id: 'cbc', reason: 'I-1: complete blood count with MCV (reticulocytes if anaemic) is suggested' },
        { id: 'iron-loss-evaluation', reason: 'I-1: evaluation of the cause (menstrual or GI loss, diet, malabsorption, blood donation) is suggested', bands: DEFICIENCY_BANDS },
        {
          id: 'gi-evaluation', reason: 'I-1, AGA 2020: iron-deficiency anaemia (Hb below the WHO cut-off, ferritin < 45): bidirectional endoscopy is suggested (strong; women ≥ 50: if postmenopausal); coeliac serology may be considered',
          onlyIf: all(knownNotPregnant, ida, any(male, age('>=', 50))), bands: DEFICIENCY_BANDS,
        },
        {
          id: 'gi-evaluation', reason: 'I-1, AGA 2020: iron-deficiency anaemia (Hb below the WHO cut-off, ferritin < 45) in a woman under 50: bidirectional endoscopy may be considered (conditional; shared decision); coeliac serology may be considered',
          onlyIf: all(knownNotPregnant, ida, female, age('<', 50)), bands: DEFICIENCY_BANDS,
        },
        {
          id: 'gi-evaluation', reason: 'I-1, BSG 2005: ferritin < 45 without anaemia: GI evaluation may be considered (grade C; men over 50 and women ≥ 50 only)',
          onlyIf: all(knownNotPregnant, lab('ferritin', '<', ferritin45), { not: { missing: 'hemoglobin' } }, not(hbBelowWho), any(all(male, age('>', 50)), all(female, age('>=', 50)))), bands: DEFICIENCY_BANDS,
        },
      ],
      sourceIds: ['S1', 'S2', 'S5', 'S34'], evidence: 'A', verification: 'V',
      rationale: 'AASM 2024 GPS 1: supplement with oral or IV iron if ferritin ≤ 75 ng/mL or TSAT < 20%. 75.0 is inside (inclusive); TSAT 20.0 is not < 20 (decided in exact arithmetic when computed from iron and TIBC). Consensus thresholds, not empirically tested. GI evaluation per AGA 2020 / BSG 2005 (§1.1 item 6), never in pregnancy and never for an RLS-range ferritin alone.',
    },
    {
      id: 'I-2', contributor: 'iron-deficiency', role: 'flag', title: 'AASM IV-only band',
      when: all(notOnDialysis, notPregnantAssumed, lab('ferritin', '>', ferritin75), lab('ferritin', '<=', ferritin100), lab('tsat', '>=', tsat20)),
      message: 'in the AASM 2024 IV-only band (ferritin 75–100 ng/mL; counting 100 as inside the band is our reading of "between 75 and 100")',
      route: 'AASM: IV iron only in this band; oral iron not suggested',
      ironTherapy: 'iv-only',
      workup: [
        { id: 'iron-therapy-discussion', reason: 'I-2: IV iron may be considered (AASM: IV only when ferritin is 75–100 ng/mL)', bands: ROUTE_BANDS },
        { id: 'cbc', reason: 'I-2: complete blood count with MCV is suggested' },
      ],
      sourceIds: ['S1'], evidence: 'A', verification: 'V',
      rationale: 'AASM 2024 GPS 1: IV iron only if ferritin is between 75 and 100 ng/mL. 100 counts as inside the band (our reading, marked in the message); 100.1 is outside. Not applied in pregnancy (P-I).',
    },
    {
      id: 'G7', contributor: 'iron-deficiency', role: 'flag', title: 'Ferritin ≤ 100 whose band is undecided (I-1 or I-2)',
      when: all(notOnDialysis, notPregnantAssumed, lab('ferritin', '<=', ferritin100)),
      message: 'within the AASM 2024 iron thresholds (I-1 or I-2, whatever the TSAT)',
      route: 'band pending (I-6, G7): the band needs a current TSAT and a ferritin that is not censored across 75 ng/mL',
      ironTherapy: 'pending', fallback: true,
      workup: [
        { id: 'iron-panel', reason: 'I-6: the missing part of the iron panel (serum iron + TIBC for TSAT, or an uncensored ferritin) is suggested' },
        { id: 'cbc', reason: 'G7: complete blood count with MCV is suggested' },
      ],
      sourceIds: ['S1'], evidence: 'A', verification: 'V',
      rationale: 'I-6 table and G7: ferritin 75.1–100 without TSAT, or a censored ferritin such as "<100", flags whatever the TSAT (I-1 if ≤ 75 or TSAT < 20, otherwise I-2); the band waits for the missing part.',
    },
    {
      id: 'K-4', contributor: 'iron-deficiency', role: 'flag', title: 'ESRD iron criterion (dialysis)',
      when: all(onDialysis, lab('ferritin', '<', ferritin200), lab('tsat', '<', tsat20)),
      message: 'meets the AASM ESRD criterion (ferritin < 200 ng/mL and TSAT < 20% on dialysis)',
      route: 'AASM: IV iron sucrose, conditional, moderate certainty',
      ironTherapy: 'iv-iron-sucrose',
      workup: [
        { id: 'iron-therapy-discussion', reason: 'K-4: IV iron sucrose may be considered with nephrology (AASM, ESRD)', bands: ROUTE_BANDS },
        { id: 'nephrology', reason: 'K-4: on dialysis, iron therapy is a nephrology decision' },
      ],
      sourceIds: ['S1', 'S27'], evidence: 'A', verification: 'V2',
      rationale: 'AASM 2024 ESRD recommendation; RCT of IV iron sucrose in haemodialysis RLS [S27]. Decision 1.1: added to the AASM ferritin arm (K-4a); needs nephrology sign-off.',
    },
    {
      id: 'K-4a', contributor: 'iron-deficiency', role: 'flag', title: 'Dialysis: ferritin at or below 75',
      when: all(onDialysis, lab('ferritin', '<=', ferritin75)),
      message: 'below the general AASM threshold (ferritin ≤ 75); AASM ESRD criterion not met',
      route: 'IV iron, the dialysis route, is a nephrology decision',
      ironTherapy: 'iv-iron-sucrose',
      workup: [
        { id: 'iron-therapy-discussion', reason: 'K-4a: IV iron (the dialysis route) may be considered with nephrology', bands: ROUTE_BANDS },
        { id: 'nephrology', reason: 'K-4a: on dialysis, iron therapy is a nephrology decision' },
      ],
      sourceIds: ['S1', 'S36'], evidence: 'A', verification: 'V2',
      rationale: 'Decision 1.1 (replaces "K-4 replaces I-1/I-2"): on dialysis the ESRD criterion is added to the AASM ferritin arm, so ferritin 30 flags; the general TSAT arm is not used (the ESRD criterion requires ferritin < 200). IV is the dialysis route [S36]. Needs nephrology sign-off.',
    },
    // Band modifiers, in precedence order.
    {
      id: 'I-5', contributor: 'iron-deficiency', role: 'modifier', title: 'TSAT at or above 45%',
      when: lab('tsat', '>=', tsat45),
      message: 'iron not advised by the IRLSSG/Mayo algorithms; evaluation for iron overload (e.g. haemochromatosis) may be considered',
      inSummary: ['not-flagged', 'not-assessed'],
      ironTherapy: 'suppressed',
      workup: [{ id: 'iron-overload-evaluation', reason: 'I-5: TSAT ≥ 45%: evaluation for iron overload before any iron may be considered' }],
      sourceIds: ['S2', 'S4'], evidence: 'A', verification: 'NV',
      rationale: 'IRLSSG 2018 and Mayo 2021 use TSAT < 45% as the ceiling for giving iron; the overload work-up is [NV]. A stale TSAT ≥ 45% is always shown (G6).',
    },
    {
      id: 'I-6', contributor: 'iron-deficiency', role: 'modifier', title: 'Band pending: no current ferritin and TSAT',
      when: any({ notCurrent: 'ferritin' }, { notCurrent: 'tsat' }, { undecided: lab('tsat', '>=', tsat45) }),
      message: 'band pending: a current ferritin and a current TSAT are both needed before a band (TSAT ≥ 45% suppresses iron, I-5; ferritin sets the band, I-4)',
      ironTherapy: 'pending', whenStatus: ['flagged'],
      workup: [{ id: 'iron-panel', reason: 'I-6: the missing part of the iron panel (ferritin, or serum iron + TIBC for TSAT) is suggested' }],
      sourceIds: ['S1'], evidence: 'A', verification: 'V',
      rationale: 'KB 1.1 §1.1: a band is given only when a current ferritin and a current TSAT are both known (G6, G7); iron or TIBC alone is not TSAT.',
    },
    {
      id: 'P-I', contributor: 'iron-deficiency', role: 'modifier', title: 'Pregnancy weeks 0–13 (or unknown): oral iron only',
      when: all(pregnant, { patient: 'trimester', in: [1], ifUnknown: { assume: true, because: 'weeks of pregnancy unknown: treated as before week 14 (no IV iron)' } }, not(lab('tsat', '>=', tsat45))),
      message: 'pregnancy before week 14 (or weeks unknown): oral iron may be considered with the obstetrician; IV iron is not used before week 14',
      ironTherapy: 'oral-only', whenStatus: ['flagged'],
      workup: [{ id: 'obstetric-comanagement', reason: 'P-I: iron in pregnancy is suggested to be managed with the obstetrician' }],
      sourceIds: ['S19', 'S29', 'S30'], evidence: 'A', verification: 'V2',
      rationale: 'KB 1.1 P-I: IRLSSG pregnancy consensus (oral iron when ferritin < 75 µg/L, IV only after the first trimester); IV iron safe and effective in the 2nd and 3rd trimesters [S29]. The band uses the week on the assessment date.',
    },
    {
      id: 'P-I.2', contributor: 'iron-deficiency', role: 'modifier', title: 'Pregnancy from week 14: oral first, IV possible',
      when: all(pregnant, { patient: 'trimester', in: [2, 3] }, not(lab('tsat', '>=', tsat45))),
      message: 'pregnancy from week 14: oral iron first; IV iron may be considered from week 14 if ferritin is very low or oral iron fails or is not tolerated',
      ironTherapy: 'oral-or-iv', whenStatus: ['flagged'],
      workup: [{ id: 'obstetric-comanagement', reason: 'P-I: iron in pregnancy is suggested to be managed with the obstetrician' }],
      sourceIds: ['S19', 'S29', 'S30'], evidence: 'A', verification: 'V2',
      rationale: 'Variant of P-I for weeks ≥ 14 (T2 from 14+0 [S30]): no IV-only band in pregnancy.',
    },
    // Other modifiers.
    {
      id: 'I-1.2', contributor: 'iron-deficiency', role: 'modifier', title: 'TSAT arm with ferritin 75.1–100',
      when: all(notOnDialysis, notPregnantAssumed, lab('ferritin', '>', ferritin75), lab('ferritin', '<=', ferritin100), lab('tsat', '<', tsat20)),
      message: 'oral iron is often poorly absorbed with ferritin > 75 (IRLSSG); IV iron may be the more effective route',
      inSummary: ['flagged'], bands: ['oral-or-iv'],
      sourceIds: ['S2'], evidence: 'A', verification: 'V2',
      rationale: 'KB 1.1 I-1: met only through TSAT with ferritin 75.1–100 adds the absorption note.',
    },
    {
      id: 'I-3', contributor: 'iron-deficiency', role: 'modifier', title: 'Ferritin above 100 with TSAT ≥ 20%',
      when: all(notOnDialysis, lab('ferritin', '>', ferritin100), lab('tsat', '>=', tsat20)),
      message: 'information only: the IRLSSG IV ferric carboxymaltose trials enrolled ferritin < 300 µg/L',
      sourceIds: ['S1', 'S2'], evidence: 'A', verification: 'V',
      rationale: 'Outside both AASM bands. The < 300 µg/L trial range is information, not a threshold.',
    },
    {
      id: 'P-I.3', contributor: 'iron-deficiency', role: 'modifier', title: 'Pregnancy: AASM IV-only band not applied',
      when: all(pregnant, lab('ferritin', '>', ferritin75), lab('ferritin', '<=', ferritin100), lab('tsat', '>=', tsat20)),
      message: 'AASM IV-only band not applied in pregnancy (IRLSSG threshold < 75); ferritin falls as pregnancy advances: repeat iron studies later may be considered',
      notFlaggedText: true, whenStatus: ['not-flagged'],
      sourceIds: ['S19', 'S1'], evidence: 'A', verification: 'NV',
      rationale: 'Variant of P-I: I-2 does not apply in pregnancy (IRLSSG pregnancy consensus uses ferritin < 75 µg/L).',
    },
    {
      id: 'K-5', contributor: 'iron-deficiency', role: 'modifier', title: 'Dialysis: not flagged by the RLS iron criteria',
      when: onDialysis,
      message: 'not flagged by the RLS iron criteria (AASM ESRD: ferritin < 200 and TSAT < 20%; AASM: ferritin ≤ 75). Not a statement that iron stores are adequate for dialysis care. KDIGO 2012 iron-trial criteria (TSAT ≤ 30% and ferritin ≤ 500): ',
      detail: {
        when: all(lab('tsat', '<=', { '%': 30 }), lab('ferritin', '<=', { 'ng/mL': 500, 'µg/L': 500 })),
        met: 'met; iron management is a nephrology decision',
        notMet: 'not met; iron management is a nephrology decision',
        unknown: 'not assessable without both values; iron management is a nephrology decision',
      },
      notFlaggedText: true, whenStatus: ['not-flagged'],
      workup: [{ id: 'nephrology', reason: 'K-5: iron management on dialysis is a nephrology decision' }],
      sourceIds: ['S11', 'S1'], evidence: 'A', verification: 'V',
      rationale: 'KB 1.1 K-5: mandatory not-flagged text on dialysis; KDIGO 2012 stays the nephrology reference (2025 update not final [S36]).',
    },
    {
      id: 'O-2', contributor: 'iron-deficiency', role: 'modifier', title: 'CRP above 5 mg/L',
      when: lab('crp', '>', { 'mg/L': 5 }),
      message: 'CRP > 5 mg/L: inflammation; ferritin may be falsely reassuring (WHO 2020 raises the deficiency cut-off from 15 to 70 µg/L with inflammation)',
      sourceIds: ['S22'], evidence: 'C', verification: 'V2',
      rationale: 'WHO 2020 uses CRP > 5 mg/L to define inflammation for ferritin interpretation (general population, not RLS-specific). CRP reads a ferritin within ±7 days (G6).',
    },
  ],
  caveats: [
    { id: 'ferritin-assay', text: 'Ferritin assays differ: Beckman 50/75/100/300 ng/mL ≈ Roche 83/121/158/457 ng/mL. Values are never adjusted automatically.', sourceIds: ['S21'] },
    { id: 'draw-conditions', text: 'Iron studies are best drawn in the morning, at least 24 h without iron-containing supplements or foods. IV iron raises ferritin for weeks: iron studies 6–12 weeks after treatment are suggested.', sourceIds: ['S1', 'S2'] },
    { id: 'inflammation', text: 'Ferritin is an acute-phase reactant: raised by inflammation, infection, liver disease, malignancy, CKD, obesity and alcohol.', when: any(lab('crp', '>', { 'mg/L': 5 }), all(lab('ferritin', '>', ferritin100), lab('tsat', '<', tsat20)), { patient: 'activeCancerOrNeurotoxicChemo', is: true }, { patient: 'autoimmuneOrInflammatoryDisease', is: true }), sourceIds: ['S22'] },
    { id: 'ferritin-300', text: 'Ferritin ≥ 300 ng/mL: outside the ferritin range of the RLS IV-iron trials.', when: all(lab('ferritin', '>=', ferritin300), lab('tsat', '<', tsat20)), sourceIds: ['S2'] },
    { id: 'ckd-ferritin', text: 'CKD and dialysis inflate ferritin: the RLS ferritin thresholds are less reliable.', when: any({ patient: 'dialysis', onDialysis: true }, lab('egfr', '<', { 'mL/min/1.73m2': 60 })), sourceIds: ['S1', 'S11'] },
    { id: 'pregnancy-ferritin', text: 'Ferritin falls physiologically in pregnancy; IRLSSG suggests oral iron if ferritin < 75 µg/L, IV iron only after the first trimester if very low.', when: pregnant, sourceIds: ['S19'] },
  ],
};

export const anemia: ContributorSpec = {
  id: 'anemia',
  label: 'Anaemia',
  evidence: 'A',
  notFlaggedMessage: 'haemoglobin at or above the WHO cut-off; a normal haemoglobin does not exclude iron deficiency',
  notAssessedMessage: 'haemoglobin not given',
  whenNotAssessed: [{ id: 'cbc', reason: 'G1: haemoglobin missing: complete blood count with MCV is suggested' }],
  rules: [
    {
      id: 'A-1', contributor: 'anemia', role: 'flag', title: 'Haemoglobin below the WHO cut-off',
      when: hbBelowWho,
      message: 'haemoglobin below the WHO cut-off (a finding under iron deficiency)',
      workup: [
        { id: 'cbc', reason: 'A-1: haemoglobin below the WHO cut-off: CBC with MCV and reticulocytes is suggested' },
        { id: 'iron-panel', reason: 'A-1: anaemia: an iron panel is suggested to look for iron deficiency' },
      ],
      sourceIds: ['S22', 'S30'], evidence: 'A', verification: 'V2',
      rationale: 'WHO 2024: non-pregnant women < 12.0 g/dL, men < 13.0, pregnancy trimesters 1 and 3 < 11.0, trimester 2 < 10.5 (weeks unknown: 11.0); the trimester is the one at collection (G6). Only the cut-off that applies to the patient is shown.',
    },
  ],
};
