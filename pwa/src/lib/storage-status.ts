/** How much room the app has on the device, and when that is too little. */

/** Warn when less than this is left … */
export const LOW_FREE_BYTES = 200 * 1024 * 1024;
/** … or less than this share of the quota. */
export const LOW_FREE_RATIO = 0.1;

export interface StorageStatus {
  usage: number;
  quota: number;
  free: number;
  /** free / quota, 0…1 */
  freeRatio: number;
  low: boolean;
}

/** From `navigator.storage.estimate()` figures; null when the browser cannot say. */
export function storageStatus(
  estimate: { usage: number; quota: number } | null,
): StorageStatus | null {
  if (!estimate || !(estimate.quota > 0)) return null;
  const usage = Math.max(0, estimate.usage);
  const free = Math.max(0, estimate.quota - usage);
  const freeRatio = free / estimate.quota;
  return {
    usage,
    quota: estimate.quota,
    free,
    freeRatio,
    low: free < LOW_FREE_BYTES || freeRatio < LOW_FREE_RATIO,
  };
}

/** "850 KB", "12.3 MB", "1.20 GB" (binary units, as phones show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb.toFixed(0)} KB`;
  const mb = kb / 1024;
  if (mb < 1024) return `${mb < 10 ? mb.toFixed(1) : mb.toFixed(0)} MB`;
  return `${(mb / 1024).toFixed(2)} GB`;
}
