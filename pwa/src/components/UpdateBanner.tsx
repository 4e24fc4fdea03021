/**
 * "新版本可用 — 更新": shown while a new version of the app waits. Before it takes over, what waits
 * on the phone is counted (inspections, problems, photos: sync/pending.ts); with anything still
 * waiting — photos alone too — the user is warned and must confirm.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { applyUpdate, onUpdateWaiting, updateWaiting } from '../lib/sw-update';
import { pendingText } from '../lib/sync-status';
import { NO_PENDING, pendingTotal, type PendingItems } from '../sync/pending';

/** What waits on this device (nothing when the local database cannot be read). */
export async function unsyncedCount(): Promise<PendingItems> {
  try {
    const [{ openSyncDb }, { pendingItems }] = await Promise.all([
      import('../sync/db'),
      import('../sync/pending'),
    ]);
    const db = await openSyncDb();
    try {
      return await pendingItems(db);
    } finally {
      db.close();
    }
  } catch {
    return NO_PENDING;
  }
}

export function UpdateBanner({
  countUnsynced = unsyncedCount,
  apply = applyUpdate,
}: {
  countUnsynced?: () => Promise<PendingItems>;
  apply?: () => void;
}) {
  const [waiting, setWaiting] = useState(updateWaiting());
  const [unsynced, setUnsynced] = useState<PendingItems | null>(null);
  const [applying, setApplying] = useState(false);
  useEffect(() => {
    setWaiting(updateWaiting()); // it may have started waiting before this effect ran
    return onUpdateWaiting(setWaiting);
  }, []);
  if (!waiting) return null;

  function go() {
    setApplying(true);
    apply();
  }

  async function update() {
    const items = await countUnsynced();
    if (pendingTotal(items) > 0) setUnsynced(items);
    else go();
  }

  return (
    <div class="update-banner" role="status" data-testid="update-banner">
      {unsynced ? (
        <>
          <p class="update-text" data-testid="update-unsynced">
            {t('sync.updateUnsynced', { items: pendingText(unsynced) })}
          </p>
          <div class="update-actions">
            <button
              type="button"
              class="btn btn-small"
              data-testid="update-later"
              onClick={() => setUnsynced(null)}
            >
              {t('update.later')}
            </button>
            <button
              type="button"
              class="btn btn-small btn-warn"
              data-testid="update-force"
              disabled={applying}
              onClick={go}
            >
              {applying ? t('update.updating') : t('update.force')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p class="update-text">{t('update.available')}</p>
          <button
            type="button"
            class="btn btn-small"
            data-testid="update-apply"
            disabled={applying}
            onClick={() => void update()}
          >
            {applying ? t('update.updating') : t('update.apply')}
          </button>
        </>
      )}
    </div>
  );
}

/** "离线" in the header while the app runs without its server. */
export function OfflineBadge() {
  return (
    <span
      class="offline-badge"
      role="status"
      data-testid="offline-indicator"
      title={t('offline.title')}
    >
      <span class="offline-dot" aria-hidden="true" />
      {t('offline.badge')}
    </span>
  );
}
