/**
 * The outbox: mutations waiting for the server, ids 1, 2, 3 … per client.
 *
 * `enqueue` allocates the id and writes the entry, its drafts and any photo bytes in ONE
 * IndexedDB transaction: after a crash either all of them are there or none. Only
 * `acknowledge` deletes entries, and only those the server confirmed (id ≤ its
 * `last_mutation_id`).
 */
import { atomically, type BlobRecord, type Draft, type OutboxEntry, type SyncDB } from './db';

/** Mutation names of sync protocol v1 (DESIGN.md). */
export const MUTATION_NAMES = [
  'inspection.create',
  'inspection.update',
  'inspection.submit',
  'answer.set',
  'photo.attach',
  'issue.create',
  'issue.transition',
  'issue.comment',
  'issue.extension_request',
  'report.create',
  'report.rate',
] as const;
export type MutationName = (typeof MUTATION_NAMES)[number];

/** A local record to write (or, with `data: undefined` and `remove`, delete) with the mutation. */
export interface DraftWrite {
  type: string;
  id: string;
  data?: unknown;
  /** Delete the draft instead (e.g. the user discarded a local record). */
  remove?: boolean;
}

export interface EnqueueOptions {
  drafts?: DraftWrite[];
  /** Photo bytes to keep until the server has them (an existing record for the sha256 is kept). */
  blobs?: BlobRecord[];
  /** The user's time of the action; defaults to now. */
  clientTime?: Date;
  now?: () => number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Queue one mutation; resolves with its entry (whose `id` is the new mutation id). */
export async function enqueue(
  db: SyncDB,
  name: MutationName | string,
  args: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<OutboxEntry> {
  if (!(MUTATION_NAMES as readonly string[]).includes(name))
    throw new Error(`unknown mutation ${name}`);
  if (!isPlainObject(args)) throw new TypeError('mutation args must be a plain object');
  // a JSON round trip: what we store is exactly what the server will get (no Dates, no Blobs)
  const plainArgs = JSON.parse(JSON.stringify(args)) as Record<string, unknown>;
  const nowMs = (opts.now ?? Date.now)();
  const clientTime = (opts.clientTime ?? new Date(nowMs)).toISOString();

  const tx = db.transaction(['outbox', 'drafts', 'meta', 'blobs'], 'readwrite');
  return atomically(tx, async () => {
    const meta = tx.objectStore('meta');
    const stored = (await meta.get('next_mutation_id')) as number | undefined;
    const acked = ((await meta.get('last_mutation_id')) as number | undefined) ?? 0;
    const id = Math.max(stored ?? 1, acked + 1);
    const entry: OutboxEntry = {
      id,
      name,
      args: plainArgs,
      client_time: clientTime,
      created_at: nowMs,
      attempts: 0,
    };
    await tx.objectStore('outbox').add(entry);
    await meta.put(id + 1, 'next_mutation_id');
    const drafts = tx.objectStore('drafts');
    for (const draft of opts.drafts ?? []) {
      if (draft.remove) await drafts.delete([draft.type, draft.id]);
      else {
        const value: Draft = {
          type: draft.type,
          id: draft.id,
          data: draft.data,
          mutation_id: id,
          updated_at: clientTime,
        };
        await drafts.put(value);
      }
    }
    const blobs = tx.objectStore('blobs');
    for (const blob of opts.blobs ?? []) {
      if (!(await blobs.getKey(blob.sha256))) await blobs.put({ created_at: nowMs, ...blob });
    }
    return entry;
  });
}

/** Every queued mutation, oldest first (`limit` for one push batch). */
export async function pending(db: SyncDB, limit?: number): Promise<OutboxEntry[]> {
  return db.getAll('outbox', undefined, limit);
}

export async function count(db: SyncDB): Promise<number> {
  return db.count('outbox');
}

/**
 * The server applied (or recorded as rejected) every mutation up to `lastMutationId`: delete
 * those entries and remember the id. The only place outbox entries are deleted.
 */
export async function acknowledge(db: SyncDB, lastMutationId: number): Promise<number> {
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  return atomically(tx, async () => {
    const meta = tx.objectStore('meta');
    const outbox = tx.objectStore('outbox');
    let removed = 0;
    if (lastMutationId >= 1) {
      removed = await outbox.count(IDBKeyRange.upperBound(lastMutationId));
      if (removed) await outbox.delete(IDBKeyRange.upperBound(lastMutationId));
    }
    const known = ((await meta.get('last_mutation_id')) as number | undefined) ?? 0;
    if (lastMutationId > known) await meta.put(lastMutationId, 'last_mutation_id');
    // ids the server already counts must never be handed out again
    const next = ((await meta.get('next_mutation_id')) as number | undefined) ?? 1;
    if (next <= lastMutationId) await meta.put(lastMutationId + 1, 'next_mutation_id');
    return removed;
  });
}

/** A push that carried `ids` failed (no answer, or an error): count it and keep the error.
 * Never deletes anything. */
export async function recordFailure(db: SyncDB, ids: number[], error: string): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  for (const id of ids) {
    const entry = await tx.store.get(id);
    if (entry) await tx.store.put({ ...entry, attempts: entry.attempts + 1, last_error: error });
  }
  await tx.done;
}

/** The record a mutation is about (for notices and the UI), when its args say. */
export function mutationTarget(
  name: string,
  args: Record<string, unknown>,
): { type: string; id: string } | undefined {
  const pick = (type: string, key: string) => {
    const value = args[key];
    return typeof value === 'string' || typeof value === 'number'
      ? { type, id: String(value) }
      : undefined;
  };
  switch (name) {
    case 'inspection.create':
      return pick('inspection', 'id');
    case 'inspection.update':
    case 'inspection.submit':
    case 'answer.set':
      return pick('inspection', 'inspection_id');
    case 'photo.attach':
      return pick('photo', 'id');
    case 'issue.create':
      return pick('issue', 'id');
    case 'issue.transition':
    case 'issue.comment':
    case 'issue.extension_request':
      return pick('issue', 'issue_id');
    case 'report.create':
      return pick('report', 'id');
    case 'report.rate':
      return pick('report', 'report_id');
    default:
      return undefined;
  }
}
