/**
 * tus with the browser's XHR stack (what the app uses: no `httpStack` option) sends each header
 * once. XHR's setRequestHeader appends to a header already set, so a token set both in tus's
 * `headers` and in `onBeforeRequest` went out as "tok, tok" and every upload got 403
 * csrf_failed (fixed in 144be61). A fake XMLHttpRequest that combines as browsers do pins it.
 */
import { freshDbName } from './setup';
import XHRHttpStack from 'tus-js-client/lib.esm/browser/httpStack.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/api/client';
import { SyncEngine } from '../../src/sync/client';
import { openSyncDb, type SyncDB } from '../../src/sync/db';
import { capturePhoto } from '../../src/sync/photos';
import { CSRF, FakeServer } from './fakeServer';

const ISSUE = '44444444-4444-4444-8444-444444444444';

interface Sent {
  method: string;
  url: string;
  /**
   * Lower-case names; a header set twice holds both values joined by ", " (as browsers send it).
   */
  headers: Record<string, string>;
}

/** Just enough XMLHttpRequest for tus-js-client's XHRHttpStack, answered by a FakeServer. */
function fakeXhrClass(server: FakeServer, sent: Sent[]) {
  return class FakeXMLHttpRequest {
    status = 0;
    responseText = '';
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: ((err: unknown) => void) | null = null;
    private method = 'GET';
    private url = '';
    private headers: Record<string, string> = {};
    private response: Response | null = null;

    open(method: string, url: string): void {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string): void {
      // XMLHttpRequest spec: "combine" — a second value is appended, not replacing the first
      const key = name.toLowerCase();
      this.headers[key] = key in this.headers ? `${this.headers[key]}, ${value}` : value;
    }
    getResponseHeader(name: string): string | null {
      return this.response?.headers.get(name) ?? null;
    }
    send(body: Blob | null = null): void {
      sent.push({ method: this.method, url: this.url, headers: { ...this.headers } });
      server.fetch(this.url, { method: this.method, headers: this.headers, body }).then(
        async (res) => {
          this.response = res;
          this.status = res.status;
          this.responseText = this.method === 'HEAD' ? '' : await res.text();
          this.onload?.();
        },
        (err: unknown) => this.onerror?.(err),
      );
    }
    abort(): void {}
  };
}

function photoBytes(size: number): Blob {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff]);
  for (let i = 3; i < size; i++) bytes[i] = (i * 7) & 0xff;
  return new Blob([bytes], { type: 'image/jpeg' });
}

describe('tus upload over the browser XHR stack', () => {
  let db: SyncDB;
  let engine: SyncEngine;
  const server = new FakeServer();
  const sent: Sent[] = [];

  beforeEach(async () => {
    vi.stubGlobal('XMLHttpRequest', fakeXhrClass(server, sent));
    db = await openSyncDb({ name: freshDbName() });
    const api = new ApiClient({ fetch: server.fetch });
    api.setCsrfToken(CSRF);
    engine = new SyncEngine({
      db,
      api,
      origin: 'http://fake.test',
      // the app passes none and gets this one from tus-js-client's browser build; under vitest
      // the package resolves to its Node build, so the browser stack is named here
      httpStack: new XHRHttpStack(),
      retryDelays: [],
      chunkSize: 1024,
      eventTarget: null,
      isOnline: () => true,
      locks: null,
      pollIntervalMs: 0,
    });
  });

  afterEach(async () => {
    await engine.stop();
    db.close();
    vi.unstubAllGlobals();
  });

  it('sends exactly one X-CSRF-Token value on the creation and every chunk', async () => {
    const shot = await capturePhoto(db, photoBytes(2500), 'issue', ISSUE, null, {
      keepOriginals: true,
    });

    const outcome = await engine.sync();

    const tus = sent.filter((r) => new URL(r.url).pathname.startsWith('/api/v1/uploads/'));
    // the XHR stack was used: one POST and three 1 KiB PATCHes went through the fake XHR
    expect(tus.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH', 'PATCH']);
    for (const request of tus) expect(request.headers['x-csrf-token']).toBe(CSRF);
    expect(outcome).toEqual({ ok: true, pendingUploads: 0 });
    expect(server.blobs.has(shot.sha256)).toBe(true);
    expect(await db.get('blobs', shot.sha256)).toMatchObject({ uploaded: true });
  });
});
