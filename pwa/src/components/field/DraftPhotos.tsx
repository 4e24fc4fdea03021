/** The photos chosen in an unsaved form (kept on the phone, not yet attached), each removable. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { FormPhotoRecord } from '../../sync/forms';

function DraftThumb({ photo, onRemove }: { photo: FormPhotoRecord; onRemove?: () => void }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(photo.bytes);
    setSrc(url);
    return () => URL.revokeObjectURL(url);
  }, [photo.bytes]);
  return (
    <li class="draft-photo" data-testid="draft-photo">
      {src && <img src={src} alt={t('field.photo.alt')} />}
      {onRemove && (
        <button
          type="button"
          class="draft-photo-remove"
          aria-label={t('field.draft.removePhoto')}
          data-testid="draft-photo-remove"
          onClick={onRemove}
        >
          ×
        </button>
      )}
    </li>
  );
}

export function DraftPhotos({
  photos,
  onRemove,
  testid,
}: {
  photos: FormPhotoRecord[];
  onRemove?: (id: string) => void;
  testid: string;
}) {
  if (!photos.length) return null;
  return (
    <>
      <span data-testid={`${testid}-count`}>
        {t('field.problem.photoCount', { n: photos.length })}
      </span>
      <ul class="draft-photos" data-testid={`${testid}-list`} data-count={photos.length}>
        {photos.map((p) => (
          <DraftThumb key={p.id} photo={p} onRemove={onRemove ? () => onRemove(p.id) : undefined} />
        ))}
      </ul>
    </>
  );
}
