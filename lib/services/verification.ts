import 'server-only';
/**
 * The verification report: every rule with its sources and evidence, and the clinical cases that
 * exercise it, each case evaluated by the running app (never a stored result).
 */
import { CONTRIBUTORS, GLOBAL_RULES, RULES_DATE, RULES_VERSION, evaluateFindings, parseEvaluationInput, sourcesFor, type Source } from '@/lib/rules';
import { CLINICAL_CASES, compareCase, firedRuleIds } from '@/lib/rules/cases';

export interface CaseResult {
  id: string;
  title: string;
  passed: boolean;
  problems: string[];
  fired: string[];
}

export interface RuleRow {
  id: string;
  title: string;
  contributor: string;
  evidence: string;
  verification: string;
  rationale: string;
  sources: Source[];
  cases: CaseResult[];
}

export interface VerificationReport {
  rulesVersion: string;
  rulesDate: string;
  cases: CaseResult[];
  rules: RuleRow[];
}

export function runVerification(): VerificationReport {
  const cases: CaseResult[] = CLINICAL_CASES.map((c) => {
    const parsed = parseEvaluationInput(c.input);
    if (!parsed.ok) return { id: c.id, title: c.title, passed: false, problems: parsed.issues.map((i) => `${i.path}: ${i.message}`), fired: [] };
    const out = evaluateFindings(parsed.data);
    const problems = compareCase(c.expect, out);
    return { id: c.id, title: c.title, passed: problems.length === 0, problems, fired: [...firedRuleIds(out)] };
  });
  const covering = (ruleId: string) => cases.filter((c) => c.fired.includes(ruleId));
  const rules: RuleRow[] = [
    ...GLOBAL_RULES.map((g) => ({ id: g.id, title: g.title, contributor: 'all', evidence: g.evidence, verification: g.verification, rationale: g.rationale, sources: sourcesFor(g.sourceIds), cases: covering(g.id) })),
    ...CONTRIBUTORS.flatMap((spec) => spec.rules.map((r) => ({
      id: r.id, title: r.title, contributor: spec.label, evidence: r.evidence, verification: r.verification, rationale: r.rationale, sources: sourcesFor(r.sourceIds), cases: covering(r.id),
    }))),
  ];
  return { rulesVersion: RULES_VERSION, rulesDate: RULES_DATE, cases, rules };
}
