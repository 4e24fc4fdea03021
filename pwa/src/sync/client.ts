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
 */
import { Upload, type DetailedError, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client';
import { ApiError, type ApiClient } from '../api/client';
import { Backoff, type BackoffOptions } from './backoff';
import {
  atomically,
  ensureClientId,
  getMeta,
  setMeta,
  type BlobRecord,
  type GeoFix,
  type Notice,
  type OutboxEntry,
  type SyncDB,
} from './db';
import { acknowledge, count, enqueue, mutationTarget, pending, recordFailure, type EnqueueOptions } from './outbox';
import { capturePhoto, sha256Hex, type CaptureOptions, type CapturedPhoto, type PhotoOwnerType } from './photos';
import { BlobFileReader, BlobUrlStorage, tusFingerprint } from './tus';

export const SCHEMA_VERSION = 1;
export const PUSH_BATCH_SIZE = 100;
export const UPLOAD_CHUNK_SIZE = 512 * 1024;
export const DEFAULT_POLL_INTERVAL_MS = 5 * 60_000;
const LOCK_NAME = 'xianchang-sync';

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
  sha256?: string;
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
type Listener<K extends SyncEventName> = (detail: SyncEvents[K]) => void;

export type RunOutcome =
  | { ok: true; pendingUploads: number }
  | {
      ok: false;
      reason: 'offline' | 'retry' | 'stopped' | 'login-required' | 'update-required' | 'blocked';
      code?: string;
    };

// --- control flow inside a run -------------------------------------------------------------

/** The run cannot go on now; try again later. */
class RetryLater extends Error {
  constructor(
    readonly info: Omit<SyncErrorInfo, 'retryInMs'>,
    readonly retryAfterMs = 0,
  ) {
    super(info.message);
  }
}

/** `stop()` was called during the run. */
class Stopped extends Error {}

/** The run must not be retried until the user acts (log in, update the app). */
class Halt extends Error {
  constructor(
    readonly reason: 'login-required' | 'update-required' | 'blocked',
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function apiFailure(phase: SyncPhase, error: unknown): RetryLater | Halt {
  if (error instanceof ApiError) {
    if (error.status === 401) return new Halt('login-required', 401, error.code, error.message);
    if (error.status === 409 && error.code === 'schema_version_unsupported') {
      return new Halt('update-required', 409, error.code, error.message);
    }
    if (error.status === 403 && error.code === 'client_mismatch') {
      return new Halt('blocked', 403, error.code, error.message);
    }
    const retryAfterMs = error.retryAfter != null ? error.retryAfter * 1000 : 0;
    return new RetryLater({ phase, code: error.code, message: error.message, status: error.status }, retryAfterMs);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RetryLater({ phase, code: 'internal_error', message });
}

// --- the engine -----------------------------------------------------------------------------

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface SyncEngineOptions {
  db: SyncDB;
  api: ApiClient;
  /** Absolute origin for the tus endpoint (tus resolves Location against it); default location.origin. */
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

export class SyncEngine {
  readonly db: SyncDB;
  private readonly api: ApiClient;
  private readonly opts: SyncEngineOptions;
  private readonly backoff: Backoff;
  private readonly timers: Timers;
  private readonly listeners = new Map<SyncEventName, Set<(detail: never) => void>>();
  private readonly urlStorage: BlobUrlStorage;
  private readonly fileReader = new BlobFileReader();

  private started = false;
  private halted: 'login-required' | 'update-required' | 'blocked' | null = null;
  private loop: Promise<RunOutcome> | null = null;
  private again = false;
  private timer: unknown = null;
  private nextAttemptAt: number | null = null;
  private state: SyncState = 'stopped';
  private cancelUpload: (() => void) | null = null;
  private stopping = false;
  private lastOutcome: RunOutcome | null = null;
  private readonly onOnline = () => {
    this.backoff.reset();
    this.notifyChange();
  };

  constructor(opts: SyncEngineOptions) {
    this.opts = opts;
    this.db = opts.db;
    this.api = opts.api;
    this.backoff = new Backoff(opts.backoff);
    this.timers = opts.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.urlStorage = new BlobUrlStorage(opts.db);
  }

  // --- events ---

  /** Subscribe; returns the unsubscribe function. */
  on<K extends SyncEventName>(type: K, fn: Listener<K>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(fn as (detail: never) => void);
    return () => this.off(type, fn);
  }

  off<K extends SyncEventName>(type: K, fn: Listener<K>): void {
    this.listeners.get(type)?.delete(fn as (detail: never) => void);
  }

  private emit<K extends SyncEventName>(type: K, detail: SyncEvents[K]): void {
    for (const fn of [...(this.listeners.get(type) ?? [])]) {
      try {
        (fn as Listener<K>)(detail);
      } catch (err) {
        console.error(`sync ${type} listener failed`, err);
      }
    }
  }

  get status(): SyncStatus {
    return { state: this.state, nextAttemptAt: this.nextAttemptAt, failures: this.backoff.failures };
  }

  get running(): boolean {
    return this.loop !== null;
  }

  private setState(state: SyncState): void {
    if (this.state === state && state !== 'waiting') return;
    this.state = state;
    this.emit('status', this.status);
  }

  // --- lifecycle ---

  /** Listen for `online`, and drain at once. Resolves when that first drain has ended. */
  start(): Promise<RunOutcome> {
    if (!this.started) {
      this.started = true;
      this.target()?.addEventListener('online', this.onOnline);
      if (this.state === 'stopped') this.setState('idle');
    }
    return this.sync();
  }

  /** Stop listening and timing; abort an upload under way (it resumes next time). */
  async stop(): Promise<void> {
    this.started = false;
    this.target()?.removeEventListener('online', this.onOnline);
    this.clearTimer();
    this.again = false;
    if (this.loop) {
      this.stopping = true;
      this.cancelUpload?.();
      await this.loop.catch(() => undefined);
      this.stopping = false;
    }
    this.setState('stopped');
  }

  /** After logging in again or updating: clear the halt and sync. */
  resume(): Promise<RunOutcome> {
    this.halted = null;
    this.backoff.reset();
    if (this.state !== 'syncing') this.setState(this.started ? 'idle' : 'stopped');
    return this.sync();
  }

  /** Something was queued: sync soon (coalesced with a run under way). */
  notifyChange(): void {
    if (!this.started) return;
    void this.sync();
  }

  /**
   * Run now, or — when a run is under way — once more right after it. Resolves with the outcome
   * of the last run of the series.
   */
  sync(): Promise<RunOutcome> {
    if (this.halted) return Promise.resolve({ ok: false, reason: this.halted });
    if (this.loop) {
      this.again = true;
      return this.loop;
    }
    this.clearTimer();
    const loop = (async (): Promise<RunOutcome> => {
      let outcome: RunOutcome;
      do {
        this.again = false;
        outcome = await this.exclusive(() => this.runOnce());
      } while (this.again && outcome.ok && !this.halted);
      return outcome;
    })();
    this.loop = loop;
    void loop.then(
      (outcome) => {
        // a trigger that slipped in after the loop's last check still gets its run
        const rerun = this.again && outcome.ok && !this.halted;
        this.again = false;
        this.loop = null;
        this.lastOutcome = outcome;
        this.afterRun(outcome);
        if (rerun) void this.sync();
      },
      () => {
        this.loop = null;
      },
    );
    return loop;
  }

  /** Queue a mutation (see outbox.enqueue) and sync soon. */
  async enqueue(name: string, args: Record<string, unknown>, opts?: EnqueueOptions): Promise<OutboxEntry> {
    const entry = await enqueue(this.db, name, args, opts);
    this.notifyChange();
    return entry;
  }

  /** Keep a photo and queue `photo.attach` (see photos.capturePhoto), then sync soon. */
  async capturePhoto(
    file: Blob,
    ownerType: PhotoOwnerType,
    ownerId: string,
    location: GeoFix | null,
    opts?: CaptureOptions,
  ): Promise<CapturedPhoto> {
    const captured = await capturePhoto(this.db, file, ownerType, ownerId, location, opts);
    this.notifyChange();
    return captured;
  }

  /** Mutations not yet acknowledged. */
  pendingCount(): Promise<number> {
    return count(this.db);
  }

  get lastResult(): RunOutcome | null {
    return this.lastOutcome;
  }

  // --- scheduling ---

  private target(): EventTarget | null {
    if (this.opts.eventTarget !== undefined) return this.opts.eventTarget;
    return typeof window !== 'undefined' ? window : null;
  }

  private online(): boolean {
    if (this.opts.isOnline) return this.opts.isOnline();
    return typeof navigator === 'undefined' || navigator.onLine !== false;
  }

  private now(): Date {
    return this.opts.now ? this.opts.now() : new Date();
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.nextAttemptAt = null;
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    if (!this.started) return;
    this.nextAttemptAt = this.now().getTime() + delayMs;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.nextAttemptAt = null;
      void this.sync();
    }, delayMs);
  }

  private afterRun(outcome: RunOutcome): void {
    if (outcome.ok) {
      const poll = this.opts.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
      if (outcome.pendingUploads > 0) {
        this.schedule(this.backoff.next()); // photos still to send: retry them, backing off
      } else {
        this.backoff.reset();
        if (poll > 0) this.schedule(poll);
      }
      if (this.started) this.setState('idle');
      else this.setState('stopped');
      return;
    }
    switch (outcome.reason) {
      case 'offline':
        this.setState(this.started ? 'offline' : 'stopped');
        return;
      case 'retry':
        return; // runOnce scheduled the backoff and said so
      case 'stopped':
        this.setState('stopped');
        return;
      default:
        this.setState(outcome.reason);
    }
  }

  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const locks =
      this.opts.locks !== undefined
        ? this.opts.locks
        : typeof navigator !== 'undefined' && 'locks' in navigator
          ? navigator.locks
          : null;
    if (!locks || typeof locks.request !== 'function') return fn();
    return locks.request(LOCK_NAME, fn) as Promise<T>;
  }

  // --- a run ---

  private async runOnce(): Promise<RunOutcome> {
    if (!this.online()) return { ok: false, reason: 'offline' };
    this.setState('syncing');
    try {
      const clientId = await ensureClientId(this.db);
      const uploads = await this.uploadBlobs();
      this.checkStopping();
      await this.pushOutbox(clientId);
      this.checkStopping();
      await this.pullChanges(clientId);
      await this.dropConfirmedDrafts();
      const at = this.now().toISOString();
      await setMeta(this.db, 'last_sync_at', at);
      this.emit('synced', { at, pendingUploads: uploads.retryable });
      return { ok: true, pendingUploads: uploads.retryable };
    } catch (err) {
      if (err instanceof Stopped) return { ok: false, reason: 'stopped' };
      if (err instanceof Halt) {
        this.halted = err.reason;
        this.clearTimer();
        if (err.reason === 'login-required') {
          this.emit('login-required', { status: err.status, code: err.code, message: err.message });
        } else if (err.reason === 'update-required') {
          this.emit('update-required', { code: err.code, message: err.message });
        } else {
          this.emit('error', { phase: 'run', code: err.code, message: err.message, status: err.status, retryInMs: null });
        }
        return { ok: false, reason: err.reason, code: err.code };
      }
      const failure =
        err instanceof RetryLater
          ? err
          : new RetryLater({ phase: 'run', code: 'internal_error', message: err instanceof Error ? err.message : String(err) });
      const delay = this.backoff.next(failure.retryAfterMs);
      this.schedule(delay);
      this.setState('waiting');
      this.emit('error', { ...failure.info, retryInMs: this.started ? delay : null });
      return { ok: false, reason: 'retry', code: failure.info.code };
    }
  }

  private checkStopping(): void {
    if (this.stopping) throw new Stopped('sync stopped');
  }

  // --- 1. photo bytes ---

  private async uploadBlobs(): Promise<{ retryable: number }> {
    const todo = (await this.db.getAll('blobs')).filter((b) => !b.uploaded && !b.failed);
    const bytesTotal = todo.reduce((n, b) => n + b.size, 0);
    let bytesBefore = 0;
    let retryable = 0;
    const progress = (done: number, bytesDone: number, sha256?: string) =>
      this.emit('progress', { phase: 'upload', done, total: todo.length, bytesDone, bytesTotal, sha256 });
    progress(0, 0);
    for (const [index, blob] of todo.entries()) {
      this.checkStopping();
      const ok = await this.uploadOne(blob, (sent) => progress(index, bytesBefore + sent, blob.sha256));
      if (!ok) retryable++;
      bytesBefore += blob.size;
      progress(index + 1, bytesBefore, blob.sha256);
    }
    return { retryable };
  }

  /** True when the server has the bytes now; false for a failure worth retrying later. */
  private async uploadOne(blob: BlobRecord, onBytes: (sent: number) => void): Promise<boolean> {
    try {
      await this.api.request('HEAD', `/blobs/${blob.sha256}`);
      await this.markBlob(blob.sha256, { uploaded: true });
      onBytes(blob.size);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) {
        const failure = apiFailure('upload', err);
        if (failure instanceof Halt || (err instanceof ApiError && err.status === 0)) throw failure;
        await this.markBlob(blob.sha256, { last_error: failure.message, attempt: true });
        return false;
      }
    }
    try {
      await this.tusUpload(blob, onBytes);
      await this.markBlob(blob.sha256, { uploaded: true });
      return true;
    } catch (err) {
      if (err instanceof Stopped) throw err;
      return this.uploadFailed(blob, err as DetailedError);
    }
  }

  private tusUpload(blob: BlobRecord, onBytes: (sent: number) => void): Promise<void> {
    const origin = this.opts.origin ?? globalThis.location?.origin ?? 'http://localhost';
    const endpoint = new URL(`${this.api.base}/uploads/`, origin).toString();
    const csrf = this.api.getCsrfToken();
    const ext = blob.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const done = (err?: unknown) => {
        if (settled) return;
        settled = true;
        this.cancelUpload = null;
        if (err) reject(err);
        else resolve();
      };
      const upload = new Upload(blob.bytes, {
        endpoint,
        fingerprint: () => Promise.resolve(tusFingerprint(blob.sha256)),
        urlStorage: this.urlStorage,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        fileReader: this.fileReader,
        ...(this.opts.httpStack ? { httpStack: this.opts.httpStack } : {}),
        uploadSize: blob.size,
        chunkSize: this.opts.chunkSize ?? UPLOAD_CHUNK_SIZE,
        retryDelays: this.opts.retryDelays ?? [0, 1000, 3000, 5000],
        metadata: { sha256: blob.sha256, filetype: blob.type, filename: `${blob.sha256}.${ext}` },
        headers: csrf ? { 'X-CSRF-Token': csrf } : {},
        onBeforeRequest: (req: HttpRequest) => {
          // the token may have been refreshed since the upload started
          const headers = this.api.headersFor(req.getMethod());
          for (const name of ['X-CSRF-Token', 'Accept-Language']) {
            const value = headers[name];
            if (value) req.setHeader(name, value);
          }
        },
        onAfterResponse: (req: HttpRequest, res: HttpResponse) => {
          // POST for bytes the server already has: 200 with Upload-Offset == Upload-Length
          if (req.getMethod() === 'POST' && res.getStatus() === 200) {
            const offset = res.getHeader('Upload-Offset');
            if (offset != null && offset === res.getHeader('Upload-Length')) {
              void upload.abort(false).then(() => done());
            }
          }
        },
        onShouldRetry: (err: DetailedError, _attempt: number) => {
          const status = err.originalResponse?.getStatus() ?? 0;
          if (status === 401 || status === 403) return false;
          if (typeof navigator !== 'undefined' && navigator.onLine === false) return false;
          return status === 0 || status === 409 || status === 423 || status >= 500;
        },
        onProgress: (sent: number) => onBytes(sent),
        onSuccess: () => done(),
        onError: (err: Error) => done(err),
      });
      this.cancelUpload = () => {
        void upload.abort(false).catch(() => undefined);
        done(new Stopped('upload stopped'));
      };
      upload.findPreviousUploads().then(
        (previous) => {
          if (settled) return;
          const resumable = previous.find((p) => p.uploadUrl);
          if (resumable) upload.resumeFromPreviousUpload(resumable);
          upload.start();
        },
        (err: unknown) => done(err),
      );
    });
  }

  private async uploadFailed(blob: BlobRecord, err: DetailedError): Promise<boolean> {
    const res = err?.originalResponse ?? null;
    const status = res ? res.getStatus() : 0;
    let code = `http_${status}`;
    let message = err?.message ?? String(err);
    if (res) {
      try {
        const body = JSON.parse(res.getBody() || 'null') as { code?: string; message?: string } | null;
        if (body?.code) code = body.code;
        if (body?.message) message = body.message;
      } catch {
        /* not JSON */
      }
    }
    if (status === 0) {
      await this.markBlob(blob.sha256, { last_error: message, attempt: true });
      throw new RetryLater({ phase: 'upload', code: 'network_error', message, status });
    }
    if (status === 401) throw new Halt('login-required', 401, code, message);
    if (status === 404 || status === 410) {
      await this.markBlob(blob.sha256, { last_error: message, attempt: true, clearUrl: true });
      return false;
    }
    if (status === 460) {
      // the whole file's SHA-256 did not match: are our own bytes damaged?
      const actual = await sha256Hex(blob.bytes).catch(() => null);
      if (actual !== blob.sha256) {
        const zh = '手机上保存的照片数据已损坏,无法上传,请重新拍摄';
        await this.failBlob(blob, 'local_bytes_corrupt', zh);
        return true;
      }
      await this.markBlob(blob.sha256, { last_error: message, attempt: true, clearUrl: true });
      return false;
    }
    if (status === 400 || status === 413 || status === 415 || status === 422) {
      await this.failBlob(blob, code, message);
      return true; // nothing to retry
    }
    await this.markBlob(blob.sha256, { last_error: message, attempt: true });
    return false;
  }

  private async markBlob(
    sha256: string,
    change: { uploaded?: boolean; last_error?: string; attempt?: boolean; clearUrl?: boolean },
  ): Promise<void> {
    const tx = this.db.transaction('blobs', 'readwrite');
    const blob = await tx.store.get(sha256);
    if (blob) {
      const next: BlobRecord = { ...blob };
      if (change.uploaded) {
        next.uploaded = true;
        delete next.upload_url;
        delete next.last_error;
      }
      if (change.last_error !== undefined) next.last_error = change.last_error;
      if (change.attempt) next.attempts = (next.attempts ?? 0) + 1;
      if (change.clearUrl) delete next.upload_url;
      await tx.store.put(next);
    }
    await tx.done;
  }

  /** The server will never take these bytes: stop retrying, keep them, tell the user. */
  private async failBlob(blob: BlobRecord, code: string, message: string): Promise<void> {
    const at = this.now().toISOString();
    const notice: Notice = { key: `b:${blob.sha256}`, kind: 'upload', code, message, at, sha256: blob.sha256, seen: false };
    const tx = this.db.transaction(['blobs', 'notices'], 'readwrite');
    await atomically(tx, async () => {
      const current = await tx.objectStore('blobs').get(blob.sha256);
      if (current) {
        const next: BlobRecord = { ...current, failed: { code, message }, last_error: message };
        delete next.upload_url;
        await tx.objectStore('blobs').put(next);
      }
      await tx.objectStore('notices').put(notice);
    });
    this.emit('notice', notice);
  }

  // --- 2. push ---

  private async pushOutbox(clientId: string): Promise<void> {
    const batchSize = Math.max(1, Math.min(this.opts.batchSize ?? PUSH_BATCH_SIZE, PUSH_BATCH_SIZE));
    let done = 0;
    let total = await count(this.db);
    this.emit('progress', { phase: 'push', done, total });
    for (;;) {
      const batch = await pending(this.db, batchSize);
      if (batch.length === 0) break;
      const ids = batch.map((m) => m.id);
      let response: PushResponse;
      try {
        response = await this.api.post<PushResponse>('/sync/push', {
          client_id: clientId,
          schema_version: SCHEMA_VERSION,
          mutations: batch.map((m) => ({ id: m.id, name: m.name, args: m.args, client_time: m.client_time })),
        });
      } catch (err) {
        const failure = apiFailure('push', err);
        await recordFailure(this.db, ids, failure.message);
        throw failure;
      }
      await this.recordNotices(
        (response.results ?? []).flatMap((r) => {
          if (r.status !== 'rejected' && r.status !== 'conflict') return [];
          const entry = batch.find((m) => m.id === r.id);
          return [
            {
              key: `m:${r.id}`,
              kind: r.status,
              code: r.code ?? r.status,
              message: r.message ?? '',
              at: this.now().toISOString(),
              mutation_id: r.id,
              name: entry?.name,
              args: entry?.args,
              target: entry ? mutationTarget(entry.name, entry.args) : undefined,
              seen: false,
            } satisfies Notice,
          ];
        }),
      );
      const acked = batch.filter((m) => m.id <= response.last_mutation_id).length;
      await acknowledge(this.db, response.last_mutation_id);
      done += acked;
      total = done + (await count(this.db));
      this.emit('progress', { phase: 'push', done, total });
      if (acked === 0) {
        // the server stopped before our first id: it lacks mutations we no longer have
        throw new RetryLater({
          phase: 'push',
          code: 'mutation_gap',
          message: `服务器缺少编号 ${response.last_mutation_id + 1} 至 ${batch[0]!.id - 1} 的操作,待同步数据无法提交,请联系管理员`,
        });
      }
    }
  }

  /** Store notices not seen before (one per mutation) and announce them. */
  private async recordNotices(notices: Notice[]): Promise<void> {
    if (notices.length === 0) return;
    const fresh: Notice[] = [];
    const tx = this.db.transaction('notices', 'readwrite');
    for (const notice of notices) {
      if (await tx.store.get(notice.key)) continue;
      await tx.store.put(notice);
      fresh.push(notice);
    }
    await tx.done;
    for (const notice of fresh) this.emit('notice', notice);
  }

  // --- 3. pull ---

  private async pullChanges(clientId: string): Promise<void> {
    let pages = 0;
    this.emit('progress', { phase: 'pull', done: 0, total: 1 });
    for (;;) {
      const cookie = await getMeta(this.db, 'cookie');
      let response: PullResponse;
      try {
        const body: Record<string, unknown> = { client_id: clientId, cookie, schema_version: SCHEMA_VERSION };
        if (this.opts.pullLimit) body.limit = this.opts.pullLimit;
        response = await this.api.post<PullResponse>('/sync/pull', body);
      } catch (err) {
        throw apiFailure('pull', err);
      }
      const fresh = await this.applyPullPage(response);
      for (const notice of fresh) this.emit('notice', notice);
      await acknowledge(this.db, response.last_mutation_id);
      pages++;
      this.emit('progress', { phase: 'pull', done: pages, total: response.has_more ? pages + 1 : pages });
      if (!response.has_more) break;
      if (response.cookie === cookie) {
        throw new RetryLater({ phase: 'pull', code: 'pull_stalled', message: '同步未能取得进展,稍后重试' });
      }
    }
  }

  /**
   * One page in one transaction: (reset → empty the mirror) the changes, the cookie, and the
   * rejections as notices. Drafts, outbox and photo bytes are not touched.
   */
  private async applyPullPage(response: PullResponse): Promise<Notice[]> {
    const at = this.now().toISOString();
    const tx = this.db.transaction(['records', 'meta', 'notices'], 'readwrite');
    return atomically(tx, async () => {
      const records = tx.objectStore('records');
      const meta = tx.objectStore('meta');
      const notices = tx.objectStore('notices');
      if (response.reset) await records.clear();
      for (const change of response.changes ?? []) {
        const id = String(change.id);
        if (change.op === 'del') await records.delete([change.type, id]);
        else await records.put({ type: change.type, id, version: change.version, data: change.data });
      }
      await meta.put(response.cookie, 'cookie');
      const known = ((await meta.get('last_mutation_id')) as number | undefined) ?? 0;
      if (response.last_mutation_id > known) await meta.put(response.last_mutation_id, 'last_mutation_id');
      const fresh: Notice[] = [];
      for (const r of response.rejections ?? []) {
        const key = `m:${r.mutation_id}`;
        if (await notices.get(key)) continue;
        const notice: Notice = {
          key,
          kind: r.status === 'conflict' ? 'conflict' : 'rejected',
          code: r.code,
          message: r.message,
          at: r.at ?? at,
          mutation_id: r.mutation_id,
          name: r.name,
          seen: false,
        };
        await notices.put(notice);
        fresh.push(notice);
      }
      return fresh;
    });
  }

  // --- 4. drafts the server now has ---

  private async dropConfirmedDrafts(): Promise<number> {
    const tx = this.db.transaction(['drafts', 'records', 'meta'], 'readwrite');
    return atomically(tx, async () => {
      const confirmed = ((await tx.objectStore('meta').get('last_mutation_id')) as number | undefined) ?? 0;
      const records = tx.objectStore('records');
      let dropped = 0;
      let cursor = await tx.objectStore('drafts').index('by_mutation').openCursor(IDBKeyRange.upperBound(confirmed));
      while (cursor) {
        const draft = cursor.value;
        if ((await records.getKey([draft.type, draft.id])) !== undefined) {
          await cursor.delete();
          dropped++;
        }
        cursor = await cursor.continue();
      }
      return dropped;
    });
  }
}
