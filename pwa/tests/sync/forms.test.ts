import { freshDbName } from './setup';
import { afterEach, describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import {
  bindUser,
  DB_VERSION,
  getRecord,
  openSyncDb,
  runUpgrades,
  type SyncDB,
} from '../../src/sync/db';
import { enqueue, pending } from '../../src/sync/outbox';
import {
  addPhotos,
  clearForm,
  FormKeeper,
  hasForm,
  isQuotaError,
  loadForm,
  markSaved,
  photoFile,
  removePhoto,
  saveFields,
} from '../../src/sync/forms';
import { captureSpaceLow, CAPTURE_MIN_FREE_BYTES } from '../../src/lib/capture-space';

const INSPECTION = '11111111-1111-4111-8111-111111111111';
const KEY = `problem:${INSPECTION}`;
type Fields = { description: string; severity: string };

function photo(text: string, name = 'a.jpg', lastModified = 1_700_000_000_000): Blob {
  const blob = new Blob([text], { type: 'image/jpeg' });
  return Object.assign(blob, { name, lastModified });
}

async function text(blob: Blob): Promise<string> {
  return new TextDecoder().decode(await blob.arrayBuffer());
}

const opened: SyncDB[] = [];
async function open(name = freshDbName()): Promise<SyncDB> {
  const db = await openSyncDb({ name });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe('schema version 2', () => {
  it('opens a version-1 database with records, drafts, outbox and blobs intact and adds the form stores', async () => {
    const name = freshDbName();
    const v1 = await openDB(name, 1, {
      upgrade(db, oldVersion, _newVersion, tx) {
        runUpgrades(db as never, oldVersion, 1, tx as never);
      },
    });
    await v1.put('records', {
      type: 'project',
      id: '7',
      version: 3,
      data: { name: '东园镇中心小学' },
    });
    await v1.put('meta', 'client-1', 'client_id');
    await v1.put('meta', 42, 'user_id');
    await v1.put('blobs', {
      sha256: 'ab'.repeat(32),
      size: 5,
      type: 'image/jpeg',
      bytes: new Blob(['bytes']),
      uploaded: false,
    });
    v1.close();
    // a v1 app queued a mutation with its draft
    const asV1 = await openDB(name, 1);
    await enqueue(
      asV1 as never,
      'inspection.create',
      { id: INSPECTION, project_id: 7, kind: 'routine' },
      {
        drafts: [{ type: 'inspection', id: INSPECTION, data: { id: INSPECTION, status: 'draft' } }],
      },
    );
    asV1.close();

    const db = await open(name);
    expect(DB_VERSION).toBe(2);
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual([
      'blobs',
      'drafts',
      'form_photos',
      'forms',
      'meta',
      'notices',
      'outbox',
      'records',
    ]);
    expect(await getRecord(db, 'project', '7')).toMatchObject({
      data: { name: '东园镇中心小学' },
      version: 3,
      pending: false,
    });
    expect(await getRecord(db, 'inspection', INSPECTION)).toMatchObject({
      pending: true,
      data: { status: 'draft' },
    });
    expect((await pending(db)).map((m) => [m.id, m.name])).toEqual([[1, 'inspection.create']]);
    expect(await db.get('meta', 'client_id')).toBe('client-1');
    expect(await db.get('meta', 'user_id')).toBe(42);
    const blob = await db.get('blobs', 'ab'.repeat(32));
    expect(await text(blob!.bytes)).toBe('bytes');
    await saveFields(db, KEY, { description: 'x', severity: '' });
    expect(await hasForm(db, KEY)).toBe(true);
  });
});

describe('unsaved forms', () => {
  it('keeps fields and photos across a reopen, in order, and clears them', async () => {
    const name = freshDbName();
    let db = await open(name);
    await saveFields<Fields>(db, KEY, { description: '三楼消防通道堆放杂物', severity: '' });
    await addPhotos<Fields>(
      db,
      KEY,
      [photo('one', 'IMG_1.jpg', 1_700_000_001_000), photo('two', 'IMG_2.jpg')],
      { description: '', severity: '' },
    );
    await saveFields<Fields>(db, KEY, { description: '三楼消防通道堆放杂物', severity: 'high' });
    db.close();

    db = await open(name);
    const form = await loadForm<Fields>(db, KEY);
    expect(form?.fields).toEqual({ description: '三楼消防通道堆放杂物', severity: 'high' });
    expect(form?.photos.map((p) => p.name)).toEqual(['IMG_1.jpg', 'IMG_2.jpg']);
    expect(await text(form!.photos[0]!.bytes)).toBe('one');
    const file = photoFile(form!.photos[0]!) as File;
    expect(file.type).toBe('image/jpeg');
    expect(file.lastModified).toBe(1_700_000_001_000);

    await removePhoto(db, KEY, form!.photos[0]!.id);
    expect((await loadForm<Fields>(db, KEY))?.photos.map((p) => p.name)).toEqual(['IMG_2.jpg']);
    await markSaved(db, KEY, 'issue-1');
    expect((await loadForm<Fields>(db, KEY))?.saved_as).toBe('issue-1');

    await clearForm(db, KEY);
    expect(await loadForm(db, KEY)).toBeUndefined();
    expect(await db.count('form_photos')).toBe(0);
    // other forms are not touched
    await saveFields(db, 'report:new', { description: 'r' });
    await clearForm(db, KEY);
    expect(await hasForm(db, 'report:new')).toBe(true);
  });

  it('stores none of the photos when the phone is full, and keeps what was stored before', async () => {
    const db = await open();
    await addPhotos<Fields>(db, KEY, [photo('kept')], { description: '已有内容', severity: 'low' });
    const proto = (
      globalThis as unknown as {
        IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown; name: string } };
      }
    ).IDBObjectStore.prototype;
    const put = proto.put;
    let calls = 0;
    proto.put = function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'form_photos' && ++calls === 2)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    let error: unknown;
    try {
      await addPhotos<Fields>(db, KEY, [photo('new-1'), photo('new-2')], {
        description: '',
        severity: '',
      });
    } catch (err) {
      error = err;
    } finally {
      proto.put = put;
    }
    expect(isQuotaError(error)).toBe(true);
    const form = await loadForm<Fields>(db, KEY);
    expect(form?.fields).toEqual({ description: '已有内容', severity: 'low' });
    expect(form?.photos.map((p) => p.bytes.size)).toEqual([4]);
    expect(await db.count('form_photos')).toBe(1);
  });

  it('FormKeeper debounces field writes and never writes after clear', async () => {
    const db = await open();
    const keeper = new FormKeeper<Fields>(db, KEY, {
      delayMs: 5,
      isEmpty: (f) => !f.description && !f.severity,
    });
    keeper.setFields({ description: '三', severity: '' });
    keeper.setFields({ description: '三楼', severity: '' });
    await new Promise((r) => setTimeout(r, 30));
    expect((await keeper.load())?.fields).toEqual({ description: '三楼', severity: '' });

    keeper.setFields({ description: '三楼消防', severity: '' });
    await keeper.clear();
    await new Promise((r) => setTimeout(r, 30));
    expect(await keeper.load()).toBeUndefined();

    // an emptied form without photos is forgotten; with photos it stays
    keeper.setFields({ description: 'x', severity: '' });
    await keeper.flush();
    keeper.setFields({ description: '', severity: '' });
    await keeper.flush();
    expect(await hasForm(db, KEY)).toBe(false);
    await keeper.addPhotos([photo('p')], { description: '', severity: '' });
    keeper.setFields({ description: '', severity: '' });
    await keeper.close();
    expect((await keeper.load())?.photos).toHaveLength(1);
  });

  it("is dropped when another user takes the phone (someone else's words are not theirs)", async () => {
    const db = await open();
    expect(await bindUser(db, 1)).toBe('bound');
    await addPhotos<Fields>(db, KEY, [photo('p')], { description: '一号的', severity: '' });
    expect(await bindUser(db, 1)).toBe('same');
    expect(await hasForm(db, KEY)).toBe(true);
    expect(await bindUser(db, 2)).toBe('switched');
    expect(await hasForm(db, KEY)).toBe(false);
    expect(await db.count('form_photos')).toBe(0);
  });
});

describe('space for a capture', () => {
  const MB = 1024 * 1024;
  it('warns below 50 MB or 5% free, and not when the browser cannot say', () => {
    expect(CAPTURE_MIN_FREE_BYTES).toBe(50 * MB);
    expect(captureSpaceLow({ usage: 980 * MB, quota: 1000 * MB, ratio: 0.98 })?.free).toBe(20 * MB);
    // 4% left
    expect(captureSpaceLow({ usage: 9_600 * MB, quota: 10_000 * MB, ratio: 0.96 })).not.toBeNull();
    expect(captureSpaceLow({ usage: 100 * MB, quota: 1000 * MB, ratio: 0.1 })).toBeNull();
    expect(captureSpaceLow(null)).toBeNull();
    expect(captureSpaceLow({ usage: 0, quota: 0, ratio: 0 })).toBeNull();
  });
  it('recognises quota errors', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(
      isQuotaError(new DOMException('Transaction aborted: quota exceeded', 'AbortError')),
    ).toBe(true);
    expect(isQuotaError(new Error('network'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
