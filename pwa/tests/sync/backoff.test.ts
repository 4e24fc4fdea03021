import { describe, expect, it } from 'vitest';
import { Backoff, backoffCeiling, backoffDelay, BACKOFF_CAP_MS } from '../../src/sync/backoff';

describe('backoff', () => {
  it('doubles from 2 s up to the 5 min cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffCeiling(n))).toEqual([
      2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000,
    ]);
  });

  it('jitters fully: a random wait in [0, ceiling)', () => {
    expect(backoffDelay(3, { random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(8000);
    expect(backoffDelay(3, { random: () => 0.999999 })).toBeLessThan(16000);
    expect(backoffDelay(100, { random: () => 0.999999 })).toBeLessThan(BACKOFF_CAP_MS);
  });

  it('grows with each failure and resets on success', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([1000, 2000, 4000]);
    expect(backoff.failures).toBe(3);
    backoff.reset();
    expect(backoff.failures).toBe(0);
    expect(backoff.next()).toBe(1000);
  });

  it('waits at least what the server asked (Retry-After)', () => {
    const backoff = new Backoff({ random: () => 0.1 });
    expect(backoff.next(30_000)).toBe(30_000);
  });
});
