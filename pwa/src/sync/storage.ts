/** The phone's storage: persistence, how much is used, and freeing photo bytes already uploaded. */
import type { SyncDB } from './db';

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
