/**
 * A token bucket per tab: work a page can cause (an image check from a composer, each one decoded,
 * kept and logged) is allowed in a burst, then at a steady rate. A page stuffing images into a
 * composer, or reloading to do it again, cannot fill the log or the team's webhook.
 */

export interface TabRateLimit {
  /** What may run at once. */
  burst: number;
  /** One more allowed per this many milliseconds, up to `burst`. */
  refillMs: number;
}

/** `allowed`; `refused` (the first refusal since this tab was last allowed: the one to log); `refused-again`. */
export type TabRateVerdict = 'allowed' | 'refused' | 'refused-again';

interface Bucket {
  tokens: number;
  at: number;
  refusing: boolean;
}

/** Past this many tabs, buckets that have filled up again (the same as a new one) are dropped. */
const PRUNE_AT = 200;

export function createTabRateLimiter(limit: TabRateLimit, now: () => number = Date.now) {
  const buckets = new Map<number | string, Bucket>();

  const refill = (bucket: Bucket, at: number) => {
    const earned = Math.floor((at - bucket.at) / limit.refillMs);
    if (earned <= 0) return;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + earned);
    // Keep the part of an interval already waited; a full bucket waits from now.
    bucket.at = bucket.tokens === limit.burst ? at : bucket.at + earned * limit.refillMs;
  };

  const prune = (at: number) => {
    if (buckets.size < PRUNE_AT) return;
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens === limit.burst) buckets.delete(key);
    }
  };

  return {
    /** Takes one unit of work for this tab (undefined: a sender without a tab, all counted together). */
    take(tabId: number | undefined): TabRateVerdict {
      const at = now();
      const key = tabId ?? 'no-tab';
      let bucket = buckets.get(key);
      if (!bucket) {
        prune(at);
        bucket = { tokens: limit.burst, at, refusing: false };
        buckets.set(key, bucket);
      }
      refill(bucket, at);
      // A full bucket earns nothing while it waits: its clock starts with the first unit taken from it.
      if (bucket.tokens === limit.burst) bucket.at = at;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        bucket.refusing = false;
        return 'allowed';
      }
      if (bucket.refusing) return 'refused-again';
      bucket.refusing = true;
      return 'refused';
    },
    /** A closed tab's bucket (its id may be reused). */
    forget(tabId: number): void {
      buckets.delete(tabId);
    },
  };
}

/** Image checks from composers: 10 at once (a post with many photos), then one every 2 s. */
export const IMAGE_CHECK_LIMIT: TabRateLimit = { burst: 10, refillMs: 2000 };
