import { freshDbName } from './setup';
import { afterEach, describe, expect, it } from 'vitest';
import { storageStatus } from '../../src/lib/storage-status';
import { openSyncDb, setMeta, type SyncDB } from '../../src/sync/db';
import { freeSpaceIfLow } from '../../src/sync/storage';

const open: SyncDB[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const MB = 1024 * 1024;
const LOW = async () => ({ usage: 950 * MB, quota: 1000 * MB, ratio: 0.95 });
const ROOMY = async () => ({ usage: 100 * MB, quota: 1000 * MB, ratio: 0.1 });
const isLow = (e: { usage: number; quota: number }) => storageStatus(e)?.low ?? false;
const thumbnail = async () => new Blob([new Uint8Array(10)], { type: 'image/jpeg' });
const sha = (c: string) => c.repeat(64);

/** Three photos of 5000 bytes: a is on the server (ready), b uploaded but still pending there,
 * c not uploaded yet. */
async function phone(): Promise<SyncDB> {
  const db = await openSyncDb({ name: freshDbName() });
  open.push(db);
  const bytes = new Blob([new Uint8Array(5000)], { type: 'image/jpeg' });
  for (const [c, uploaded, status] of [
    ['a', true, 'ready'],
    ['b', true, 'pending'],
    ['c', false, 'pending'],
  ] as const) {
    await db.put('blobs', { sha256: sha(c), size: 5000, type: 'image/jpeg', bytes, uploaded });
    await db.put('records', {
      type: 'photo',
      id: `p-${c}`,
      version: 1,
      data: { id: `p-${c}`, sha256: sha(c), status },
    });
  }
  return db;
}

describe('freeing space once the server has the photos', () => {
  it('keeps only a thumbnail of a photo the server has ready, when space is low', async () => {
    const db = await phone();
    expect(await freeSpaceIfLow(db, { estimate: LOW, isLow, thumbnail })).toBe(1);
    const a = (await db.get('blobs', sha('a')))!;
    expect(a).toMatchObject({ uploaded: true, thumbnail_only: true });
    expect(a.bytes.size).toBe(10);
    // not ready on the server, or not sent: the original stays
    expect((await db.get('blobs', sha('b')))!.bytes.size).toBe(5000);
    expect((await db.get('blobs', sha('c')))!.bytes.size).toBe(5000);
    // done once
    expect(await freeSpaceIfLow(db, { estimate: LOW, isLow, thumbnail })).toBe(0);
  });

  it('leaves everything while there is room', async () => {
    const db = await phone();
    expect(await freeSpaceIfLow(db, { estimate: ROOMY, isLow, thumbnail })).toBe(0);
    expect((await db.get('blobs', sha('a')))!.bytes.size).toBe(5000);
  });

  it('keeps the originals when the user chose 保留原图', async () => {
    const db = await phone();
    await setMeta(db, 'keep_local_photos', true);
    expect(await freeSpaceIfLow(db, { estimate: LOW, isLow, thumbnail })).toBe(0);
    expect((await db.get('blobs', sha('a')))!.thumbnail_only).toBeUndefined();
  });

  it('keeps the original when no thumbnail can be made', async () => {
    const db = await phone();
    const broken = async () => {
      throw new Error('cannot decode');
    };
    expect(await freeSpaceIfLow(db, { estimate: LOW, isLow, thumbnail: broken })).toBe(0);
    expect((await db.get('blobs', sha('a')))!.bytes.size).toBe(5000);
  });
});
