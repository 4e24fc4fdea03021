/** Is there room for the next photo? Checked before each capture (photo pickers, forms). */
import { estimateStorage, type StorageEstimateResult } from '../sync/storage';
import { storageStatus, type StorageStatus } from './storage-status';

/**
 * Warn before a capture below 50 MB or 5% of the quota free: a photo as taken is 3–8 MB and is
 * kept twice until 保存 (the form's copy and the ≤1600 px upload), so 50 MB is a handful of photos
 * — enough to finish the form, not enough to go on for a day (Settings warns earlier, at 200 MB).
 */
export const CAPTURE_MIN_FREE_BYTES = 50 * 1024 * 1024;
export const CAPTURE_MIN_FREE_RATIO = 0.05;

/**
 * The storage status when space is low for a capture, else null (also when the browser cannot say).
 */
export function captureSpaceLow(estimate: StorageEstimateResult | null): StorageStatus | null {
  const status = storageStatus(estimate);
  if (!status) return null;
  return status.free < CAPTURE_MIN_FREE_BYTES || status.freeRatio < CAPTURE_MIN_FREE_RATIO
    ? status
    : null;
}

export async function checkCaptureSpace(
  estimate: () => Promise<StorageEstimateResult | null> = estimateStorage,
): Promise<StorageStatus | null> {
  return captureSpaceLow(await estimate());
}
