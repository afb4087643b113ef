/**
 * The rule set's semantic version and release date. Bump the version whenever a threshold, a rule,
 * a source or a workup item changes (patch: wording; minor: a new rule or item; major: a changed
 * threshold or status), and add a line to docs/RULES-CHANGELOG.md. Every saved assessment records it.
 */
export const RULES_VERSION = '1.1.0';
export const RULES_DATE = '2026-11-27';
/** Version of docs/CLINICAL.md the rules were written from. */
export const KNOWLEDGE_BASE_VERSION = '1.1 (2026-11-27)';
