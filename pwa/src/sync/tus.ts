/**
 * Pieces plugged into tus-js-client: a Blob file reader (the same in every bundle), a fetch-based
 * HTTP stack (tests, workers), and URL storage kept in the `blobs` store so an upload resumes
 * after the app restarts.
 */
import type {
  FileReader as TusFileReader,
  FileSource,
  HttpRequest,
  HttpResponse,
  HttpStack,
  PreviousUpload,
  SliceResult,
  UrlStorage,
} from 'tus-js-client';
import type { SyncDB } from './db';

/** The fingerprint tus stores uploads under: the content's SHA-256. */
export function tusFingerprint(sha256: string): string {
  return `sha256:${sha256}`;
}

class BlobSource implements FileSource {
  readonly size: number;
  private readonly blob: Blob;

  constructor(blob: Blob) {
    this.blob = blob;
    this.size = blob.size;
  }

  slice(start: number, end: number): Promise<SliceResult> {
    return Promise.resolve({ value: this.blob.slice(start, end), done: end >= this.size });
  }

  close(): void {}
}

export class BlobFileReader implements TusFileReader {
  openFile(input: unknown): Promise<FileSource> {
    const blob = input as Blob;
    if (!blob || typeof blob.slice !== 'function' || typeof blob.size !== 'number') {
      return Promise.reject(new Error('tus: only Blobs are uploaded here'));
    }
    return Promise.resolve(new BlobSource(blob));
  }
}

class FetchResponse implements HttpResponse {
  constructor(
    private readonly res: Response,
    private readonly body: string,
  ) {}
  getStatus(): number {
    return this.res.status;
  }
  getHeader(header: string): string | undefined {
    return this.res.headers.get(header) ?? undefined;
  }
  getBody(): string {
    return this.body;
  }
  getUnderlyingObject(): unknown {
    return this.res;
  }
}

class FetchRequest implements HttpRequest {
  private readonly headers: Record<string, string> = {};
  private readonly controller = new AbortController();
  private onProgress: (bytesSent: number) => void = () => undefined;

  constructor(
    private readonly method: string,
    private readonly url: string,
    private readonly fetchImpl: typeof fetch,
  ) {}

  getMethod(): string {
    return this.method;
  }
  getURL(): string {
    return this.url;
  }
  setHeader(header: string, value: string): void {
    this.headers[header] = value;
  }
  getHeader(header: string): string | undefined {
    return this.headers[header];
  }
  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.onProgress = handler;
  }
  async send(body?: unknown): Promise<HttpResponse> {
    const res = await this.fetchImpl(this.url, {
      method: this.method,
      headers: this.headers,
      body: (body ?? null) as BodyInit | null,
      credentials: 'same-origin',
      signal: this.controller.signal,
    });
    // fetch cannot report upload progress: the whole chunk counts once it was answered
    if (body && typeof (body as Blob).size === 'number') this.onProgress((body as Blob).size);
    const text = this.method === 'HEAD' || res.status === 204 ? '' : await res.text();
    return new FetchResponse(res, text);
  }
  abort(): Promise<void> {
    this.controller.abort();
    return Promise.resolve();
  }
  getUnderlyingObject(): unknown {
    return this.controller;
  }
}

/** tus over `fetch` (no per-byte progress; the browser default XHR stack has it). */
export class FetchHttpStack implements HttpStack {
  private readonly fetchImpl: typeof fetch;

  constructor(fetchImpl?: typeof fetch) {
    this.fetchImpl = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }
  createRequest(method: string, url: string): HttpRequest {
    return new FetchRequest(method, url, this.fetchImpl);
  }
  getName(): string {
    return 'FetchHttpStack';
  }
}

const PREFIX = 'sha256:';

/**
 * tus URL storage in the `blobs` store: the upload URL lives on the blob record (`upload_url`),
 * so it survives restarts and disappears with the record.
 */
export class BlobUrlStorage implements UrlStorage {
  constructor(private readonly db: SyncDB) {}

  async findAllUploads(): Promise<PreviousUpload[]> {
    const all = await this.db.getAll('blobs');
    return all
      .filter((b) => b.upload_url)
      .map((b) => this.previous(b.sha256, b.size, b.upload_url!));
  }

  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    if (!fingerprint.startsWith(PREFIX)) return [];
    const blob = await this.db.get('blobs', fingerprint.slice(PREFIX.length));
    return blob?.upload_url ? [this.previous(blob.sha256, blob.size, blob.upload_url)] : [];
  }

  async removeUpload(urlStorageKey: string): Promise<void> {
    await this.update(urlStorageKey.slice(PREFIX.length), undefined);
  }

  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    if (fingerprint.startsWith(PREFIX) && upload.uploadUrl) {
      await this.update(fingerprint.slice(PREFIX.length), upload.uploadUrl);
    }
    return fingerprint;
  }

  private async update(sha256: string, url: string | undefined): Promise<void> {
    const tx = this.db.transaction('blobs', 'readwrite');
    const blob = await tx.store.get(sha256);
    // a finished blob keeps no URL (tus may store one after we marked it uploaded)
    if (blob && blob.upload_url !== url && !(url && blob.uploaded)) {
      const next = { ...blob };
      if (url) next.upload_url = url;
      else delete next.upload_url;
      await tx.store.put(next);
    }
    await tx.done;
  }

  private previous(sha256: string, size: number, url: string): PreviousUpload {
    return {
      size,
      metadata: { sha256 },
      creationTime: new Date().toString(),
      urlStorageKey: tusFingerprint(sha256),
      uploadUrl: url,
      parallelUploadUrls: null,
    };
  }
}
