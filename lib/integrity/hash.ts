/**
 * Canonical JSON (keys sorted, no whitespace, undefined dropped) and SHA-256, so the same content
 * hashes the same on every machine, provider and key order. Used for assessment digests and the
 * audit chain; deliberately not server-only so the audit:verify command can use it too.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  // Loops and string concatenation rather than entries/filter/map/join: a saved evaluation has
  // thousands of nodes and every save hashes it (0.37 against 0.55 ms for a 44 KB one, measured here).
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units: the order `<` gives two strings.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(v);
  }
  return `${out}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
