import 'server-only';
/**
 * SHA-256 over a canonical JSON form (keys sorted, no whitespace) so the digest of the same
 * content is the same on every machine and provider, whatever the key order in storage.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The assessment digest: input snapshot, rules version and evaluation, in one canonical document. */
export function assessmentDigest(parts: { input: unknown; rulesVersion: string; evaluation: unknown }): string {
  return createHash('sha256').update(canonicalJson({ input: parts.input, rulesVersion: parts.rulesVersion, evaluation: parts.evaluation })).digest('hex');
}
