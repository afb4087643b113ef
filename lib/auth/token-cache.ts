/**
 * API-token look-ups kept for a few seconds. Without it every evaluate call ran one Prisma query for
 * its token — about a fifth of the server's CPU per call under load (docs/BENCHMARKS.md, fourth round).
 *
 * Only active tokens are kept (an unknown or revoked token is looked up every time). A revocation
 * through this process clears the cache once committed, so it takes effect at once here; a revocation
 * through another instance of the app (or straight in the database) takes effect here within the TTL.
 */
import { LRUCache } from 'lru-cache';

export interface ActiveToken {
  id: string;
  organisationId: string;
  name: string;
}

export interface TokenCacheOptions {
  /** 0 turns the cache off. */
  ttlMs: number;
  max?: number;
  /** The clock (tests). */
  now?: () => number;
}

export class TokenLookupCache {
  readonly #load: (tokenHash: string) => Promise<ActiveToken | null>;
  readonly #cache: LRUCache<string, ActiveToken> | null;
  /** Moves on at every clear: a look-up that began before a revocation does not put its stale answer back. */
  #generation = 0;

  constructor(load: (tokenHash: string) => Promise<ActiveToken | null>, { ttlMs, max = 1000, now }: TokenCacheOptions) {
    this.#load = load;
    this.#cache = ttlMs > 0 ? new LRUCache({ max, ttl: ttlMs, ttlResolution: 0, ttlAutopurge: false, ...(now ? { perf: { now } } : {}) }) : null;
  }

  async find(tokenHash: string): Promise<ActiveToken | null> {
    if (!this.#cache) return this.#load(tokenHash);
    const hit = this.#cache.get(tokenHash);
    if (hit) return hit;
    const generation = this.#generation;
    const token = await this.#load(tokenHash);
    if (token && generation === this.#generation) this.#cache.set(tokenHash, token);
    return token;
  }

  /** After a revocation has committed. */
  clear(): void {
    this.#generation++;
    this.#cache?.clear();
  }
}
