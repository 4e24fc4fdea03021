/** Sync: photo bytes to the server (HEAD for bytes it has, else a resumable tus upload). */
import { Upload, type DetailedError, type HttpRequest, type HttpResponse } from 'tus-js-client';
import { ApiError } from '../api/client';
import { atomically, type BlobRecord, type Notice, type SyncDB } from './db';
import { Halt, RetryLater, Stopped, apiFailure } from './errors';
import { sha256Hex } from './photos';
import { BlobFileReader, BlobUrlStorage, tusFingerprint } from './tus';
import { UPLOAD_CHUNK_SIZE, type RunContext } from './types';

/** When each record was started, for ordering: an inspection's `started_at`, else its creation. */
function startedAt(data: unknown): number | null {
  const d = (data ?? {}) as { started_at?: unknown; created_at?: unknown };
  const value = d.started_at ?? d.created_at;
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The photo bytes still to send, oldest inspection (or problem, report) first, and within one
 * owner in the order they were taken: the office gets whole inspections' photos early rather
 * than a scatter across all of them (bytes are keyed by SHA-256, whose order means nothing).
 */
export async function uploadOrder(db: SyncDB): Promise<BlobRecord[]> {
  const todo = (await db.getAll('blobs')).filter((b) => !b.uploaded && !b.failed);
  if (todo.length < 2) return todo;
  const [records, drafts] = await Promise.all([db.getAll('records'), db.getAll('drafts')]);
  const owners = new Map<string, number>(); // "type:id" → when it was started (epoch ms)
  const photoOwner = new Map<string, string>(); // sha256 → "type:id"
  for (const rec of [...records, ...drafts]) {
    if (rec.type === 'photo') {
      const p = rec.data as { sha256?: string; owner_type?: string; owner_id?: string };
      if (p.sha256 && !photoOwner.has(p.sha256))
        photoOwner.set(p.sha256, `${p.owner_type}:${p.owner_id}`);
    } else {
      const when = startedAt(rec.data);
      if (when !== null) owners.set(`${rec.type}:${rec.id}`, when);
    }
  }
  const key = (b: BlobRecord): [number, number] => {
    const owner = photoOwner.get(b.sha256);
    const taken = b.created_at ?? 0;
    return [(owner ? owners.get(owner) : undefined) ?? taken, taken];
  };
  const keys = new Map(todo.map((b) => [b.sha256, key(b)]));
  return todo.sort((a, b) => {
    const [wa, ta] = keys.get(a.sha256)!;
    const [wb, tb] = keys.get(b.sha256)!;
    return wa - wb || ta - tb;
  });
}

export class BlobUploader {
  private readonly urlStorage: BlobUrlStorage;
  private readonly fileReader = new BlobFileReader();
  /** Aborts the tus upload under way (set only while one is). */
  cancel: (() => void) | null = null;

  constructor(private readonly ctx: RunContext) {
    this.urlStorage = new BlobUrlStorage(ctx.db);
  }

  // --- photo bytes ---

  /** How many photos' bytes wait to be sent (not uploaded, not refused for good). */
  async waiting(): Promise<number> {
    return (await this.ctx.db.getAll('blobs')).filter((b) => !b.uploaded && !b.failed).length;
  }

  async uploadBlobs(): Promise<{ retryable: number }> {
    const todo = await uploadOrder(this.ctx.db);
    const bytesTotal = todo.reduce((n, b) => n + b.size, 0);
    let bytesBefore = 0;
    let retryable = 0;
    const progress = (done: number, bytesDone: number, photo?: [number, BlobRecord, number]) =>
      this.ctx.emit('progress', {
        phase: 'upload',
        done,
        total: todo.length,
        bytesDone,
        bytesTotal,
        ...(photo && {
          sha256: photo[1].sha256,
          photoIndex: photo[0],
          photoBytesDone: photo[2],
          photoBytes: photo[1].size,
        }),
      });
    progress(0, 0);
    for (const [index, blob] of todo.entries()) {
      this.ctx.checkStopping();
      progress(index, bytesBefore, [index, blob, 0]);
      const ok = await this.uploadOne(blob, (sent) =>
        progress(index, bytesBefore + sent, [index, blob, sent]),
      );
      if (!ok) retryable++;
      bytesBefore += blob.size;
      progress(index + 1, bytesBefore, [index, blob, blob.size]);
    }
    return { retryable };
  }

  /** True when the server has the bytes now; false for a failure worth retrying later. */
  private async uploadOne(blob: BlobRecord, onBytes: (sent: number) => void): Promise<boolean> {
    try {
      await this.ctx.api.request('HEAD', `/blobs/${blob.sha256}`);
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
    const origin = this.ctx.opts.origin ?? globalThis.location?.origin ?? 'http://localhost';
    const endpoint = new URL(`${this.ctx.api.base}/uploads/`, origin).toString();
    const ext = blob.type.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin';
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const done = (err?: unknown) => {
        if (settled) return;
        settled = true;
        this.cancel = null;
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
        ...(this.ctx.opts.httpStack ? { httpStack: this.ctx.opts.httpStack } : {}),
        uploadSize: blob.size,
        chunkSize: this.ctx.opts.chunkSize ?? UPLOAD_CHUNK_SIZE,
        retryDelays: this.ctx.opts.retryDelays ?? [0, 1000, 3000, 5000],
        metadata: { sha256: blob.sha256, filetype: blob.type, filename: `${blob.sha256}.${ext}` },
        // X-CSRF-Token only here, not also in `headers`: XHR's setRequestHeader appends, so a
        // header set twice goes out as "tok, tok" and the server refuses it (403 csrf_failed)
        onBeforeRequest: (req: HttpRequest) => {
          // the token may have been refreshed since the upload started
          const headers = this.ctx.api.headersFor(req.getMethod());
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
      this.cancel = () => {
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
        const body = JSON.parse(res.getBody() || 'null') as {
          code?: string;
          message?: string;
        } | null;
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
    const tx = this.ctx.db.transaction('blobs', 'readwrite');
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
    const at = this.ctx.now().toISOString();
    const notice: Notice = {
      key: `b:${blob.sha256}`,
      kind: 'upload',
      code,
      message,
      at,
      sha256: blob.sha256,
      seen: false,
    };
    const tx = this.ctx.db.transaction(['blobs', 'notices'], 'readwrite');
    await atomically(tx, async () => {
      const current = await tx.objectStore('blobs').get(blob.sha256);
      if (current) {
        const next: BlobRecord = { ...current, failed: { code, message }, last_error: message };
        delete next.upload_url;
        await tx.objectStore('blobs').put(next);
      }
      await tx.objectStore('notices').put(notice);
    });
    this.ctx.emit('notice', notice);
  }
}
