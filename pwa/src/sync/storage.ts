/** The phone's storage: persistence, how much is used, and freeing photo bytes already uploaded. */
import { getMeta, type BlobRecord, type SyncDB } from './db';
import { downscale } from './photos';

/**
 * Ask the browser to keep our storage under pressure (`navigator.storage.persist()`).
 * True when storage is (now) persistent, false when refused or unsupported.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage || typeof storage.persist !== 'function') return false;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

export interface StorageEstimateResult {
  usage: number;
  quota: number;
  /** usage / quota, 0…1 (0 when the quota is unknown). */
  ratio: number;
}

/** How much this origin uses and may use, or null when the browser cannot say. */
export async function estimateStorage(): Promise<StorageEstimateResult | null> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage || typeof storage.estimate !== 'function') return null;
  try {
    const { usage = 0, quota = 0 } = await storage.estimate();
    return { usage, quota, ratio: quota > 0 ? usage / quota : 0 };
  } catch {
    return null;
  }
}

/** Drop the bytes of photos the server has (after `olderThanMs`, default: all of them). */
export async function pruneUploadedBlobs(
  db: SyncDB,
  olderThanMs = 0,
  now = Date.now(),
): Promise<number> {
  const tx = db.transaction('blobs', 'readwrite');
  let removed = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const blob = cursor.value;
    if (blob.uploaded && now - (blob.created_at ?? 0) >= olderThanMs) {
      await cursor.delete();
      removed++;
    }
  }
  await tx.done;
  return removed;
}

/** The thumbnail kept in place of a photo's dropped bytes: 320 px on the long side. */
export const THUMBNAIL_SIDE = 320;

export interface FreeSpaceOptions {
  /** The storage figures (default `estimateStorage()`); null when unknown. */
  estimate?: () => Promise<StorageEstimateResult | null>;
  /** When space is low (default: the warning's rule in lib/storage-status.ts, passed in). */
  isLow: (estimate: StorageEstimateResult) => boolean;
  /** Make the thumbnail (default: downscale to {@link THUMBNAIL_SIDE}). */
  thumbnail?: (bytes: Blob) => Promise<Blob>;
}

/**
 * When storage is low, drop the original bytes of photos the server has (uploaded, and its
 * record says `ready`), keeping a small thumbnail so the phone still shows them offline —
 * unless the user chose 保留原图 (`keep_local_photos`). Returns how many were dropped.
 */
export async function freeSpaceIfLow(db: SyncDB, opts: FreeSpaceOptions): Promise<number> {
  if (await getMeta(db, 'keep_local_photos')) return 0;
  const estimate = await (opts.estimate ?? estimateStorage)();
  if (!estimate || !opts.isLow(estimate)) return 0;
  const ready = new Set<string>();
  for (const rec of await db.getAllFromIndex('records', 'by_type', 'photo')) {
    const data = rec.data as { sha256?: string; status?: string };
    if (data.sha256 && data.status === 'ready') ready.add(data.sha256);
  }
  const thumbnail = opts.thumbnail ?? ((bytes: Blob) => downscale(bytes, THUMBNAIL_SIDE, 0.7));
  let dropped = 0;
  for (const blob of await db.getAll('blobs')) {
    if (!blob.uploaded || blob.thumbnail_only || !ready.has(blob.sha256)) continue;
    let thumb: Blob;
    try {
      thumb = await thumbnail(blob.bytes);
    } catch {
      continue; // keep the original rather than lose the picture
    }
    if (thumb.size >= blob.bytes.size) continue;
    const tx = db.transaction('blobs', 'readwrite');
    const current = await tx.store.get(blob.sha256);
    if (current?.uploaded && !current.thumbnail_only) {
      const next: BlobRecord = { ...current, bytes: thumb, thumbnail_only: true };
      await tx.store.put(next);
      dropped++;
    }
    await tx.done;
  }
  return dropped;
}
