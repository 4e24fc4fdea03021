import { describe, expect, it } from 'vitest';
import { enqueue } from '../../src/sync/outbox';
import { capturePhoto } from '../../src/sync/photos';
import { CSRF } from './fakeServer';
import { harness, photoBytes } from './harness';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function inspection(db: Parameters<typeof enqueue>[0], n: number, startedAt: string) {
  const id = uuid(n);
  await enqueue(
    db,
    'inspection.create',
    { id, project_id: 1, kind: 'routine', started_at: startedAt },
    { drafts: [{ type: 'inspection', id, data: { id, status: 'draft', started_at: startedAt } }] },
  );
  return id;
}

describe('SyncEngine: records before photos', () => {
  it('pushes every record before the first photo byte, photos pending until their bytes land', async () => {
    const h = await harness();
    const a = await inspection(h.db, 1, '2026-12-01T08:00:00Z');
    const shot = await capturePhoto(h.db, photoBytes(4000), 'inspection', a, null, {
      keepOriginals: true,
    });
    let statusAtFirstByte: unknown = null;
    h.server.fail('POST', '/api/v1/uploads/', {
      kind: 'before',
      run: () => {
        statusAtFirstByte = h.server.records.get(`photo:${shot.photoId}`)?.data.status;
      },
    });

    expect(await h.engine.sync()).toEqual({ ok: true, pendingUploads: 0 });

    const paths = h.server.requests.map((r) => r.path);
    const lastPush = paths.lastIndexOf('/api/v1/sync/push');
    expect(lastPush).toBeLessThan(paths.findIndex((p) => p.startsWith('/api/v1/uploads/')));
    expect(h.server.records.has(`inspection:${a}`)).toBe(true);
    expect(statusAtFirstByte).toBe('pending');
    // and the phone mirrored its records before the photos went: it shows them synced
    expect(paths.indexOf('/api/v1/sync/pull')).toBeGreaterThan(lastPush);
    expect(paths.indexOf('/api/v1/sync/pull')).toBeLessThan(
      paths.findIndex((p) => p.startsWith('/api/v1/uploads/')),
    );
    expect(h.server.records.get(`photo:${shot.photoId}`)!.data.status).toBe('ready');
  });

  it('uploads the photos of the oldest inspection first, each in the order taken', async () => {
    const h = await harness();
    // the later inspection is recorded first on purpose: order is by when it was started
    const late = await inspection(h.db, 2, '2026-12-03T08:00:00Z');
    const early = await inspection(h.db, 1, '2026-12-01T08:00:00+08:00');
    const shots: string[] = [];
    let clock = Date.parse('2026-12-04T00:00:00Z');
    const take = async (owner: string, seed: number) =>
      (
        await capturePhoto(h.db, photoBytes(600, seed), 'inspection', owner, null, {
          keepOriginals: true,
          now: () => (clock += 1000),
        })
      ).sha256;
    shots.push(
      await take(late, 1),
      await take(early, 2),
      await take(late, 3),
      await take(early, 4),
    );

    await h.engine.sync();

    const sent = h.server.requests
      .filter((r) => r.method === 'POST' && r.path === '/api/v1/uploads/')
      .map((r) => atob(/sha256 ([^,]+)/.exec(r.headers['upload-metadata']!)![1]!));
    expect(sent).toEqual([shots[1], shots[3], shots[0], shots[2]]);
  });
});

describe('SyncEngine: the session before the first request', () => {
  it('fetches the CSRF token before sending anything when the app started without one', async () => {
    const h = await harness();
    h.api.setCsrfToken(null); // booted offline: no /auth/me yet
    await enqueue(h.db, 'issue.comment', { issue_id: uuid(9), body: '已整改' });
    await capturePhoto(h.db, photoBytes(700), 'issue', uuid(9), null, { keepOriginals: true });

    expect(await h.engine.sync()).toMatchObject({ ok: true });

    expect(h.server.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/auth/me' });
    const unsafe = h.server.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(unsafe.length).toBeGreaterThan(2);
    for (const r of unsafe) expect(r.headers['x-csrf-token']).toBe(CSRF);
    expect(h.of('error')).toHaveLength(0);
  });

  it('refreshes the token after coming back online, so the first upload is not refused', async () => {
    const h = await harness();
    await h.engine.start();
    h.server.csrf = 'csrf-token-2'; // the session changed while the phone was away
    await capturePhoto(h.db, photoBytes(900), 'issue', uuid(9), null, { keepOriginals: true });
    const before = h.server.requests.length;

    h.target.dispatchEvent(new Event('online'));
    await h.engine.sync();

    const after = h.server.requests.slice(before);
    expect(after[0]).toMatchObject({ method: 'GET', path: '/api/v1/auth/me' });
    const upload = after.find((r) => r.method === 'POST' && r.path === '/api/v1/uploads/')!;
    expect(upload.headers['x-csrf-token']).toBe('csrf-token-2');
    expect(h.server.blobs.size).toBe(1);
    expect(h.of('error')).toHaveLength(0);
  });
});
