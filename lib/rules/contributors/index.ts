/** The rule set: one spec per contributor, in the contract's order. */
import type { ContributorSpec } from '../types';
import { glycemia } from './glycemia';
import { anemia, ironDeficiency } from './iron-deficiency';
import { kidneyDisease, kidneyFailureDialysis } from './kidney';
import { medication } from './medication';
import { neuropathy } from './neuropathy';
import { oncologicAutoimmune } from './oncologic-autoimmune';
import { pregnancy } from './pregnancy';
import { thyroidHighTsh, thyroidLowTsh } from './thyroid';
import { b12Deficiency, folateDeficiency } from './vitamins';

export const CONTRIBUTORS: readonly ContributorSpec[] = [
  ironDeficiency, anemia, kidneyDisease, kidneyFailureDialysis, glycemia, neuropathy, thyroidHighTsh, thyroidLowTsh,
  b12Deficiency, folateDeficiency, pregnancy, oncologicAutoimmune, medication,
];
