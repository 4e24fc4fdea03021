/**
 * The phone's local database (IndexedDB through `idb`): the server-mirrored records, the
 * drafts not yet confirmed, the outbox of mutations, photo bytes, notices and sync metadata.
 *
 * Schema versions are upgraded one step at a time by {@link UPGRADES}: version N's function
 * only ever runs on a database at version N-1, inside the upgrade transaction, so v2 can move
 * or rewrite v1's data (read it with `tx.objectStore(...)`) without losing any of it. Never
 * edit a released step; add the next one and bump {@link DB_VERSION}.
 */
import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { FormPhotoRecord, FormRecord } from './forms';

export const DB_NAME = 'xianchang';
export const DB_VERSION = 2;

/** Record types the server sends in pull (`changes[].type`). */
export const RECORD_TYPES = [
  'template',
  'project',
  'inspection',
  'photo',
  'issue',
  'report',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** A `{lat, lon, accuracy_m, at}` fix (WGS84 degrees, metres, ISO 8601). */
export interface GeoFix {
  lat: number;
  lon: number;
  accuracy_m?: number | null;
  at?: string | null;
}

/** The server-mirrored copy of one record, as the last pull delivered it. */
export interface ServerRecord<T = unknown> {
  type: string;
  id: string;
  version: number;
  data: T;
}

/** A local record (created or edited on the phone) the server has not confirmed yet. */
export interface Draft<T = unknown> {
  type: string;
  id: string;
  data: T;
  /** The latest outbox mutation that wrote this draft: it is dropped once that one is acknowledged
   * and the server's record has arrived. */
  mutation_id: number;
  updated_at: string;
  /** Set when the server refused the change and will never send this record: the phone keeps
   * what the user entered and shows why, until the user discards it. */
  refused?: RefusedChange;
}

export interface RefusedChange {
  code: string;
  message: string;
}

export interface OutboxEntry {
  /** 1, 2, 3 … per client, never reused. */
  id: number;
  name: string;
  args: Record<string, unknown>;
  /** When the user did it (ISO 8601), sent to the server. */
  client_time: string;
  /** Epoch milliseconds when it was queued. */
  created_at: number;
  /** How many pushes carried it. */
  attempts: number;
  last_error?: string;
}

export interface BlobRecord {
  sha256: string;
  size: number;
  type: string;
  bytes: Blob;
  /** True once the server has the bytes (HEAD 200 or a finished tus upload). */
  uploaded: boolean;
  /** The tus upload URL while an upload is under way (resume after a restart). */
  upload_url?: string;
  created_at?: number;
  attempts?: number;
  last_error?: string;
  /**
   * Set when the server refused the bytes for good (not a photo, too large, corrupt): no retries.
   */
  failed?: { code: string; message: string };
  /**
   * Set when the original bytes were dropped to free space (the server has the photo, ready):
   * `bytes` then holds a small thumbnail only (storage.ts `freeSpaceIfLow`).
   */
  thumbnail_only?: boolean;
}

export type NoticeKind = 'rejected' | 'conflict' | 'upload';

/** Something the user must see: a rejected or conflicting mutation, a photo the server refused. */
export interface Notice {
  /** `m:<mutation id>` or `b:<sha256>`: one notice per mutation / blob. */
  key: string;
  kind: NoticeKind;
  code: string;
  /** The server's message, in Chinese unless the user chose English. */
  message: string;
  at: string;
  mutation_id?: number;
  name?: string;
  args?: Record<string, unknown>;
  /** The record the mutation was about, when known. */
  target?: { type: string; id: string };
  sha256?: string;
  seen: boolean;
}

/** What `meta` holds (one row per key). */
export interface MetaValues {
  client_id: string;
  cookie: string | null;
  last_mutation_id: number;
  next_mutation_id: number;
  last_sync_at: string | null;
  user_id: number | string | null;
  /** Upload photos as taken (no downscale). */
  keep_originals: boolean;
  /** 保留原图: keep each photo's bytes on the phone after upload, even when space runs low. */
  keep_local_photos: boolean;
}
export type MetaKey = keyof MetaValues;

export interface SyncSchema extends DBSchema {
  records: { key: [string, string]; value: ServerRecord; indexes: { by_type: string } };
  drafts: {
    key: [string, string];
    value: Draft;
    indexes: { by_type: string; by_mutation: number };
  };
  outbox: { key: number; value: OutboxEntry };
  blobs: { key: string; value: BlobRecord };
  meta: { key: string; value: unknown };
  notices: { key: string; value: Notice; indexes: { by_mutation: number } };
  /** v2: an unsaved form's fields (forms.ts), by form key such as `problem:<inspection id>`. */
  forms: { key: string; value: FormRecord };
  /** v2: the photos chosen in an unsaved form, bytes as picked, by id. */
  form_photos: { key: string; value: FormPhotoRecord; indexes: { by_form: string } };
}

export type SyncDB = IDBPDatabase<SyncSchema>;
type UpgradeTx = IDBPTransaction<SyncSchema, StoreNames<SyncSchema>[], 'versionchange'>;
type Upgrade = (db: SyncDB, tx: UpgradeTx) => void;

/** Step N takes a database at version N-1 to version N. */
export const UPGRADES: Readonly<Record<number, Upgrade>> = {
  1: (db) => {
    const records = db.createObjectStore('records', { keyPath: ['type', 'id'] });
    records.createIndex('by_type', 'type');
    const drafts = db.createObjectStore('drafts', { keyPath: ['type', 'id'] });
    drafts.createIndex('by_type', 'type');
    drafts.createIndex('by_mutation', 'mutation_id');
    db.createObjectStore('outbox', { keyPath: 'id' });
    db.createObjectStore('blobs', { keyPath: 'sha256' });
    db.createObjectStore('meta');
    const notices = db.createObjectStore('notices', { keyPath: 'key' });
    notices.createIndex('by_mutation', 'mutation_id');
  },
  // unsaved forms and their photos, so a reload before 保存 loses nothing (forms.ts)
  2: (db) => {
    db.createObjectStore('forms', { keyPath: 'key' });
    const photos = db.createObjectStore('form_photos', { keyPath: 'id' });
    photos.createIndex('by_form', 'form_key');
  },
};

/** Run the upgrade steps from `oldVersion` + 1 to `newVersion` in order (exported for tests). */
export function runUpgrades(
  db: SyncDB,
  oldVersion: number,
  newVersion: number,
  tx: UpgradeTx,
): void {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = UPGRADES[version];
    if (!step) throw new Error(`no upgrade step to IndexedDB schema version ${version}`);
    step(db, tx);
  }
}

export interface OpenOptions {
  name?: string;
  /** Another tab needs a newer schema: we close (default) so it can upgrade; reload to follow. */
  onVersionChange?: () => void;
}

/** Open (creating or upgrading) the database and make sure it has a client id. */
export async function openSyncDb(opts: OpenOptions = {}): Promise<SyncDB> {
  const db = await openDB<SyncSchema>(opts.name ?? DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, newVersion, tx) {
      runUpgrades(database, oldVersion, newVersion ?? DB_VERSION, tx);
    },
    blocking() {
      db.close();
      opts.onVersionChange?.();
    },
  });
  await ensureClientId(db);
  return db;
}

/**
 * Run `body` in `tx` and wait for the commit; if `body` throws (even synchronously, e.g. a
 * DataError for a bad key, which IndexedDB does not turn into an abort) the transaction is
 * aborted, so none of its writes land.
 */
export async function atomically<T>(
  tx: { done: Promise<void>; abort(): void },
  body: () => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    result = await body();
  } catch (err) {
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      /* already finished or aborted */
    }
    throw err;
  }
  await tx.done;
  return result;
}

export function newUuid(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const META_DEFAULTS: { [K in MetaKey]: MetaValues[K] } = {
  client_id: '',
  cookie: null,
  last_mutation_id: 0,
  next_mutation_id: 1,
  last_sync_at: null,
  user_id: null,
  keep_originals: false,
  keep_local_photos: false,
};

/** The client id, generated on first use and kept for the life of the install (or user). */
export async function ensureClientId(db: SyncDB): Promise<string> {
  const tx = db.transaction('meta', 'readwrite');
  let id = (await tx.store.get('client_id')) as string | undefined;
  if (!id) {
    id = newUuid();
    await tx.store.put(id, 'client_id');
  }
  await tx.done;
  return id;
}

export async function getMeta<K extends MetaKey>(db: SyncDB, key: K): Promise<MetaValues[K]> {
  const value = (await db.get('meta', key)) as MetaValues[K] | undefined;
  return value === undefined ? META_DEFAULTS[key] : value;
}

export async function setMeta<K extends MetaKey>(
  db: SyncDB,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.put('meta', value, key);
}

/**
 * Bind the install to a user. A different user than the one bound gets a fresh client id and an
 * empty mirror — unless the previous user's outbox still holds mutations: those cannot be pushed
 * as someone else, so nothing is changed and `'blocked'` is answered (the UI asks the previous
 * user to log in and sync first).
 */
export type BindOutcome = 'same' | 'bound' | 'switched' | 'blocked';

export async function bindUser(db: SyncDB, userId: number | string): Promise<BindOutcome> {
  const tx = db.transaction(
    ['meta', 'outbox', 'records', 'drafts', 'notices', 'forms', 'form_photos'],
    'readwrite',
  );
  return atomically(tx, async () => {
    const meta = tx.objectStore('meta');
    const current = (await meta.get('user_id')) as number | string | null | undefined;
    if (current === userId) return 'same';
    if (current === undefined || current === null) {
      await meta.put(userId, 'user_id');
      return 'bound';
    }
    if ((await tx.objectStore('outbox').count()) > 0) return 'blocked';
    await tx.objectStore('records').clear();
    await tx.objectStore('drafts').clear();
    await tx.objectStore('notices').clear();
    // another person's unsaved forms are theirs, not the new user's
    await tx.objectStore('forms').clear();
    await tx.objectStore('form_photos').clear();
    const fresh: Partial<MetaValues> = {
      client_id: newUuid(),
      user_id: userId,
      cookie: null,
      last_mutation_id: 0,
      next_mutation_id: 1,
      last_sync_at: null,
    };
    for (const [key, value] of Object.entries(fresh)) await meta.put(value, key);
    return 'switched';
  });
}

// reading for the UI and the notices live in ./records; re-exported for the modules that read them here
export {
  discardRefusedDraft,
  getRecord,
  listNotices,
  listRecords,
  markNoticesSeen,
  type LocalRecord,
} from './records';
