/**
 * The sync engine: uploads photo bytes, pushes the outbox, pulls the server's changes
 * (DESIGN.md "Sync protocol (v1)").
 *
 * One run at a time (a promise mutex here, plus a Web Lock across tabs where the browser has
 * them); a trigger during a run asks for exactly one more run. Runs are triggered by `start()`,
 * by `online` events, by `notifyChange()` after each capture, and by a timer: with backoff after
 * a failure, every `pollIntervalMs` after a success.
 *
 * Nothing local is deleted unless the server confirmed it: outbox entries go only through
 * `acknowledge(last_mutation_id)`, drafts only once acknowledged and mirrored back, photo bytes
 * never here.
 *
 * This module is the public entry point; the code lives in:
 *   types.ts  – wire shapes, events, status, options
 *   errors.ts – control flow inside a run (retry later, stopped, halt)
 *   upload.ts – phase 1: photo bytes (HEAD + tus)
 *   push.ts   – phase 2: the outbox
 *   pull.ts   – phase 3: the server's changes into IndexedDB, then confirmed drafts
 *   engine.ts – SyncEngine: scheduling, mutex, backoff, online listener
 */
export {
  DEFAULT_POLL_INTERVAL_MS,
  PUSH_BATCH_SIZE,
  SCHEMA_VERSION,
  UPLOAD_CHUNK_SIZE,
  type Change,
  type PullRejection,
  type PullResponse,
  type PushResponse,
  type PushResult,
  type RunOutcome,
  type SyncEngineOptions,
  type SyncErrorInfo,
  type SyncEventName,
  type SyncEvents,
  type SyncPhase,
  type SyncProgress,
  type SyncState,
  type SyncStatus,
  type Timers,
} from './types';
export { SyncEngine } from './engine';
