/**
 * Anonymous refusals (no signed-in user: a forged cross-site call, a bad API token, a CDS call with a
 * bad JWT…) cost an attacker nothing, so a flood of them must not grow the audit trail without
 * bound. Per window of time, each client address gets a few events of its own and all anonymous
 * refusals together a fixed number; the rest are counted, and when the window ends they are written
 * as summary events (per address for the addresses with most, one for all others). What reaches the
 * trail per window is therefore at most `perWindow + summaries + 1` events, whatever the flood.
 * Refusals of a signed-in user never come here: each is written.
 *
 * Pure (the clock is passed in), so its limits are tested without waiting.
 */

export interface RefusalLimits {
  /** Length of a window. */
  windowMs: number;
  /** Events written one by one per client address and window. */
  perAddress: number;
  /** Events written one by one per window, all addresses together. */
  perWindow: number;
  /** Addresses that get a summary event of their own at the end of a window (the others share one). */
  summaries: number;
  /** Addresses counted one by one per window (memory bound); refusals from more are counted together. */
  trackedAddresses: number;
}

export const REFUSAL_LIMITS: RefusalLimits = { windowMs: 60_000, perAddress: 10, perWindow: 100, summaries: 10, trackedAddresses: 1_000 };

/** What a summary event says: how many refusals of which kinds were not written one by one. */
export interface RefusalSummary {
  /** One address's own refusals, or those of all other addresses together. */
  scope: 'address' | 'others';
  /** The address (null when unknown, and for the summary of all others). */
  clientAddress: string | null;
  suppressed: number;
  /** Addresses this summary covers (1 for an address's own summary). */
  addresses: number;
  /** Refusal kinds ("action:reason") and their counts, most frequent first. */
  reasons: [string, number][];
  windowStart: Date;
  windowMs: number;
}

interface Bucket {
  written: number;
  suppressed: number;
  reasons: Map<string, number>;
}

const UNKNOWN = '';

function count(bucket: Bucket, reason: string, n = 1): void {
  bucket.suppressed += n;
  bucket.reasons.set(reason, (bucket.reasons.get(reason) ?? 0) + n);
}

export class RefusalCoalescer {
  private windowStart: number | null = null;
  private written = 0;
  private buckets = new Map<string, Bucket>();
  private untracked: Bucket = { written: 0, suppressed: 0, reasons: new Map() };
  private ended: RefusalSummary[] = [];

  constructor(private readonly limits: RefusalLimits = REFUSAL_LIMITS) {}

  /** Whether this refusal is written as its own event (true) or only counted for the summary (false). */
  admit(clientAddress: string | null, reason: string, now: number): boolean {
    if (this.windowStart !== null && now >= this.windowStart + this.limits.windowMs) this.endWindow();
    this.windowStart ??= now;
    const key = clientAddress ?? UNKNOWN;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.limits.trackedAddresses) {
        count(this.untracked, reason);
        return false;
      }
      bucket = { written: 0, suppressed: 0, reasons: new Map() };
      this.buckets.set(key, bucket);
    }
    if (bucket.written < this.limits.perAddress && this.written < this.limits.perWindow) {
      bucket.written++;
      this.written++;
      return true;
    }
    count(bucket, reason);
    return false;
  }

  /** When the current window ends, if it has counted refusals to summarise (for a timer). */
  pendingUntil(): number | null {
    if (this.windowStart === null) return null;
    const counted = this.untracked.suppressed > 0 || [...this.buckets.values()].some((b) => b.suppressed > 0);
    return counted ? this.windowStart + this.limits.windowMs : null;
  }

  /** Summaries of every window that has ended by `now` (all windows when `force`), each handed out once. */
  drain(now: number, force = false): RefusalSummary[] {
    if (this.windowStart !== null && (force || now >= this.windowStart + this.limits.windowMs)) this.endWindow();
    const out = this.ended;
    this.ended = [];
    return out;
  }

  private endWindow(): void {
    const windowStart = new Date(this.windowStart ?? 0);
    const windowMs = this.limits.windowMs;
    const counted = [...this.buckets.entries()].filter(([, b]) => b.suppressed > 0).sort((a, b) => b[1].suppressed - a[1].suppressed);
    const reasons = (b: Bucket) => [...b.reasons.entries()].sort((x, y) => y[1] - x[1]);
    for (const [key, b] of counted.slice(0, this.limits.summaries)) {
      this.ended.push({ scope: 'address', clientAddress: key === UNKNOWN ? null : key, suppressed: b.suppressed, addresses: 1, reasons: reasons(b), windowStart, windowMs });
    }
    const rest: Bucket = { written: 0, suppressed: 0, reasons: new Map() };
    const others = counted.slice(this.limits.summaries);
    for (const [, b] of [...others, ['untracked', this.untracked] as const]) for (const [r, n] of b.reasons) count(rest, r, n);
    if (rest.suppressed > 0) {
      this.ended.push({ scope: 'others', clientAddress: null, suppressed: rest.suppressed, addresses: others.length + (this.untracked.suppressed > 0 ? 1 : 0), reasons: reasons(rest), windowStart, windowMs });
    }
    this.windowStart = null;
    this.written = 0;
    this.buckets = new Map();
    this.untracked = { written: 0, suppressed: 0, reasons: new Map() };
  }
}

/** The detail text of a summary event (at most 200 characters, like every detail). */
export function summaryDetail(s: RefusalSummary): string {
  const from = s.scope === 'others' ? `from ${s.addresses}+ other addresses` : s.clientAddress === null ? 'from an unknown address' : 'from this address';
  const kinds = s.reasons.map(([r, n]) => `${r}=${n}`).join(', ');
  return `${s.suppressed} more anonymous refusals ${from} in ${s.windowMs / 1000} s from ${s.windowStart.toISOString()}: ${kinds}`.slice(0, 200);
}
