/**
 * A warning under the header while the device is short of space, so the inspector syncs and frees
 * room before a photo fails to save (details and figures on /settings). Checked at start and
 * every few minutes.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Link } from '../lib/router';
import { formatBytes, storageStatus, type StorageStatus } from '../lib/storage-status';
import { estimateStorage } from '../sync/storage';

export const STORAGE_CHECK_MS = 5 * 60 * 1000;

export function StorageWarning({
  estimate = estimateStorage,
}: {
  estimate?: typeof estimateStorage;
}) {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  useEffect(() => {
    let live = true;
    const check = () => void estimate().then((est) => live && setStatus(storageStatus(est)));
    check();
    const timer = window.setInterval(check, STORAGE_CHECK_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [estimate]);
  if (!status?.low) return null;
  return (
    <div class="storage-warning" role="alert" data-testid="storage-warning">
      <span>{t('settings.storageLow', { free: formatBytes(status.free) })}</span>
      <Link href="/settings" class="btn btn-small">
        {t('nav.settings')}
      </Link>
    </div>
  );
}
