import { freshDbName } from './setup';
import { afterEach, describe, expect, it } from 'vitest';
import { openSyncDb, type SyncDB } from '../../src/sync/db';
import { pruneUploadedBlobs } from '../../src/sync/storage';

const open: SyncDB[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function withBlobs(): Promise<SyncDB> {
  const db = await openSyncDb({ name: freshDbName() });
  open.push(db);
  const bytes = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
  await db.put('blobs', {
    sha256: 'a'.repeat(64),
    size: 3,
    type: 'image/jpeg',
    bytes,
    uploaded: true,
    created_at: 1_000,
  });
  await db.put('blobs', {
    sha256: 'b'.repeat(64),
    size: 3,
    type: 'image/jpeg',
    bytes,
    uploaded: false,
    created_at: 1_000,
  });
  await db.put('blobs', {
    sha256: 'c'.repeat(64),
    size: 3,
    type: 'image/jpeg',
    bytes,
    uploaded: true,
    created_at: 9_000,
  });
  return db;
}

describe('pruneUploadedBlobs', () => {
  it('frees only bytes the server already has, old enough', async () => {
    const db = await withBlobs();
    expect(await pruneUploadedBlobs(db, 5_000, 10_000)).toBe(1);
    expect((await db.getAllKeys('blobs')).sort()).toEqual(['b'.repeat(64), 'c'.repeat(64)]);
  });

  it('never frees bytes still waiting for upload', async () => {
    const db = await withBlobs();
    expect(await pruneUploadedBlobs(db)).toBe(2);
    expect(await db.getAllKeys('blobs')).toEqual(['b'.repeat(64)]);
  });
});
