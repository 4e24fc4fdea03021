/**
 * Before a photo is taken: is the phone nearly full? Checked when a picker shows, when its
 * buttons are pressed and after each photo; the warning says what to do and the capture still
 * goes ahead (a quota failure then keeps what was stored, see sync/forms.ts and outbox.ts).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { checkCaptureSpace } from '../../lib/capture-space';
import { formatBytes, type StorageStatus } from '../../lib/storage-status';
import { useSync } from '../../lib/sync-context';
import { pruneUploadedBlobs } from '../../sync/storage';
import '../../styles/drafts.css';

export function useCaptureSpace(): { low: StorageStatus | null; check: () => void } {
  const [low, setLow] = useState<StorageStatus | null>(null);
  const check = useCallback(() => {
    void checkCaptureSpace().then(setLow, () => setLow(null));
  }, []);
  useEffect(check, [check]);
  return { low, check };
}

export function CaptureSpaceWarning({
  low,
  onFreed,
}: {
  low: StorageStatus | null;
  onFreed: () => void;
}) {
  const { db, changed } = useSync();
  const [freed, setFreed] = useState<number | null>(null);
  if (!low) return null;
  const free = async () => {
    if (!db) return;
    setFreed(await pruneUploadedBlobs(db));
    changed();
    onFreed();
  };
  return (
    <div class="alert alert-warn capture-space" role="alert" data-testid="capture-space-low">
      <span>{t('field.draft.spaceLow', { free: formatBytes(low.free) })}</span>
      {db && (
        <button
          type="button"
          class="btn btn-small"
          data-testid="capture-space-free"
          onClick={() => void free()}
        >
          {t('field.draft.freeSpace')}
        </button>
      )}
      {freed !== null && <span class="hint">{t('field.draft.freed', { n: freed })}</span>}
    </div>
  );
}
