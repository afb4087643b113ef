import { describe, expect, it } from 'vitest';
import { evaluateFindings, parseEvaluationInput } from '@/lib/rules';
import { loadVignettes } from '@/tests/vignettes';
import { canonicalJson, sha256Hex } from './hash';

/** The first, straightforward definition: the canonical form must stay byte for byte what it was (stored digests and the audit chain depend on it). */
function reference(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members, writes dates as ISO strings and no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, undefined, { d: undefined, c: 'x' }], at: new Date(Date.UTC(2026, 10, 28)) })).toBe('{"a":[3,null,{"c":"x"}],"at":"2026-11-28T00:00:00.000Z","b":1}');
  });

  it('is the same whatever the key order', () => {
    expect(canonicalJson({ z: { y: 1, x: 2 }, a: null })).toBe(canonicalJson({ a: null, z: { x: 2, y: 1 } }));
  });

  it('orders keys by UTF-16 code units (upper case, digits, accents, astral characters)', () => {
    const keys = ['b', 'B', 'a', '10', '9', 'é', 'e', '😀', '\uffff', '', '_'];
    const object = Object.fromEntries(keys.map((k, i) => [k, i]));
    expect(canonicalJson(object)).toBe(reference(object));
    expect(Object.keys(JSON.parse(canonicalJson(object)) as object)).toEqual(Object.keys(JSON.parse(reference(object)) as object));
  });

  it('empty containers, nested arrays, strings that need escaping, numbers', () => {
    const value = { e: {}, f: [], g: [[], [{}], [1.5, -0, 1e21]], h: 'quote " backslash \\ newline \n tab \t', i: true, j: false };
    expect(canonicalJson(value)).toBe(reference(value));
  });

  it('every clinical case: input and evaluation hash exactly as the reference definition does', () => {
    for (const v of loadVignettes()) {
      const parsed = parseEvaluationInput(v.input);
      if (!parsed.ok) throw new Error(`${v.id} does not validate`);
      const snapshot = JSON.parse(JSON.stringify({ input: parsed.data, evaluation: evaluateFindings(parsed.data) })) as unknown;
      expect(canonicalJson(snapshot)).toBe(reference(snapshot));
      expect(sha256Hex(canonicalJson(snapshot))).toBe(sha256Hex(reference(snapshot)));
    }
  });
});
