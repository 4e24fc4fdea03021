/**
 * Reading the local database for the UI: a draft (an unconfirmed local change) shadows the
 * server's copy of the same record; and the sync notices the user has or has not seen.
 */
import type { Draft, Notice, RefusedChange, SyncDB } from './db';

// --- reading for the UI: drafts shadow the server's copy ----------------------------------

export interface LocalRecord<T = unknown> {
  type: string;
  id: string;
  data: T;
  /** The server's version, absent for a record only the phone has. */
  version?: number;
  /** True when a draft (an unconfirmed local change) is shown and may still be accepted. */
  pending: boolean;
  /** The server refused the change this draft shows (see `Draft.refused`). */
  refused?: RefusedChange;
}

function fromDraft<T>(draft: Draft, version: number | undefined): LocalRecord<T> {
  const refused = draft.refused;
  return {
    type: draft.type,
    id: draft.id,
    data: draft.data as T,
    version,
    pending: !refused,
    ...(refused ? { refused } : {}),
  };
}

export async function getRecord<T = unknown>(
  db: SyncDB,
  type: string,
  id: string,
): Promise<LocalRecord<T> | undefined> {
  const tx = db.transaction(['records', 'drafts']);
  const [record, draft] = await Promise.all([
    tx.objectStore('records').get([type, id]),
    tx.objectStore('drafts').get([type, id]),
  ]);
  await tx.done;
  if (draft) return fromDraft<T>(draft, record?.version);
  if (record) return { type, id, data: record.data as T, version: record.version, pending: false };
  return undefined;
}

export async function listRecords<T = unknown>(
  db: SyncDB,
  type: string,
): Promise<LocalRecord<T>[]> {
  const tx = db.transaction(['records', 'drafts']);
  const [records, drafts] = await Promise.all([
    tx.objectStore('records').index('by_type').getAll(type),
    tx.objectStore('drafts').index('by_type').getAll(type),
  ]);
  await tx.done;
  const out = new Map<string, LocalRecord<T>>();
  for (const r of records)
    out.set(r.id, { type, id: r.id, data: r.data as T, version: r.version, pending: false });
  for (const d of drafts) {
    out.set(d.id, fromDraft<T>(d, out.get(d.id)?.version));
  }
  return [...out.values()];
}

/** Forget a refused draft (the user read why and let it go). Drafts still pending are kept. */
export async function discardRefusedDraft(db: SyncDB, type: string, id: string): Promise<boolean> {
  const tx = db.transaction('drafts', 'readwrite');
  const draft = await tx.store.get([type, id]);
  const refused = !!draft?.refused;
  if (refused) await tx.store.delete([type, id]);
  await tx.done;
  return refused;
}

// --- notices ---------------------------------------------------------------------------------

export async function listNotices(
  db: SyncDB,
  opts: { unseenOnly?: boolean } = {},
): Promise<Notice[]> {
  const all = await db.getAll('notices');
  all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return opts.unseenOnly ? all.filter((n) => !n.seen) : all;
}

export async function markNoticesSeen(db: SyncDB, keys: string[]): Promise<void> {
  const tx = db.transaction('notices', 'readwrite');
  for (const key of keys) {
    const notice = await tx.store.get(key);
    if (notice && !notice.seen) await tx.store.put({ ...notice, seen: true });
  }
  await tx.done;
}
