import { describe, expect, it } from 'vitest';
import { discardRefusedDraft, getMeta, getRecord, listNotices, setMeta } from '../../src/sync/db';
import { count, enqueue, pending } from '../../src/sync/outbox';
import { capturePhoto, sha256Hex } from '../../src/sync/photos';
import { CSRF } from './fakeServer';
import { INSPECTION, ISSUE, createInspection, harness, photoBytes } from './harness';

describe('SyncEngine: a run', () => {
  it('pushes the outbox, uploads photo bytes, pulls, and drops confirmed drafts', async () => {
    const h = await harness();
    h.server.putRecord('project', '1', { id: 1, name: '长者食堂' });
    await createInspection(h.db);
    const file = photoBytes(3000);
    const shot = await capturePhoto(h.db, file, 'inspection', INSPECTION, null, {
      keepOriginals: true,
    });

    const outcome = await h.engine.sync();

    expect(outcome).toEqual({ ok: true, pendingUploads: 0 });
    // tus: one POST, three 1 KiB PATCHes, bytes verified by the server
    expect(h.server.count('HEAD', '/api/v1/blobs/')).toBe(1);
    expect(h.server.count('POST', '/api/v1/uploads/')).toBe(1);
    expect(h.server.count('PATCH', '/api/v1/uploads/')).toBe(3);
    const post = h.server.requests.find(
      (r) => r.method === 'POST' && r.path === '/api/v1/uploads/',
    )!;
    expect(post.headers['x-csrf-token']).toBe(CSRF);
    expect(post.headers['upload-metadata']).toContain(`sha256 ${btoa(shot.sha256)}`);
    expect(post.headers['upload-metadata']).toContain(`filetype ${btoa('image/jpeg')}`);
    expect(h.server.blobs.has(shot.sha256)).toBe(true);
    expect(await h.db.get('blobs', shot.sha256)).toMatchObject({ uploaded: true });
    expect((await h.db.get('blobs', shot.sha256))!.upload_url).toBeUndefined();

    // push: both mutations applied once, in order; the photo was attached before its bytes
    // (pending) and became ready when they landed
    expect(h.server.applied.map((m) => [m.id, m.name, m.status])).toEqual([
      [1, 'inspection.create', 'applied'],
      [2, 'photo.attach', 'applied'],
    ]);
    const push = h.server.requests.find((r) => r.path === '/api/v1/sync/push')!;
    expect(push.json).toMatchObject({
      client_id: await getMeta(h.db, 'client_id'),
      schema_version: 1,
    });
    expect(await count(h.db)).toBe(0);

    // pull mirrored everything; the drafts are gone, the server's copies remain
    expect(await h.db.get('records', ['project', '1'])).toMatchObject({
      data: { name: '长者食堂' },
    });
    expect(await h.db.get('records', ['photo', shot.photoId])).toMatchObject({
      data: { status: 'ready' },
    });
    expect(await h.db.count('drafts')).toBe(0);
    expect(await getMeta(h.db, 'cookie')).toMatch(/^c\./);
    expect(await getMeta(h.db, 'last_mutation_id')).toBe(2);

    const phases = h.of('progress').map((p) => p.phase);
    expect(phases.indexOf('push')).toBeLessThan(phases.indexOf('upload'));
    expect(phases.lastIndexOf('upload')).toBeLessThan(phases.lastIndexOf('pull'));
    const firstPush = h.server.requests.findIndex((r) => r.path === '/api/v1/sync/push');
    const firstUpload = h.server.requests.findIndex((r) => r.path.startsWith('/api/v1/uploads/'));
    expect(firstPush).toBeLessThan(firstUpload);
    const uploadEnd = h
      .of('progress')
      .filter((p) => p.phase === 'upload')
      .pop()!;
    expect(uploadEnd).toMatchObject({ done: 1, total: 1, bytesDone: 3000, bytesTotal: 3000 });
    expect(
      h
        .of('progress')
        .filter((p) => p.phase === 'push')
        .pop(),
    ).toMatchObject({ done: 2, total: 2 });
    expect(h.of('synced')).toHaveLength(1);
    expect(await getMeta(h.db, 'last_sync_at')).toBe(h.of('synced')[0]!.at);
  });

  it('skips the upload when HEAD says the server has the bytes', async () => {
    const h = await harness();
    const file = photoBytes(500);
    const shot = await capturePhoto(h.db, file, 'issue', ISSUE, null, { keepOriginals: true });
    h.server.blobs.set(shot.sha256, new Uint8Array(await file.arrayBuffer()));
    await h.engine.sync();
    expect(h.server.count('POST', '/api/v1/uploads/')).toBe(0);
    expect(await h.db.get('blobs', shot.sha256)).toMatchObject({ uploaded: true });
  });

  it('takes a creation answered 200 (bytes already there) as done, without PATCH', async () => {
    const h = await harness();
    const file = photoBytes(2000);
    const shot = await capturePhoto(h.db, file, 'issue', ISSUE, null, { keepOriginals: true });
    h.server.blobs.set(shot.sha256, new Uint8Array(await file.arrayBuffer()));
    h.server.hideBlobs = true; // HEAD /blobs raced: 404
    expect((await h.engine.sync()).ok).toBe(true);
    expect(h.server.count('POST', '/api/v1/uploads/')).toBe(1);
    expect(h.server.count('PATCH', '/api/v1/uploads/')).toBe(0);
    expect(await h.db.get('blobs', shot.sha256)).toMatchObject({ uploaded: true });
  });

  it('pushes in batches of at most 100', async () => {
    const h = await harness();
    for (let i = 0; i < 150; i++)
      await enqueue(h.db, 'issue.comment', { issue_id: ISSUE, body: `#${i}` });
    await h.engine.sync();
    const pushes = h.server.requests.filter((r) => r.path === '/api/v1/sync/push');
    expect(pushes.map((p) => (p.json!.mutations as unknown[]).length)).toEqual([100, 50]);
    expect(await count(h.db)).toBe(0);
  });

  it('halves the batch when the server says a push is too large (413), and still sends everything', async () => {
    const h = await harness();
    h.server.maxPushBytes = 6000;
    for (let i = 0; i < 150; i++)
      await enqueue(h.db, 'issue.comment', { issue_id: ISSUE, body: `#${i}` });
    const result = await h.engine.sync();
    expect(result.ok).toBe(true);
    const sizes = h.server.requests
      .filter((r) => r.path === '/api/v1/sync/push')
      .map((p) => (p.json!.mutations as unknown[]).length);
    expect(sizes.slice(0, 2)).toEqual([100, 50]); // 100 refused, then halved
    expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(50);
    expect(h.server.applied).toHaveLength(150);
    expect(await count(h.db)).toBe(0);
  });

  it('sends a lone mutation too big for any push as a stub the server refuses, keeping its text on the phone', async () => {
    const h = await harness();
    h.server.maxPushBytes = 4000;
    await enqueue(h.db, 'issue.comment', { issue_id: ISSUE, body: 'x'.repeat(5000) });
    await enqueue(h.db, 'issue.comment', { issue_id: ISSUE, body: 'after' });
    const result = await h.engine.sync();
    expect(result.ok).toBe(true);
    expect(h.server.applied.map((a) => a.status)).toEqual(['rejected', 'applied']);
    expect(await count(h.db)).toBe(0);
    const notices = await listNotices(h.db);
    expect(notices).toHaveLength(1);
    expect((notices[0]!.args as { body: string }).body).toHaveLength(5000);
  });

  it('pulls page after page until has_more is false', async () => {
    const h = await harness({ pullLimit: 2 });
    for (let i = 1; i <= 5; i++) h.server.putRecord('project', String(i), { id: i });
    await h.engine.sync();
    expect(h.server.count('POST', '/api/v1/sync/pull')).toBe(3);
    expect(await h.db.count('records')).toBe(5);
    // later deletions arrive as tombstones
    h.server.deleteRecord('project', '2');
    await h.engine.sync();
    expect(await h.db.get('records', ['project', '2'])).toBeUndefined();
    expect(await h.db.count('records')).toBe(4);
  });
});

describe('SyncEngine: failures', () => {
  it('re-pushes after a dropped response; the server answers duplicate and the outbox drains', async () => {
    const h = await harness();
    await createInspection(h.db);
    await enqueue(h.db, 'answer.set', { inspection_id: INSPECTION, item_id: 'q1', value: true });
    h.server.fail('POST', '/api/v1/sync/push', { kind: 'drop' });

    const first = await h.engine.sync();
    expect(first).toMatchObject({ ok: false, reason: 'retry' });
    expect(h.server.applied).toHaveLength(2); // the server did apply them
    expect((await pending(h.db)).map((m) => [m.id, m.attempts])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(h.of('error')[0]).toMatchObject({ phase: 'push', code: 'network_error' });
    expect(await h.db.count('drafts')).toBe(1);

    const second = await h.engine.sync();
    expect(second.ok).toBe(true);
    const repush = h.server.requests.filter((r) => r.path === '/api/v1/sync/push')[1]!;
    expect((repush.json!.mutations as { id: number }[]).map((m) => m.id)).toEqual([1, 2]);
    expect(h.server.applied).toHaveLength(2); // nothing applied twice
    expect(await count(h.db)).toBe(0);
    expect(await h.db.count('drafts')).toBe(0);
  });

  it('backs off on server errors, growing, and resets after a success', async () => {
    const h = await harness();
    await h.engine.start();
    expect(h.timers.last).toBe(5 * 60_000); // all well: the poll timer
    await enqueue(h.db, 'issue.comment', { issue_id: ISSUE, body: 'x' });
    h.server.fail('POST', '/api/v1/sync/push', { kind: 'status', status: 500 });
    h.server.fail('POST', '/api/v1/sync/push', { kind: 'status', status: 503 });

    await h.engine.sync();
    expect(h.timers.scheduled.map((t) => t.ms)).toEqual([1000]); // random 0.5 × 2 s
    expect(h.engine.status).toMatchObject({ state: 'waiting', failures: 1 });
    expect(h.of('error').pop()).toMatchObject({ phase: 'push', status: 500, retryInMs: 1000 });

    h.timers.fire();
    await h.engine.sync(); // joins the run the timer started
    expect(h.timers.scheduled.map((t) => t.ms)).toEqual([2000]);
    expect(h.engine.status.failures).toBe(2);

    h.timers.fire();
    expect((await h.engine.sync()).ok).toBe(true);
    expect(h.engine.status).toMatchObject({ state: 'idle', failures: 0 });
    expect(h.timers.scheduled.map((t) => t.ms)).toEqual([5 * 60_000]);
    expect(await count(h.db)).toBe(0);
  });

  it('on 401 stops, emits login-required and keeps the outbox and drafts', async () => {
    const h = await harness();
    await h.engine.start();
    await createInspection(h.db);
    h.server.authorized = false;
    const outcome = await h.engine.sync();
    expect(outcome).toMatchObject({ ok: false, reason: 'login-required' });
    expect(h.of('login-required')).toHaveLength(1);
    expect(h.engine.status.state).toBe('login-required');
    expect(await count(h.db)).toBe(1);
    expect(await h.db.count('drafts')).toBe(1);
    expect(h.timers.scheduled).toEqual([]); // no retrying against a lost session

    // triggers are ignored until the app says the user is back
    const requests = h.server.requests.length;
    h.engine.notifyChange();
    h.target.dispatchEvent(new Event('online'));
    expect((await h.engine.sync()).ok).toBe(false);
    expect(h.server.requests.length).toBe(requests);

    // logging in again hands out a new CSRF token (the client dropped the old one on 401)
    expect(h.api.getCsrfToken()).toBeNull();
    h.server.authorized = true;
    h.api.setCsrfToken(CSRF);
    expect((await h.engine.resume()).ok).toBe(true);
    expect(await count(h.db)).toBe(0);
  });

  it('on 401 during a photo upload stops with login-required and keeps the bytes', async () => {
    const h = await harness();
    const shot = await capturePhoto(h.db, photoBytes(800), 'issue', ISSUE, null, {
      keepOriginals: true,
    });
    h.server.fail('POST', '/api/v1/uploads/', {
      kind: 'status',
      status: 401,
      code: 'unauthorized',
    });
    expect(await h.engine.sync()).toMatchObject({ ok: false, reason: 'login-required' });
    expect(h.of('login-required')).toHaveLength(1);
    expect(await h.db.get('blobs', shot.sha256)).toMatchObject({ uploaded: false });
    // the record went first: photo.attach is on the server (pending), only the bytes wait
    expect(await count(h.db)).toBe(0);
    expect(h.server.records.get(`photo:${shot.photoId}`)!.data.status).toBe('pending');
  });

  it('on 409 schema_version_unsupported stops and emits update-required', async () => {
    const h = await harness();
    h.server.supportedSchema = 2;
    await enqueue(h.db, 'issue.comment', { issue_id: ISSUE, body: 'x' });
    expect(await h.engine.sync()).toMatchObject({ ok: false, reason: 'update-required' });
    expect(h.of('update-required')[0]).toMatchObject({ code: 'schema_version_unsupported' });
    expect(h.of('update-required')[0]!.message).toContain('更新应用');
    expect(await count(h.db)).toBe(1);
  });

  it('surfaces rejections and conflicts once, with the Chinese message', async () => {
    const h = await harness();
    h.server.putRecord('issue', ISSUE, { id: ISSUE, state: 'assigned' });
    await enqueue(h.db, 'report.create', {
      id: INSPECTION,
      title: '',
      description: 'x',
      reject: true,
    });
    await enqueue(h.db, 'issue.transition', {
      issue_id: ISSUE,
      to: 'assigned',
      expected_from: 'found',
    });
    await h.engine.sync();

    const notices = h.of('notice');
    expect(notices.map((n) => [n.key, n.kind, n.code])).toEqual([
      ['m:1', 'rejected', 'invalid_args'],
      ['m:2', 'conflict', 'state_changed'],
    ]);
    expect(notices[0]).toMatchObject({
      message: '数据格式不正确(title: 不能为空)',
      target: { type: 'report', id: INSPECTION },
    });
    expect(notices[1]!.message).toContain('冲突');
    expect(await count(h.db)).toBe(0); // a rejection never blocks the queue
    // pull's rejections repeat them: still one notice each
    expect((await listNotices(h.db)).map((n) => n.key)).toEqual(['m:1', 'm:2']);

    // a fresh cookie (full copy) sends all rejections again: still no duplicates
    await setMeta(h.db, 'cookie', null);
    await h.engine.sync();
    expect(h.of('notice')).toHaveLength(2);
  });

  it('reports rejections it only learns from pull (the push answer was lost)', async () => {
    const h = await harness();
    await enqueue(h.db, 'report.create', {
      id: INSPECTION,
      title: '',
      description: 'x',
      reject: true,
    });
    h.server.fail('POST', '/api/v1/sync/push', { kind: 'drop' });
    await h.engine.sync();
    expect(h.of('notice')).toHaveLength(0);
    expect(await count(h.db)).toBe(1);
    // the re-push is answered `duplicate`: only pull's rejections can say what happened
    await h.engine.sync();
    expect(await count(h.db)).toBe(0);
    expect(h.of('notice').map((n) => [n.key, n.kind, n.message])).toEqual([
      ['m:1', 'rejected', '数据格式不正确(title: 不能为空)'],
    ]);
  });
});

describe('SyncEngine: pull reset', () => {
  it('replaces the mirror but keeps drafts, outbox and photo bytes', async () => {
    const h = await harness();
    h.server.putRecord('project', '1', { id: 1 });
    h.server.putRecord('project', '2', { id: 2 });
    await h.engine.sync();
    expect(await h.db.count('records')).toBe(2);

    // the user's scope changed: project 2 is no longer theirs
    h.server.records.delete('project:2');
    h.server.changeLog = h.server.changeLog.filter((r) => r.id !== '2');
    h.server.forceReset = true;
    const uploaded = photoBytes(100, 9);
    const sha = await sha256Hex(uploaded);
    await h.db.put('blobs', {
      sha256: sha,
      size: 100,
      type: 'image/jpeg',
      bytes: uploaded,
      uploaded: true,
    });
    // the user keeps working while the pull runs
    h.server.fail('POST', '/api/v1/sync/pull', {
      kind: 'before',
      run: async () => {
        await createInspection(h.db, INSPECTION);
      },
    });
    await h.engine.sync();

    expect(h.server.requests.filter((r) => r.path === '/api/v1/sync/pull').pop()).toBeTruthy();
    expect(await h.db.get('records', ['project', '2'])).toBeUndefined();
    expect(await h.db.get('records', ['project', '1'])).toBeTruthy();
    expect((await pending(h.db)).map((m) => m.name)).toEqual(['inspection.create']);
    expect(await h.db.get('drafts', ['inspection', INSPECTION])).toBeTruthy();
    expect(await h.db.get('blobs', sha)).toMatchObject({ uploaded: true });
  });
});

describe('SyncEngine: one sync at a time', () => {
  it('runs once more after triggers that arrive during a run, never two at once', async () => {
    const h = await harness();
    await h.engine.start();
    await enqueue(h.db, 'issue.comment', { issue_id: ISSUE, body: 'a' });
    let release!: () => void;
    h.server.fail('POST', '/api/v1/sync/push', {
      kind: 'hang',
      release: new Promise<void>((r) => (release = r)),
    });

    const first = h.engine.sync();
    await new Promise((r) => setTimeout(r, 20));
    expect(h.engine.running).toBe(true);
    await enqueue(h.db, 'issue.comment', { issue_id: ISSUE, body: 'b' });
    h.engine.notifyChange();
    h.target.dispatchEvent(new Event('online'));
    const third = h.engine.sync();
    release();
    await Promise.all([first, third]);

    expect(h.server.maxInFlight).toBe(1);
    expect(h.of('synced')).toHaveLength(3); // start(), then the run, then exactly one more
    expect(h.server.count('POST', '/api/v1/sync/push')).toBe(2);
    expect(await count(h.db)).toBe(0);
    expect(h.engine.running).toBe(false);
  });

  it('syncs on online events and after captures once started', async () => {
    const h = await harness();
    h.engine.notifyChange(); // not started: ignored
    expect(h.server.requests).toHaveLength(0);
    await h.engine.start();
    const pulls = h.server.count('POST', '/api/v1/sync/pull');
    h.target.dispatchEvent(new Event('online'));
    await h.engine.sync();
    expect(h.server.count('POST', '/api/v1/sync/pull')).toBeGreaterThan(pulls);
    await h.engine.capturePhoto(photoBytes(300), 'issue', ISSUE, null, { keepOriginals: true });
    await h.engine.sync();
    expect(await count(h.db)).toBe(0);
  });
});

describe('SyncEngine: resumable uploads', () => {
  it('resumes an interrupted upload after a restart from the stored upload URL', async () => {
    const h = await harness();
    const file = photoBytes(3000, 5);
    const shot = await capturePhoto(h.db, file, 'inspection', INSPECTION, null, {
      keepOriginals: true,
    });
    // the connection dies during the second chunk
    h.server.fail('PATCH', '/api/v1/uploads/', { kind: 'before', run: () => undefined });
    h.server.fail('PATCH', '/api/v1/uploads/', { kind: 'network' });
    const first = await h.engine.sync();
    expect(first).toMatchObject({ ok: false, reason: 'retry' });
    const stored = await h.db.get('blobs', shot.sha256);
    expect(stored).toMatchObject({
      uploaded: false,
      upload_url: 'http://fake.test/api/v1/uploads/u1',
    });
    expect(h.server.uploads.get('u1')!.offset).toBe(1024);

    await h.restart();
    expect((await h.engine.sync()).ok).toBe(true);
    expect(h.server.count('POST', '/api/v1/uploads/')).toBe(1); // no second upload created
    expect(
      h.server.requests.some((r) => r.method === 'HEAD' && r.path === '/api/v1/uploads/u1'),
    ).toBe(true);
    expect(h.server.blobs.get(shot.sha256)!.length).toBe(3000);
    expect(await h.db.get('blobs', shot.sha256)).toMatchObject({ uploaded: true });
  });

  it('gives up on bytes the phone itself corrupted (460), tells the user, and still pushes', async () => {
    const h = await harness();
    const bytes = photoBytes(700);
    const wrongSha = 'a'.repeat(64);
    await enqueue(
      h.db,
      'photo.attach',
      {
        id: ISSUE,
        sha256: wrongSha,
        size: 700,
        content_type: 'image/jpeg',
        owner_type: 'issue',
        owner_id: ISSUE,
      },
      { blobs: [{ sha256: wrongSha, size: 700, type: 'image/jpeg', bytes, uploaded: false }] },
    );
    expect((await h.engine.sync()).ok).toBe(true);
    expect(h.of('notice')[0]).toMatchObject({
      kind: 'upload',
      code: 'local_bytes_corrupt',
      sha256: wrongSha,
    });
    expect(await h.db.get('blobs', wrongSha)).toMatchObject({
      uploaded: false,
      failed: { code: 'local_bytes_corrupt' },
    });
    expect(await count(h.db)).toBe(0);
    await h.engine.sync();
    expect(h.server.count('POST', '/api/v1/uploads/')).toBe(1); // not retried
  });
});

describe('SyncEngine: a change the server refused', () => {
  it('keeps the draft, marked refused with the reason, until the user discards it', async () => {
    const h = await harness();
    await enqueue(
      h.db,
      'report.create',
      { id: INSPECTION, title: '', description: '村东头水管无水', reject: true },
      {
        drafts: [
          {
            type: 'report',
            id: INSPECTION,
            data: { id: INSPECTION, description: '村东头水管无水' },
          },
        ],
      },
    );
    await h.engine.sync();

    const record = await getRecord(h.db, 'report', INSPECTION);
    expect(record).toMatchObject({
      pending: false,
      refused: { code: 'invalid_args' },
      data: { description: '村东头水管无水' },
    });
    expect(record!.refused!.message).toContain('不能为空');
    expect(await discardRefusedDraft(h.db, 'report', INSPECTION)).toBe(true);
    expect(await getRecord(h.db, 'report', INSPECTION)).toBeUndefined();
  });

  it('learns the refused record from pull when the push answer was lost', async () => {
    const h = await harness();
    await enqueue(
      h.db,
      'report.create',
      { id: INSPECTION, title: '', description: 'x', reject: true },
      { drafts: [{ type: 'report', id: INSPECTION, data: { id: INSPECTION } }] },
    );
    h.server.fail('POST', '/api/v1/sync/push', { kind: 'drop' });
    await h.engine.sync();
    await h.engine.sync();

    expect(await getRecord(h.db, 'report', INSPECTION)).toMatchObject({
      pending: false,
      refused: { code: 'invalid_args' },
    });
  });

  it('leaves a draft pending while its change is neither confirmed nor refused', async () => {
    const h = await harness();
    await createInspection(h.db);
    h.server.fail('POST', '/api/v1/sync/push', { kind: 'network' });
    await h.engine.sync();

    expect(await getRecord(h.db, 'inspection', INSPECTION)).toMatchObject({ pending: true });
    expect(await discardRefusedDraft(h.db, 'inspection', INSPECTION)).toBe(false);
    expect(await getRecord(h.db, 'inspection', INSPECTION)).toBeTruthy();
  });
});
