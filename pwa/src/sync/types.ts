/** Types shared by the sync engine's modules: wire shapes, events, options (see client.ts). */
import type { HttpStack } from 'tus-js-client';
import type { ApiClient } from '../api/client';
import type { BackoffOptions } from './backoff';
import type { Notice, SyncDB } from './db';

export const SCHEMA_VERSION = 1;
export const PUSH_BATCH_SIZE = 100;
export const UPLOAD_CHUNK_SIZE = 512 * 1024;
export const DEFAULT_POLL_INTERVAL_MS = 5 * 60_000;
export const LOCK_NAME = 'xianchang-sync';

// --- wire shapes ------------------------------------------------------------------------------

export interface PushResult {
  id: number;
  status: 'applied' | 'duplicate' | 'rejected' | 'conflict';
  code?: string;
  message?: string;
}
export interface PushResponse {
  last_mutation_id: number;
  results: PushResult[];
}
export interface Change {
  op: 'put' | 'del';
  type: string;
  id: string | number;
  version: number;
  data: unknown;
}
export interface PullRejection {
  mutation_id: number;
  name: string;
  status: 'rejected' | 'conflict';
  code: string;
  message: string;
  at?: string;
  /** The mutation's args as this client sent them. */
  args?: Record<string, unknown> | null;
}
export interface PullResponse {
  cookie: string;
  last_mutation_id: number;
  reset: boolean;
  changes: Change[];
  rejections: PullRejection[];
  has_more: boolean;
}

// --- events --------------------------------------------------------------------------------------

export type SyncPhase = 'upload' | 'push' | 'pull';

export interface SyncProgress {
  phase: SyncPhase;
  done: number;
  total: number;
  bytesDone?: number;
  bytesTotal?: number;
  /** Upload: the photo being sent, its 0-based place in this run, its bytes sent and size. */
  sha256?: string;
  photoIndex?: number;
  photoBytesDone?: number;
  photoBytes?: number;
}

export type SyncState =
  | 'idle' // started, waiting for a trigger or the poll timer
  | 'syncing'
  | 'waiting' // a run failed; the backoff timer will retry
  | 'offline' // the browser says offline: waiting for `online`
  | 'stopped' // not started, or stopped
  | 'login-required'
  | 'update-required'
  | 'blocked'; // the server refused this client (another user's client id)

export interface SyncStatus {
  state: SyncState;
  /** Epoch ms of the next timed run, if one is scheduled. */
  nextAttemptAt: number | null;
  /** Failed runs since the last good one. */
  failures: number;
}

export interface SyncErrorInfo {
  phase: SyncPhase | 'run';
  code: string;
  message: string;
  status?: number;
  /** When the engine will retry by itself (null: it will not). */
  retryInMs: number | null;
}

export interface SyncEvents {
  progress: SyncProgress;
  synced: { at: string; pendingUploads: number };
  notice: Notice;
  'login-required': { status: number; code: string; message: string };
  'update-required': { code: string; message: string };
  error: SyncErrorInfo;
  status: SyncStatus;
}
export type SyncEventName = keyof SyncEvents;
export type Listener<K extends SyncEventName> = (detail: SyncEvents[K]) => void;

export type RunOutcome =
  | { ok: true; pendingUploads: number }
  | {
      ok: false;
      reason: 'offline' | 'retry' | 'stopped' | 'login-required' | 'update-required' | 'blocked';
      code?: string;
    };
export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface SyncEngineOptions {
  db: SyncDB;
  api: ApiClient;
  /**
   * Absolute origin for the tus endpoint (tus resolves Location against it); default
   * location.origin.
   */
  origin?: string;
  /** tus HTTP stack; default tus-js-client's own (XHR in browsers, with per-byte progress). */
  httpStack?: HttpStack;
  chunkSize?: number;
  /** tus's own retries within one upload (ms); the engine's backoff takes over after them. */
  retryDelays?: number[];
  batchSize?: number;
  /** Changes per pull page (the server's default when unset). */
  pullLimit?: number;
  /** Pull this often while all is well (0: never by timer). */
  pollIntervalMs?: number;
  backoff?: BackoffOptions;
  timers?: Timers;
  /** Where `online` events come from (default: window); null for none. */
  eventTarget?: EventTarget | null;
  isOnline?: () => boolean;
  now?: () => Date;
  /** Web Locks for one sync across tabs (default navigator.locks when present); null for none. */
  locks?: LockManager | null;
}

/** What the phases (upload, push, pull) need from the engine during a run. */
export interface RunContext {
  readonly db: SyncDB;
  readonly api: ApiClient;
  readonly opts: SyncEngineOptions;
  now(): Date;
  emit<K extends SyncEventName>(type: K, detail: SyncEvents[K]): void;
  /** Throws `Stopped` when `stop()` was called during the run. */
  checkStopping(): void;
}
