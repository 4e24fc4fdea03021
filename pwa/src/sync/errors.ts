/** Control flow inside a sync run: why a run ended early. */
import { ApiError } from '../api/client';
import type { SyncErrorInfo, SyncPhase } from './types';

/** The run cannot go on now; try again later. */
export class RetryLater extends Error {
  constructor(
    readonly info: Omit<SyncErrorInfo, 'retryInMs'>,
    readonly retryAfterMs = 0,
  ) {
    super(info.message);
  }
}

/** `stop()` was called during the run. */
export class Stopped extends Error {}

/** The run must not be retried until the user acts (log in, update the app). */
export class Halt extends Error {
  constructor(
    readonly reason: 'login-required' | 'update-required' | 'blocked',
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function apiFailure(phase: SyncPhase | 'run', error: unknown): RetryLater | Halt {
  if (error instanceof ApiError) {
    if (error.status === 401) return new Halt('login-required', 401, error.code, error.message);
    if (error.status === 409 && error.code === 'schema_version_unsupported') {
      return new Halt('update-required', 409, error.code, error.message);
    }
    if (error.status === 403 && error.code === 'client_mismatch') {
      return new Halt('blocked', 403, error.code, error.message);
    }
    const retryAfterMs = error.retryAfter != null ? error.retryAfter * 1000 : 0;
    return new RetryLater(
      { phase, code: error.code, message: error.message, status: error.status },
      retryAfterMs,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RetryLater({ phase, code: 'internal_error', message });
}
