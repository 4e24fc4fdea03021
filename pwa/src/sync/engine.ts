/**
 * The sync engine: pushes the outbox, uploads photo bytes, pulls the server's changes
 * (DESIGN.md "Sync protocol (v1)").
 *
 * Records before photos: the outbox (a few KB) goes first so the office sees every inspection
 * within seconds on a weak signal; a photo attached before its bytes is `pending` on the server
 * until they land. With photos to send, a pull follows at once (the phone shows its records
 * synced), then the photos go oldest inspection first (upload.ts), then a last pull.
 *
 * The session first: after a start or an `online` event the run asks `/auth/me` for the CSRF
 * token before sending anything unsafe (the app may have booted offline without one, or the
 * server's session may have changed), so the first request after reconnecting is not a 403.
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
import { Backoff } from './backoff';
import { ensureClientId, setMeta, type GeoFix, type OutboxEntry, type SyncDB } from './db';
import { Halt, RetryLater, Stopped, apiFailure } from './errors';
import { count, enqueue, type EnqueueOptions } from './outbox';
import {
  capturePhoto,
  type CaptureOptions,
  type CapturedPhoto,
  type PhotoOwnerType,
} from './photos';
import { dropConfirmedDrafts, pullChanges } from './pull';
import { pushOutbox } from './push';
import {
  DEFAULT_POLL_INTERVAL_MS,
  LOCK_NAME,
  type Listener,
  type RunContext,
  type RunOutcome,
  type SyncEngineOptions,
  type SyncEventName,
  type SyncEvents,
  type SyncState,
  type SyncStatus,
  type Timers,
} from './types';
import { BlobUploader } from './upload';

export class SyncEngine {
  readonly db: SyncDB;
  private readonly opts: SyncEngineOptions;
  private readonly backoff: Backoff;
  private readonly timers: Timers;
  private readonly listeners = new Map<SyncEventName, Set<(detail: never) => void>>();
  private readonly ctx: RunContext;
  private readonly uploader: BlobUploader;

  private started = false;
  private halted: 'login-required' | 'update-required' | 'blocked' | null = null;
  private loop: Promise<RunOutcome> | null = null;
  private again = false;
  private timer: unknown = null;
  private nextAttemptAt: number | null = null;
  private state: SyncState = 'stopped';
  private stopping = false;
  private lastOutcome: RunOutcome | null = null;
  /** Refresh the session's CSRF token before the next run sends anything (see the top). */
  private sessionStale = true;
  private readonly onOnline = () => {
    this.sessionStale = true;
    this.backoff.reset();
    this.notifyChange();
  };

  constructor(opts: SyncEngineOptions) {
    this.opts = opts;
    this.db = opts.db;
    this.backoff = new Backoff(opts.backoff);
    this.timers = opts.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.ctx = {
      db: opts.db,
      api: opts.api,
      opts,
      now: () => this.now(),
      emit: <K extends SyncEventName>(type: K, detail: SyncEvents[K]) => this.emit(type, detail),
      checkStopping: () => this.checkStopping(),
    };
    this.uploader = new BlobUploader(this.ctx);
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
    return {
      state: this.state,
      nextAttemptAt: this.nextAttemptAt,
      failures: this.backoff.failures,
    };
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
      this.uploader.cancel?.();
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
  async enqueue(
    name: string,
    args: Record<string, unknown>,
    opts?: EnqueueOptions,
  ): Promise<OutboxEntry> {
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
      await this.refreshSession();
      await pushOutbox(this.ctx, clientId);
      this.checkStopping();
      if (await this.uploader.waiting()) {
        // photos take minutes on a weak signal: mirror the records now, so the phone shows them
        // synced (and learns of refusals) before the bytes go
        await pullChanges(this.ctx, clientId);
        await dropConfirmedDrafts(this.ctx);
        this.checkStopping();
      }
      const uploads = await this.uploader.uploadBlobs();
      this.checkStopping();
      await pullChanges(this.ctx, clientId);
      await dropConfirmedDrafts(this.ctx);
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
          this.emit('error', {
            phase: 'run',
            code: err.code,
            message: err.message,
            status: err.status,
            retryInMs: null,
          });
        }
        return { ok: false, reason: err.reason, code: err.code };
      }
      const failure =
        err instanceof RetryLater
          ? err
          : new RetryLater({
              phase: 'run',
              code: 'internal_error',
              message: err instanceof Error ? err.message : String(err),
            });
      const delay = this.backoff.next(failure.retryAfterMs);
      this.schedule(delay);
      this.setState('waiting');
      this.emit('error', { ...failure.info, retryInMs: this.started ? delay : null });
      return { ok: false, reason: 'retry', code: failure.info.code };
    }
  }

  /** Ask for the session's CSRF token when it may be missing or stale (start, `online`). */
  private async refreshSession(): Promise<void> {
    const api = this.opts.api;
    if (!this.sessionStale && api.getCsrfToken()) return;
    let session: { csrf_token?: string } | null;
    try {
      session = await api.get<{ csrf_token?: string }>('/auth/me');
    } catch (err) {
      throw apiFailure('run', err);
    }
    if (session?.csrf_token) api.setCsrfToken(session.csrf_token);
    this.sessionStale = false;
  }

  private checkStopping(): void {
    if (this.stopping) throw new Stopped('sync stopped');
  }
}
