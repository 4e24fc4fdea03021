/**
 * Take a photo with the camera or pick from the gallery; show the photos with their upload state.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useSync, type BlobState } from '../../lib/sync-context';
import type { PhotoData } from '../../lib/field-records';
import { CaptureSpaceWarning, useCaptureSpace } from './CaptureSpace';

export function PhotoPicker({
  onFiles,
  busy,
  testid,
}: {
  onFiles: (files: File[]) => void | Promise<void>;
  busy?: boolean;
  testid: string;
}) {
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const space = useCaptureSpace();
  const take = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) void Promise.resolve(onFiles(files)).finally(space.check);
  };
  // look again as the user reaches for a button: the warning shows while the camera opens
  const open = (input: HTMLInputElement | null) => {
    space.check();
    input?.click();
  };
  return (
    <div class="photo-picker">
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        class="visually-hidden-input"
        data-testid={`${testid}-camera`}
        onChange={(e) => take(e.currentTarget)}
      />
      <input
        ref={gallery}
        type="file"
        accept="image/*"
        multiple
        class="visually-hidden-input"
        data-testid={`${testid}-gallery`}
        onChange={(e) => take(e.currentTarget)}
      />
      <CaptureSpaceWarning low={space.low} onFreed={space.check} />
      <button
        type="button"
        class="btn btn-primary"
        disabled={busy}
        data-testid={`${testid}-take`}
        onClick={() => open(camera.current)}
      >
        {t('field.photo.camera')}
      </button>
      <button
        type="button"
        class="btn"
        disabled={busy}
        data-testid={`${testid}-pick`}
        onClick={() => open(gallery.current)}
      >
        {t('field.photo.gallery')}
      </button>
      {busy && <span class="muted">{t('field.photo.saving')}</span>}
    </div>
  );
}

/** The picture of a photo: its bytes kept on this phone, else the server's thumbnail. */
function usePhotoSrc(photo: { id: string; sha256?: string }): string | null {
  const { db } = useSync();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!db) return;
    let url: string | null = null;
    let cancelled = false;
    const server = `/api/v1/photos/${encodeURIComponent(photo.id)}/thumb`;
    if (!photo.sha256) {
      setSrc(server);
      return;
    }
    db.get('blobs', photo.sha256).then(
      (blob) => {
        if (cancelled) return;
        if (blob) {
          url = URL.createObjectURL(blob.bytes);
          setSrc(url);
        } else {
          setSrc(server);
        }
      },
      () => !cancelled && setSrc(server),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [db, photo.id, photo.sha256]);
  return src;
}

/** A photo's picture for the stage view (components/StagePhotos.tsx) on the phone. */
export function LocalImage({ photo }: { photo: { id: string; sha256?: string } }) {
  const src = usePhotoSrc(photo);
  return src ? (
    <img src={src} alt={t('field.photo.alt')} loading="lazy" />
  ) : (
    <span class="thumb-blank" />
  );
}

/** Where a photo's bytes stand, as its thumbnail shows it. */
export type ThumbUpload =
  { kind: 'waiting'; fraction: number } | { kind: 'done' } | { kind: 'failed' };

/**
 * From the photo's record (pending: its attach not yet sent), its bytes' state on this phone and
 * this run's share of its bytes sent (sync-context `photoProgress`): a photo whose last byte has
 * gone is done even before the phone's figures are read again.
 */
export function thumbUpload(
  pending: boolean,
  state: BlobState | undefined,
  sent: number | undefined,
): ThumbUpload {
  if (state === 'failed') return { kind: 'failed' };
  if (sent !== undefined && sent >= 1) return { kind: 'done' };
  if (pending || state === 'waiting') return { kind: 'waiting', fraction: sent ?? 0 };
  return { kind: 'done' };
}

/** A thumbnail's upload mark: a thin bar that moves with the bytes, then ✓ 已上传. */
export function ThumbState({ upload }: { upload: ThumbUpload }) {
  if (upload.kind === 'failed') return <span class="thumb-state">{t('field.photo.failed')}</span>;
  if (upload.kind === 'done')
    return (
      <span class="thumb-state" data-testid="thumb-done">
        <span aria-hidden="true">✓ </span>
        {t('field.photo.synced')}
      </span>
    );
  const pct = Math.round(Math.max(0, Math.min(1, upload.fraction)) * 100);
  return (
    <>
      <span class="thumb-state">{t('field.photo.pending')}</span>
      <span
        class="thumb-bar"
        role="progressbar"
        aria-label={t('field.photo.pending')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid="thumb-progress"
      >
        <span class="thumb-bar-fill" style={{ width: `${pct}%` }} />
      </span>
    </>
  );
}

function Thumb({ photo }: { photo: PhotoData & { pending?: boolean } }) {
  const { blobStates, photoProgress } = useSync();
  const src = usePhotoSrc(photo);
  const upload = thumbUpload(
    !!photo.pending,
    blobStates.get(photo.sha256),
    photoProgress.get(photo.sha256),
  );
  const tone =
    upload.kind === 'done' ? 'is-synced' : upload.kind === 'failed' ? 'is-failed' : 'is-pending';
  return (
    <li
      class={`thumb ${tone}`}
      data-testid="photo-thumb"
      data-synced={upload.kind === 'done' ? 'true' : 'false'}
    >
      {src ? (
        <img src={src} alt={t('field.photo.alt')} loading="lazy" />
      ) : (
        <span class="thumb-blank" />
      )}
      <ThumbState upload={upload} />
    </li>
  );
}

export function PhotoStrip({
  photos,
  testid,
}: {
  photos: (PhotoData & { pending?: boolean })[];
  testid: string;
}) {
  if (photos.length === 0) return <p class="muted">{t('field.photo.none')}</p>;
  return (
    <ul class="thumbs" data-testid={testid} data-count={photos.length}>
      {photos.map((p) => (
        <Thumb key={p.id} photo={p} />
      ))}
    </ul>
  );
}
