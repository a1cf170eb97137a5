import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BASE_MS,
  DEFAULT_CAP_MS,
  MAX_RETRY_AFTER_MS,
  nextAttemptDelay,
  parseRetryAfter,
  retryDelayMs,
} from '../../../utils/sync/backoff';
import { seededRandom } from '../../seeded-random';

const options = { baseMs: 1_000, capMs: 60_000 };

describe('retryDelayMs', () => {
  it('stays within [base/2, min(cap, base·2^(n−1))] for every failure count', () => {
    const random = seededRandom(6);
    for (let failures = 1; failures <= 40; failures++) {
      const ceiling = Math.min(60_000, 1_000 * 2 ** (failures - 1));
      for (let draw = 0; draw < 200; draw++) {
        const delay = retryDelayMs(failures, { ...options, random });
        expect(delay).toBeGreaterThanOrEqual(500);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('spreads retries out (full jitter) and grows the spread with each failure', () => {
    const random = seededRandom(42);
    const draws = (failures: number) => Array.from({ length: 500 }, () => retryDelayMs(failures, { ...options, random }));
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const third = draws(3);
    const sixth = draws(6);
    // Full jitter: values cover the range instead of clustering at the ceiling.
    expect(Math.min(...third)).toBeLessThan(1_000);
    expect(Math.max(...third)).toBeGreaterThan(3_500);
    expect(new Set(third).size).toBeGreaterThan(400);
    expect(mean(sixth)).toBeGreaterThan(mean(third) * 4);
  });

  it('never answers 0, even when the draw is 0, and treats 0 failures as the first', () => {
    expect(retryDelayMs(1, { ...options, random: () => 0 })).toBe(500);
    expect(retryDelayMs(0, { ...options, random: () => 0.999 })).toBe(999);
  });

  it('is capped, even after absurd failure counts', () => {
    expect(retryDelayMs(5_000, { ...options, random: () => 0.999999 })).toBeLessThanOrEqual(60_000);
    expect(retryDelayMs(5_000, { ...options, random: () => 0.999999 })).toBeGreaterThan(59_000);
  });

  it('has sensible defaults', () => {
    expect(retryDelayMs(1, { random: () => 0 })).toBe(DEFAULT_BASE_MS / 2);
    expect(retryDelayMs(100, { random: () => 0.5 })).toBe(DEFAULT_CAP_MS / 2);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-26T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads all three HTTP-date forms as UTC', () => {
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('Thursday, 26-Nov-26 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu Nov 26 10:01:00 2026', now)).toBe(60_000);
    expect(parseRetryAfter('Thu Dec  3 10:00:00 2026', now)).toBe(7 * 24 * 3_600_000);
  });

  it('clamps a date in the past to 0', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:00 GMT', now)).toBe(0);
  });

  it('ignores garbage, negatives, impossible dates and a missing header', () => {
    for (const header of [null, '', 'soon', '-5', '1.5', '12abc', 'Thu, 31 Feb 2026 10:00:00 GMT', '2026-11-26T10:05:00Z']) {
      expect(parseRetryAfter(header, now), String(header)).toBeUndefined();
    }
    expect(parseRetryAfter('Thu, 26 Nov 2026 25:00:00 GMT', now)).toBeUndefined();
  });
});

describe('nextAttemptDelay', () => {
  const random = () => 0.5;

  it('takes the backoff when the server said nothing', () => {
    expect(nextAttemptDelay(3, undefined, { ...options, random })).toBe(2_000);
  });

  it('waits as long as the server asked when that is longer than the backoff', () => {
    expect(nextAttemptDelay(1, 90_000, { ...options, random })).toBe(90_000);
  });

  it('keeps the backoff when Retry-After is shorter (0 must not mean a tight loop)', () => {
    expect(nextAttemptDelay(4, 0, { ...options, random })).toBe(4_000);
  });

  it('follows Retry-After at most a day', () => {
    expect(nextAttemptDelay(1, 30 * 24 * 3_600_000, { ...options, random })).toBe(MAX_RETRY_AFTER_MS);
  });
});
