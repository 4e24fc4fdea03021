import { freshDbName } from './setup';
import { describe, expect, it } from 'vitest';
import { getMeta, openSyncDb, setMeta, bindUser } from '../../src/sync/db';
import { acknowledge, count, enqueue, pending, recordFailure } from '../../src/sync/outbox';

const INSPECTION = '11111111-1111-4111-8111-111111111111';

describe('outbox', () => {
  it('gives ids 1, 2, 3 … that keep growing across a restart', async () => {
    const name = freshDbName();
    let db = await openSyncDb({ name });
    const clientId = await getMeta(db, 'client_id');
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    const a = await enqueue(db, 'inspection.create', {
      id: INSPECTION,
      project_id: 1,
      kind: 'routine',
    });
    const b = await enqueue(db, 'answer.set', {
      inspection_id: INSPECTION,
      item_id: 'q1',
      value: true,
    });
    expect([a.id, b.id]).toEqual([1, 2]);
    db.close();

    db = await openSyncDb({ name });
    expect(await getMeta(db, 'client_id')).toBe(clientId);
    expect((await pending(db)).map((m) => m.id)).toEqual([1, 2]);
    const c = await enqueue(db, 'inspection.submit', { inspection_id: INSPECTION });
    expect(c.id).toBe(3);
    // acknowledged ids are never reused either
    await acknowledge(db, 3);
    db.close();
    db = await openSyncDb({ name });
    expect((await enqueue(db, 'issue.comment', { issue_id: INSPECTION, body: 'x' })).id).toBe(4);
    db.close();
  });

  it('acknowledge deletes only entries with id ≤ the acknowledged one', async () => {
    const db = await openSyncDb({ name: freshDbName() });
    for (let i = 0; i < 5; i++)
      await enqueue(db, 'issue.comment', { issue_id: INSPECTION, body: `c${i}` });
    expect(await acknowledge(db, 3)).toBe(3);
    expect((await pending(db)).map((m) => m.id)).toEqual([4, 5]);
    expect(await getMeta(db, 'last_mutation_id')).toBe(3);
    // an older acknowledgement changes nothing
    expect(await acknowledge(db, 2)).toBe(0);
    expect(await getMeta(db, 'last_mutation_id')).toBe(3);
    expect(await count(db)).toBe(2);
    await recordFailure(db, [4], 'network_error');
    const [four] = await pending(db, 1);
    expect(four).toMatchObject({ id: 4, attempts: 1, last_error: 'network_error' });
    db.close();
  });

  it('writes the draft and its mutation in one transaction', async () => {
    const db = await openSyncDb({ name: freshDbName() });
    const entry = await enqueue(
      db,
      'inspection.create',
      { id: INSPECTION, project_id: 1, kind: 'routine' },
      {
        drafts: [{ type: 'inspection', id: INSPECTION, data: { id: INSPECTION, status: 'draft' } }],
      },
    );
    expect(await db.get('drafts', ['inspection', INSPECTION])).toMatchObject({
      mutation_id: entry.id,
    });

    // a draft that cannot be stored (no key) aborts the whole enqueue: no entry, no id used
    await expect(
      enqueue(
        db,
        'inspection.update',
        { inspection_id: INSPECTION },
        {
          drafts: [{ type: undefined as unknown as string, id: INSPECTION, data: {} }],
        },
      ),
    ).rejects.toBeTruthy();
    expect(await count(db)).toBe(1);
    expect(await getMeta(db, 'next_mutation_id')).toBe(2);
    expect((await enqueue(db, 'inspection.submit', { inspection_id: INSPECTION })).id).toBe(2);
    db.close();
  });

  it('refuses unknown mutation names and non-object args', async () => {
    const db = await openSyncDb({ name: freshDbName() });
    await expect(enqueue(db, 'inspection.delete', {})).rejects.toThrow(/unknown mutation/);
    await expect(
      enqueue(db, 'issue.comment', [] as unknown as Record<string, unknown>),
    ).rejects.toThrow(TypeError);
    expect(await count(db)).toBe(0);
    db.close();
  });

  it('binds to a user and will not switch users over a non-empty outbox', async () => {
    const db = await openSyncDb({ name: freshDbName() });
    expect(await bindUser(db, 7)).toBe('bound');
    expect(await bindUser(db, 7)).toBe('same');
    const first = await getMeta(db, 'client_id');
    await enqueue(db, 'issue.comment', { issue_id: INSPECTION, body: 'x' });
    expect(await bindUser(db, 8)).toBe('blocked');
    expect(await getMeta(db, 'client_id')).toBe(first);
    await acknowledge(db, 1);
    await setMeta(db, 'cookie', 'c.5.0');
    expect(await bindUser(db, 8)).toBe('switched');
    expect(await getMeta(db, 'client_id')).not.toBe(first);
    expect(await getMeta(db, 'cookie')).toBeNull();
    expect((await enqueue(db, 'issue.comment', { issue_id: INSPECTION, body: 'y' })).id).toBe(1);
    db.close();
  });
});

describe('schema upgrades', () => {
  it('lets a later version migrate v1 data step by step without losing it', async () => {
    const { openDB } = await import('idb');
    const { runUpgrades, DB_VERSION } = await import('../../src/sync/db');
    const next = DB_VERSION + 1;
    const name = freshDbName();
    const v1 = await openSyncDb({ name });
    await enqueue(v1, 'issue.comment', { issue_id: INSPECTION, body: 'kept' });
    await v1.put('records', { type: 'project', id: '1', version: 3, data: { name: 'p' } });
    v1.close();

    // what the next version would do: the released steps (none here, already applied), then its own
    const v2 = await openDB(name, next, {
      upgrade(db, oldVersion, _newVersion, tx) {
        runUpgrades(db as never, oldVersion, DB_VERSION, tx as never);
        if (oldVersion < next) tx.objectStore('records').createIndex('by_version', 'version');
      },
    });
    expect(await v2.getAll('outbox')).toMatchObject([{ id: 1, args: { body: 'kept' } }]);
    expect(await v2.getAllFromIndex('records', 'by_version', 3)).toHaveLength(1);
    v2.close();
  });
});
