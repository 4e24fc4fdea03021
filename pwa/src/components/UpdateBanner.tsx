/**
 * "新版本可用 — 更新": shown while a new version of the app waits. Before it takes over, the outbox
 * is counted; with records still waiting to sync the user is warned and must confirm.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { applyUpdate, onUpdateWaiting, updateWaiting } from '../lib/sw-update';

/** How many outbox entries wait on this device (0 when the local database cannot be read). */
export async function unsyncedCount(): Promise<number> {
  try {
    const [{ openSyncDb }, { count }] = await Promise.all([
      import('../sync/db'),
      import('../sync/outbox'),
    ]);
    const db = await openSyncDb();
    try {
      return await count(db);
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

export function UpdateBanner({
  countUnsynced = unsyncedCount,
  apply = applyUpdate,
}: {
  countUnsynced?: () => Promise<number>;
  apply?: () => void;
}) {
  const [waiting, setWaiting] = useState(updateWaiting());
  const [unsynced, setUnsynced] = useState(0);
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
    const n = await countUnsynced();
    if (n > 0) setUnsynced(n);
    else go();
  }

  return (
    <div class="update-banner" role="status" data-testid="update-banner">
      {unsynced > 0 ? (
        <>
          <p class="update-text" data-testid="update-unsynced">
            {t('update.unsynced', { n: unsynced })}
          </p>
          <div class="update-actions">
            <button
              type="button"
              class="btn btn-small"
              data-testid="update-later"
              onClick={() => setUnsynced(0)}
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
