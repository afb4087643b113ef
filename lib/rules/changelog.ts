/**
 * What each rules version changed, by rule id, so that a re-run of a saved assessment under newer
 * rules can say why a contributor or workup item changed. docs/RULES-CHANGELOG.md is the prose form;
 * a test keeps the two in step.
 */
export interface RuleChange {
  version: string;
  /** Rule ids (and workup ids) the change touches. */
  ruleIds: readonly string[];
  text: string;
}

export const RULE_CHANGES: readonly RuleChange[] = [
  { version: '1.1.0', ruleIds: ['I-1', 'I-4', 'I-5'], text: 'TSAT computed from serum iron and TIBC is compared in exact arithmetic in every unit combination (22.5 ÷ 50 µmol/L is 45 %, not 44.99999999999999).' },
  { version: '1.1.0', ruleIds: ['I-5'], text: 'TSAT ≥ 45 % sets the band `suppressed` and removes every route of iron, the iron-therapy discussion and the iron-loss evaluation from the summary and workup.' },
  { version: '1.1.0', ruleIds: ['I-6', 'G7'], text: 'A band is given only with a current ferritin and a current TSAT: otherwise the band is `pending` (ferritin 75.1–100 without TSAT flags, band pending; ferritin > 100 without TSAT is not assessed; a censored value decides only when its whole range lies on one side).' },
  { version: '1.1.0', ruleIds: ['I-4'], text: 'Ferritin > 100 with TSAT < 20 %: mandatory wording (functional iron deficiency or inflammation; CRP and the cause of the low TSAT before a route); band stays AASM oral-or-IV.' },
  { version: '1.1.0', ruleIds: ['I-1.2'], text: 'I-1 met only through TSAT with ferritin 75.1–100 adds the IRLSSG absorption note.' },
  { version: '1.1.0', ruleIds: ['P-I', 'P-I.2', 'P-I.3'], text: 'Iron in pregnancy by week: weeks 0–13 (or unknown) band `oral-only`; from week 14 oral first, IV possible; the AASM IV-only band is not applied in pregnancy.' },
  { version: '1.1.0', ruleIds: ['K-4a', 'K-5'], text: 'Dialysis: ferritin ≤ 75 flags (K-4a, IV route, nephrology decision); otherwise the mandatory K-5 text with the KDIGO 2012 iron-trial criteria met / not met (no longer "above the supplementation thresholds").' },
  { version: '1.1.0', ruleIds: ['K-2d', 'K-2p', 'K-2p.2', 'K-2'], text: 'No eGFR on dialysis (K-2d) or in pregnancy (K-2p): kidney disease not assessed with the reason; creatinine ≥ 90 µmol/L in pregnancy is indeterminate (UK Renal Association AKI marker).' },
  { version: '1.1.0', ruleIds: ['K-1', 'P-1', 'G8'], text: 'An omitted dialysis or pregnancy status is unknown (not assessed), never "not on dialysis" / "not pregnant"; the general rules run with the assumption stated.' },
  { version: '1.1.0', ruleIds: ['T-1', 'T-1a', 'T-1a.2', 'T-1b', 'T-2', 'T-2a', 'T-2b', 'T-2c', 'T-2d', 'T-3', 'T-3.2'], text: 'Thyroid read with the free T4 paired within 7 days: overt/subclinical/discordant patterns, "possible hyperthyroidism" only with a high free T4, central patterns with a low or low-normal free T4, first-trimester low TSH indeterminate, pregnancy upper limit 4.0 mIU/L; the two thyroid contributors never both flag.' },
  { version: '1.1.0', ruleIds: ['A-1'], text: 'Only the haemoglobin cut-off that applies to the patient is shown; the pregnancy cut-off uses the trimester at collection (weeks unknown: 11.0 g/dL).' },
  { version: '1.1.0', ruleIds: ['G6'], text: 'Staleness: iron indices, CRP, Hb and MCV are current for 90 days, the rest for 365; pairing windows; results before the pregnancy are stale. A stale result flags only with its age and band pending, and asks for a repeat; otherwise the contributor is not assessed. A stale value in a basis carries its age (`stale`).' },
  { version: '1.1.0', ruleIds: ['M-1', 'M-2', 'M-3'], text: 'Medication matcher: rows 55–67, product lines (Tylenol PM, Unisom, Coricidin HBP, Dramamine), glued doses, sig words never matched; a list with no recognised line is not assessed (M-3).' },
  { version: '1.1.0', ruleIds: ['N-1', 'spep-immunofixation'], text: 'Neuropathy by signs or symptoms suggests serum protein electrophoresis with immunofixation (AAN 2009).' },
  { version: '1.1.0', ruleIds: ['I-1', 'gi-evaluation'], text: 'GI evaluation for iron deficiency per AGA 2020 (anaemia, ferritin < 45) and BSG 2005 (no anaemia, men over 50 and women 50 or older); never in pregnancy.' },
  { version: '1.1.0', ruleIds: ['b12-mma'], text: 'Vitamin B12 suggested on metformin or a proton-pump inhibitor without a current B12.' },
  { version: '1.1.0', ruleIds: ['W-1'], text: 'Wording rule W-1: every summary, label and note reads "… is suggested" / "… may be considered"; no directive verbs.' },
];

/** Changes after `from` up to and including `to` whose rule ids meet `ids` (all of them when `ids` is empty). */
export function changesBetween(from: string, to: string, ids: readonly string[] = []): RuleChange[] {
  const after = (a: string, b: string) => compareVersions(a, b) > 0;
  return RULE_CHANGES.filter((c) => after(c.version, from) && !after(c.version, to) && (ids.length === 0 || c.ruleIds.some((r) => ids.includes(r))));
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
