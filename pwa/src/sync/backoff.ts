/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"): the n-th retry waits a random time in [0, min(cap, base · 2^n)). Pure: the random
 * source is injected.
 */

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** A number in [0, 1), like Math.random (the default). */
  random?: () => number;
}

/** The ceiling of the wait before retry number `attempt` (0-based): min(cap, base · 2^attempt). */
export function backoffCeiling(
  attempt: number,
  baseMs = BACKOFF_BASE_MS,
  capMs = BACKOFF_CAP_MS,
): number {
  const n = Math.max(0, Math.floor(attempt));
  // 2^n overflows to Infinity long after it passed the cap: min() handles it
  return Math.min(capMs, baseMs * 2 ** n);
}

/** Full jitter: a uniformly random wait in [0, ceiling). */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const random = opts.random ?? Math.random;
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * backoffCeiling(attempt, opts.baseMs, opts.capMs));
}

/** The retry state of one activity: `next()` after each failure, `reset()` after a success. */
export class Backoff {
  private attempt = 0;
  private readonly opts: BackoffOptions;

  constructor(opts: BackoffOptions = {}) {
    this.opts = opts;
  }

  /** Failures since the last success. */
  get failures(): number {
    return this.attempt;
  }

  /** The wait before the next try; `atLeastMs` honours a server's Retry-After. */
  next(atLeastMs = 0): number {
    const delay = backoffDelay(this.attempt, this.opts);
    this.attempt++;
    return Math.max(delay, atLeastMs);
  }

  reset(): void {
    this.attempt = 0;
  }
}
