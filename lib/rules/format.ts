/** Number and value formatting shared by messages, summaries and the UI (no Intl: it is slow in hot paths). */

function group(intPart: string): string {
  return intPart.length > 4 ? intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : intPart;
}

const POW10 = [1, 10, 100, 1000, 10000] as const;

/**
 * A value in [0, 10,000) that is exactly a decimal of at most `digits` places (digits ≤ 4), written from
 * integers: what String(n) prints, without the float-to-shortest conversion (the costliest step of
 * formatting). With the fewest places k for which m ÷ 10^k gives back n, that decimal is the shortest
 * one that reads back as n, which is what String(n) prints; null when n has more places.
 */
function shortDecimal(n: number, digits: number): string | null {
  for (let k = 0; k <= digits; k++) {
    const p = POW10[k]!;
    const m = Math.round(n * p);
    if (m / p !== n) continue;
    if (k === 0) return String(m);
    const whole = Math.floor(m / p);
    let frac = String(m - whole * p);
    while (frac.length < k) frac = `0${frac}`;
    return `${whole}.${frac}`;
  }
  return null;
}

/** String(n) when it has at most `digits` places and no exponent (more places than shortDecimal handles). */
function shortestUpTo(n: number, digits: number): string | null {
  const plain = String(n);
  const dot = plain.indexOf('.');
  return !plain.includes('e') && (dot === -1 || plain.length - dot - 1 <= digits) ? plain : null;
}

/** Up to `digits` decimals, trailing zeros dropped, thousands separated from 10,000: 100000 → "100,000". */
export function formatNumber(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  if (n >= 0 && n < 10_000) {
    const short = digits <= 4 ? shortDecimal(n, digits) : shortestUpTo(n, digits);
    if (short !== null) return short;
  }
  let s = n.toFixed(digits);
  if (s.includes('.')) {
    let end = s.length;
    while (s.charCodeAt(end - 1) === 48) end--; // trailing zeros
    if (s.charCodeAt(end - 1) === 46) end--; // a bare decimal point
    s = s.slice(0, end);
  }
  // Rounded, non-negative and below 10,000: no sign and no separators to add.
  if (n >= 0) { const dot = s.indexOf('.'); if ((dot === -1 ? s.length : dot) <= 4) return s; }
  if (s === '-0') s = '0';
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [i, f] = body.split('.');
  return `${neg ? '−' : ''}${group(i ?? '')}${f ? `.${f}` : ''}`;
}

/** "<5 ng/mL", "60 µg/L", "20.5%". */
export function formatQuantity(value: number, unit: string, qualifier?: '<' | '>' | null, digits = 2): string {
  const q = qualifier ?? '';
  return unit === '%' ? `${q}${formatNumber(value, digits)}%` : `${q}${formatNumber(value, digits)} ${unit}`;
}
