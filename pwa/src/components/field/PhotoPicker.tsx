/**
 * Take a photo with the camera or pick from the gallery; show the photos with their upload state.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useSync } from '../../lib/sync-context';
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

function Thumb({ photo }: { photo: PhotoData & { pending?: boolean } }) {
  const { blobStates } = useSync();
  const src = usePhotoSrc(photo);
  const state = blobStates.get(photo.sha256);
  const synced = !photo.pending && state !== 'waiting' && state !== 'failed';
  const label =
    state === 'failed'
      ? t('field.photo.failed')
      : synced
        ? t('field.photo.synced')
        : t('field.photo.pending');
  return (
    <li
      class={`thumb ${synced ? 'is-synced' : state === 'failed' ? 'is-failed' : 'is-pending'}`}
      data-testid="photo-thumb"
      data-synced={synced ? 'true' : 'false'}
    >
      {src ? (
        <img src={src} alt={t('field.photo.alt')} loading="lazy" />
      ) : (
        <span class="thumb-blank" />
      )}
      <span class="thumb-state">{label}</span>
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
