/** Number and value formatting shared by messages, summaries and the UI (no Intl: it is slow in hot paths). */

function group(intPart: string): string {
  return intPart.length > 4 ? intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : intPart;
}

/** Up to `digits` decimals, trailing zeros dropped, thousands separated from 10,000: 100000 → "100,000". */
export function formatNumber(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  if (n >= 0 && n < 10_000) {
    // Fast path: a short decimal prints as itself ("1.6"), no rounding needed.
    const plain = String(n);
    const dot = plain.indexOf('.');
    if (dot === -1 || (plain.length - dot - 1 <= digits && !plain.includes('e'))) return plain;
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
