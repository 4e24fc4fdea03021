/**
 * Capture: a photo's bytes kept on the phone and `photo.attach` queued for them, in one
 * transaction; at most once per photo id.
 */
import {
  getMeta,
  newUuid,
  setMeta,
  type BlobRecord,
  type GeoFix,
  type OutboxEntry,
  type SyncDB,
} from './db';
import { enqueue, type EnqueueOptions } from './outbox';
import { downscale, readBytes, sha256Hex, sniffImageType, type DownscaleOptions } from './photos';

export type PhotoOwnerType = 'inspection' | 'issue' | 'report' | 'event';

export interface CaptureOptions extends DownscaleOptions {
  /** Upload the file as taken; defaults to the `keep_originals` setting in `meta`. */
  keepOriginals?: boolean;
  /** When the photo was taken (ISO 8601); defaults to the file's lastModified, else now. */
  takenAt?: string;
  /** The photo's id. A form passes its own photo's id, so that capturing the same photo again
   * (保存 retried after a reload or a killed tab) queues nothing twice. */
  photoId?: string;
  now?: EnqueueOptions['now'];
}

export interface CapturedPhoto {
  photoId: string;
  sha256: string;
  size: number;
  contentType: string;
  /** The queued `photo.attach`; null when this photo id was captured before. */
  mutation: OutboxEntry | null;
}

export function getKeepOriginals(db: SyncDB): Promise<boolean> {
  return getMeta(db, 'keep_originals');
}

export function setKeepOriginals(db: SyncDB, keep: boolean): Promise<void> {
  return setMeta(db, 'keep_originals', keep);
}

/**
 * Keep a photo's bytes on the phone and queue `photo.attach` for it, in one transaction (plus a
 * `photo` draft so the UI shows it at once). The sha256 is that of the bytes that will be uploaded.
 * Call the sync engine's `notifyChange()` afterwards.
 */
export async function capturePhoto(
  db: SyncDB,
  file: Blob,
  ownerType: PhotoOwnerType,
  ownerId: string,
  location: GeoFix | null,
  opts: CaptureOptions = {},
): Promise<CapturedPhoto> {
  if (opts.photoId) {
    const earlier = await capturedBefore(db, opts.photoId);
    if (earlier) return earlier;
  }
  const keep = opts.keepOriginals ?? (await getKeepOriginals(db));
  const bytes = keep ? file : await downscale(file, opts.maxSide, opts.quality, opts);
  const head = await readBytes(bytes.slice(0, 16));
  const contentType =
    (bytes.type.startsWith('image/') ? bytes.type : null) ?? sniffImageType(head) ?? 'image/jpeg';
  const sha256 = await sha256Hex(bytes);
  const photoId = opts.photoId ?? newUuid();
  const lastModified = (file as Partial<File>).lastModified;
  const takenAt =
    opts.takenAt ?? (lastModified ? new Date(lastModified) : new Date()).toISOString();
  const args = {
    id: photoId,
    sha256,
    size: bytes.size,
    content_type: contentType,
    owner_type: ownerType,
    owner_id: ownerId,
    taken_at: takenAt,
    location: location ?? null,
  };
  const blob: BlobRecord = { sha256, size: bytes.size, type: contentType, bytes, uploaded: false };
  const mutation = await enqueue(db, 'photo.attach', args, {
    blobs: [blob],
    drafts: [{ type: 'photo', id: photoId, data: { ...args, status: 'pending' } }],
    now: opts.now,
  });
  return { photoId, sha256, size: bytes.size, contentType, mutation };
}

/** The photo already queued (a draft) or on the server (a record) under `photoId`. */
async function capturedBefore(db: SyncDB, photoId: string): Promise<CapturedPhoto | null> {
  const known =
    (await db.get('drafts', ['photo', photoId])) ?? (await db.get('records', ['photo', photoId]));
  if (!known) return null;
  const data = known.data as { sha256: string; size: number; content_type: string };
  return {
    photoId,
    sha256: data.sha256,
    size: data.size,
    contentType: data.content_type,
    mutation: null,
  };
}
