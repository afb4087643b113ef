/**
 * Exact decimal arithmetic for threshold decisions that combine several entered values (TSAT from
 * serum iron and TIBC). Entered numbers are short decimals; read as such (not as binary floats) and
 * multiplied as integers, a comparison such as "22.5 ÷ 50 × 100 ≥ 45" is decided exactly, where
 * floating point gives 44.99999999999999.
 */

/** A non-negative-or-negative rational n / d with d > 0. */
export interface Rational {
  n: bigint;
  d: bigint;
}

const TEN = 10n;

/** The decimal a number prints as ("22.5", "1e-7"), as an exact rational. */
export function rationalOf(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const s = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(s);
  if (!m) throw new RangeError(`cannot read ${s} as a decimal`);
  const [, sign, int, frac = '', exp = '0'] = m;
  let n = BigInt(int! + frac);
  let scale = frac.length - Number(exp);
  if (sign === '-') n = -n;
  if (scale >= 0) return { n, d: TEN ** BigInt(scale) };
  return { n: n * TEN ** BigInt(-scale), d: 1n };
}

const statics = new Map<number, Rational>();
/** For the rules' own numbers (thresholds, conversion factors), a handful in all: each is read once. */
export function staticRational(x: number): Rational {
  let r = statics.get(x);
  if (!r) statics.set(x, (r = rationalOf(x)));
  return r;
}

export const mul = (a: Rational, b: Rational): Rational => ({ n: a.n * b.n, d: a.d * b.d });
export const div = (a: Rational, b: Rational): Rational => {
  if (b.n === 0n) throw new RangeError('division by zero');
  return b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
};

/** -1, 0 or 1 as a is below, equal to or above b. */
export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const toNumber = (r: Rational): number => Number(r.n) / Number(r.d);
