import { describe, expect, it } from 'vitest';
import { createTabRateLimiter } from '../../../entrypoints/background/tab-rate-limit';

function limiter() {
  let now = 1_000_000;
  const limit = createTabRateLimiter({ burst: 10, refillMs: 2000 }, () => now);
  const wait = (ms: number) => {
    now += ms;
  };
  return { limit, wait };
}
const takeMany = (take: () => string, n: number) => Array.from({ length: n }, take);

describe('a token bucket per tab', () => {
  it('allows a burst, then refuses, telling only the first refusal apart', () => {
    const { limit } = limiter();
    const verdicts = takeMany(() => limit.take(1), 14);
    expect(verdicts.slice(0, 10)).toEqual(Array(10).fill('allowed'));
    expect(verdicts.slice(10)).toEqual(['refused', 'refused-again', 'refused-again', 'refused-again']);
  });

  it('earns one more every 2 s, never more than the burst, and a new refusal streak is told again', () => {
    const { limit, wait } = limiter();
    takeMany(() => limit.take(1), 11);
    wait(1999);
    expect(limit.take(1)).toBe('refused-again');
    wait(1);
    expect(limit.take(1)).toBe('allowed');
    expect(limit.take(1)).toBe('refused');
    wait(3 * 2000 + 500);
    expect(takeMany(() => limit.take(1), 4)).toEqual(['allowed', 'allowed', 'allowed', 'refused']);
    // The half interval waited counts toward the next one.
    wait(1500);
    expect(limit.take(1)).toBe('allowed');
    wait(60_000); // a long pause fills the bucket, no further
    expect(takeMany(() => limit.take(1), 11).filter((v) => v === 'allowed')).toHaveLength(10);
  });

  it('does not count time a full bucket sat unused', () => {
    const { limit, wait } = limiter();
    expect(limit.take(1)).toBe('allowed'); // the bucket starts
    wait(60_000);
    takeMany(() => limit.take(1), 10);
    wait(1000); // half an interval since the first of these ten: nothing earned yet
    expect(limit.take(1)).toBe('refused');
  });

  it('keeps tabs apart; a tab forgotten (closed) starts again full', () => {
    const { limit } = limiter();
    takeMany(() => limit.take(1), 10);
    expect(limit.take(1)).toBe('refused');
    expect(limit.take(2)).toBe('allowed');
    expect(limit.take(undefined)).toBe('allowed');
    limit.forget(1);
    expect(limit.take(1)).toBe('allowed');
  });

  it('keeps its memory small across many tabs without forgetting one that is being refused', () => {
    const { limit } = limiter();
    takeMany(() => limit.take(1), 11);
    for (let tab = 2; tab < 1000; tab++) limit.take(tab);
    expect(limit.take(1)).toBe('refused-again');
  });
});
