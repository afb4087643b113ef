/**
 * CDS Hooks 2.0 cards from an evaluation. The engine's output is consumed generically: a card per
 * flagged contributor, with the engine's own summary, basis, rules and sources (never reworded),
 * and one card for the labs that are missing or stale. Nothing for what is not flagged. JSON carries
 * no null and no empty string, array or object (the spec forbids them): optional fields are omitted.
 */
import { ANALYTES, type ContributorResult, type Evaluation, type WorkupItem } from '@/lib/rules';
import { REVIEW_REASONS } from '@/lib/schemas/review';
import { ANALYTE_LOINC, LOINC_DISPLAY, SYSTEM } from '@/lib/fhir/value-sets';

export const SUMMARY_MAX = 139;
export const OVERRIDE_REASON_SYSTEM = 'https://rls-workup.example/fhir/CodeSystem/review-reason';
export const SERVICE_LABEL = 'RLS Workup';

export interface Coding { system: string; code: string; display: string }

export interface ServiceRequestResource {
  resourceType: 'ServiceRequest';
  status: 'draft';
  intent: 'proposal';
  subject: { reference: string };
  code: { coding: Coding[]; text: string };
  reasonCode?: { text: string }[];
}

export interface Suggestion {
  label: string;
  uuid: string;
  isRecommended?: boolean;
  actions: { type: 'create'; description: string; resource: ServiceRequestResource }[];
}

export interface Card {
  uuid: string;
  summary: string;
  detail?: string;
  indicator: 'info' | 'warning' | 'critical';
  source: { label: string; url?: string; topic?: Coding };
  suggestions?: Suggestion[];
  selectionBehavior?: 'any' | 'at-most-one';
  overrideReasons?: Coding[];
  links?: { label: string; url: string; type: 'absolute' }[];
}

/** What each card is about, for the feedback record. */
export interface CardMeta {
  uuid: string;
  topic: string;
  ruleIds: string[];
}

export interface CardOptions {
  /** FHIR id of the patient in the EHR. */
  patientId: string;
  /** Link to open the pre-filled assessment in the app; omitted when there is none. */
  openUrl?: string;
  uuid: () => string;
  /** Where each used value came from, per analyte: "2020-09-07, Observation abc". */
  provenanceOf?: (analyte: string) => string | undefined;
}

export const OVERRIDE_REASONS: Coding[] = REVIEW_REASONS.map((r) => ({ system: OVERRIDE_REASON_SYSTEM, code: r.code, display: r.label }));

/** Cuts at a word boundary below the limit; the engine's wording is kept, only shortened. */
export function shortSummary(text: string, max = SUMMARY_MAX): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

const md = (s: string) => s.replace(/([\\`*_[\]|<>])/g, '\\$1');

function indicatorOf(c: ContributorResult): Card['indicator'] {
  // I-5: iron would harm (TSAT ≥ 45 %) — the one finding where acting on a default is unsafe.
  if (c.ironTherapy === 'suppressed') return 'critical';
  return c.evidence === 'A' || c.evidence === 'B' ? 'warning' : 'info';
}

function serviceRequest(patientId: string, code: string, reason: string): ServiceRequestResource {
  return {
    resourceType: 'ServiceRequest', status: 'draft', intent: 'proposal', subject: { reference: `Patient/${patientId}` },
    code: { coding: [{ system: SYSTEM.loinc, code, display: LOINC_DISPLAY[code] ?? code }], text: LOINC_DISPLAY[code] ?? code },
    ...(reason.trim() ? { reasonCode: [{ text: reason.trim() }] } : {}),
  };
}

/** One suggestion per orderable workup item: a draft ServiceRequest per LOINC code, accepted together. */
function suggestionOf(item: WorkupItem, opts: CardOptions): Suggestion | null {
  if (item.loinc.length === 0) return null;
  return {
    label: item.label, uuid: opts.uuid(), isRecommended: item.evidence === 'A',
    actions: item.loinc.map((code) => ({ type: 'create' as const, description: `Order ${LOINC_DISPLAY[code] ?? `LOINC ${code}`}`, resource: serviceRequest(opts.patientId, code, item.reason) })),
  };
}

function withSuggestions(card: Card, suggestions: Suggestion[]): Card {
  if (suggestions.length === 0) return card;
  return { ...card, suggestions: suggestions.map((s) => (s.isRecommended ? s : { label: s.label, uuid: s.uuid, actions: s.actions })), selectionBehavior: 'any' };
}

function links(opts: CardOptions): Pick<Card, 'links'> {
  return opts.openUrl ? { links: [{ label: 'Open the pre-filled assessment in RLS Workup', url: opts.openUrl, type: 'absolute' }] } : {};
}

function contributorDetail(c: ContributorResult, ev: Evaluation, items: WorkupItem[], opts: CardOptions): string {
  const lines = [`**${md(c.label)}**: ${md(c.summary)}`, ''];
  if (c.basis.length > 0) {
    lines.push('| Finding | Entered | Compared | Threshold | Outcome |', '|---|---|---|---|---|');
    for (const b of c.basis) {
      const input = ev.inputs.find((i) => i.analyte === b.analyte);
      const from = opts.provenanceOf?.(b.analyte);
      lines.push(`| ${md(input?.label ?? ANALYTES[b.analyte]?.label ?? b.analyte)}${from ? ` (${md(from)})` : ''} | ${md(b.entered ?? 'missing')}${b.stale ? ` (stale: ${md(b.stale)})` : ''} | ${md(b.canonical ?? '—')} | ${md(b.threshold)} | ${md(String(b.outcome))} |`);
    }
    lines.push('');
  }
  for (const n of c.notes) lines.push(`- ${md(n)}`);
  for (const cv of c.caveats) lines.push(`- ${md(cv.text)}`);
  if (c.notes.length + c.caveats.length > 0) lines.push('');
  if (items.length > 0) {
    lines.push('Suggested workup:');
    for (const i of items) lines.push(`- ${md(i.label)}: ${md(i.reason)}`);
    lines.push('');
  }
  lines.push(`Rules ${c.ruleIds.map(md).join(', ')} · evidence grade ${c.evidence} · RLS Workup rules ${md(ev.rulesVersion)}`);
  if (c.sources.length > 0) lines.push('', `Sources: ${c.sources.map((s) => `[${md(s.citation)}](${s.url})`).join('; ')}`);
  lines.push('', 'Decision support for the clinician; it does not diagnose, order or prescribe.');
  return lines.join('\n');
}

/** Cards for an evaluation, with what each one is about. */
export function cardsFor(ev: Evaluation, opts: CardOptions): { cards: Card[]; meta: CardMeta[] } {
  const cards: Card[] = [];
  const meta: CardMeta[] = [];
  if (!ev.inScope) return { cards, meta };
  for (const c of ev.contributors) {
    if (c.status !== 'flagged') continue;
    const own = new Set(c.ruleIds);
    const items = ev.workup.filter((w) => w.ruleIds.some((r) => own.has(r)));
    const src = c.sources[0];
    const card: Card = {
      uuid: opts.uuid(),
      summary: shortSummary(c.summary),
      detail: contributorDetail(c, ev, items, opts),
      indicator: indicatorOf(c),
      source: {
        label: src ? shortSummary(`${SERVICE_LABEL}: ${src.citation}`, 120) : SERVICE_LABEL,
        ...(src ? { url: src.url } : {}),
        topic: { system: 'https://rls-workup.example/fhir/CodeSystem/contributor', code: c.id, display: c.label },
      },
      overrideReasons: OVERRIDE_REASONS,
      ...links(opts),
    };
    cards.push(withSuggestions(card, items.map((i) => suggestionOf(i, opts)).filter((s): s is Suggestion => s !== null)));
    meta.push({ uuid: card.uuid, topic: c.id, ruleIds: c.ruleIds });
  }
  const labs = labsCard(ev, opts);
  if (labs) {
    cards.push(labs.card);
    meta.push(labs.meta);
  }
  return { cards, meta };
}

/** Workup items asked for because a lab is missing (G1) or out of date (G6), and the stale inputs. */
function labsCard(ev: Evaluation, opts: CardOptions): { card: Card; meta: CardMeta } | null {
  const staleInputs = ev.inputs.filter((i) => i.stale && i.status !== 'rejected');
  const staleCodes = new Set(staleInputs.flatMap((i) => ANALYTE_LOINC.filter((m) => m.analyte === i.analyte).map((m) => m.code)));
  const items = ev.workup.filter((w) => w.loinc.length > 0 && (w.ruleIds.some((r) => r === 'G1' || r === 'G6') || w.loinc.some((code) => staleCodes.has(code))));
  if (items.length === 0 && staleInputs.length === 0) return null;
  const lines = ['Results the RLS workup needs are missing or out of date. Missing is unknown, never normal.', ''];
  for (const i of items) lines.push(`- ${md(i.label)}: ${md(i.reason)}`);
  if (staleInputs.length > 0) {
    lines.push('', 'Out of date:');
    for (const i of staleInputs) lines.push(`- ${md(i.label)} ${md(i.entered)}${i.collectedOn ? `, collected ${i.collectedOn}` : ''}${i.message ? `: ${md(i.message)}` : ''}`);
  }
  lines.push('', `RLS Workup rules ${md(ev.rulesVersion)}`);
  const suggestions = items.map((i) => suggestionOf(i, opts)).filter((s): s is Suggestion => s !== null);
  const uuid = opts.uuid();
  const names = [...items.map((i) => i.label.replace(/^\(.*?\)\s*/, '').split(/[:,(]/)[0]!.trim()), ...staleInputs.map((i) => i.label)].filter((x) => x !== '');
  const card: Card = {
    uuid,
    summary: shortSummary(`Labs missing or out of date for the RLS workup: ${[...new Set(names)].join('; ')}`),
    detail: lines.join('\n'),
    indicator: 'info',
    source: { label: SERVICE_LABEL, topic: { system: 'https://rls-workup.example/fhir/CodeSystem/contributor', code: 'labs', display: 'Missing or out-of-date labs' } },
    overrideReasons: OVERRIDE_REASONS,
    ...links(opts),
  };
  return { card: withSuggestions(card, suggestions), meta: { uuid, topic: 'labs', ruleIds: [...new Set(items.flatMap((i) => i.ruleIds))] } };
}

/** Spec rules every response must meet; used by the tests and as a last check before sending. */
export function specViolations(value: unknown, path = ''): string[] {
  if (value === null) return [`${path || 'value'} is null`];
  if (typeof value === 'string') return value.trim() === '' ? [`${path} is empty`] : [];
  if (Array.isArray(value)) return value.length === 0 && path !== 'cards' ? [`${path} is an empty array`] : value.flatMap((v, i) => specViolations(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [`${path} is an empty object`];
    return entries.flatMap(([k, v]) => (v === undefined ? [`${path}.${k} is undefined`] : specViolations(v, path ? `${path}.${k}` : k)));
  }
  return [];
}
