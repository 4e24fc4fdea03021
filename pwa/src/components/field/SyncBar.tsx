/**
 * The compact sync bar on every field screen: what waits, progress, last sync, notices, 立即同步.
 */
import { t } from '../../i18n';
import { useSync } from '../../lib/sync-context';
import { byteSize, groupNotices, noticeText, syncHeadline } from '../../lib/sync-status';
import '../../styles/field.css';
import '../../styles/syncbar.css';

function Bar({
  fraction,
  label,
  testid,
  detail,
}: {
  fraction: number;
  label: string;
  testid: string;
  detail?: string;
}) {
  const pct = Math.round(fraction * 100);
  return (
    <div
      class="fbar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      data-testid={testid}
    >
      <div class="fbar-fill" style={{ width: `${pct}%` }} />
      <span class="fbar-label">
        {label} {detail ?? `${pct}%`}
      </span>
    </div>
  );
}

export function SyncBar() {
  const sync = useSync();
  const { text, tone } = syncHeadline(sync.view);
  const busy = sync.view.state === 'syncing';
  return (
    <section
      class={`syncbar tone-sync-${tone}`}
      aria-live="polite"
      data-testid="sync-bar"
      data-state={sync.view.state}
    >
      <div class="syncbar-row">
        <span class="syncbar-text" data-testid="sync-status">
          {text}
        </span>
        <button
          type="button"
          class="btn btn-small syncbar-btn"
          disabled={busy || !sync.engine}
          onClick={sync.syncNow}
          data-testid="sync-now"
        >
          {t('field.sync.now')}
        </button>
      </div>
      {busy && sync.progress && (
        <div class="syncbar-progress">
          <Bar
            fraction={sync.progress.overall}
            label={t('field.sync.queue')}
            detail={
              sync.progress.bytes
                ? t('sync.bytes', {
                    done: byteSize(sync.progress.bytes.done),
                    total: byteSize(sync.progress.bytes.total),
                  })
                : undefined
            }
            testid="sync-progress-queue"
          />
          {sync.progress.photo && (
            <Bar
              key={sync.progress.photo.sha256}
              fraction={sync.progress.photo.fraction}
              label={t('sync.photoBar', {
                i: sync.progress.photo.index,
                n: sync.progress.photo.total,
              })}
              testid="sync-progress-photo"
            />
          )}
        </div>
      )}
      {sync.problem?.kind === 'blocked' && (
        <p class="syncbar-notice">{t('field.sync.blockedHelp')}</p>
      )}
      {sync.problem?.kind === 'db' && (
        <p class="syncbar-notice">
          {t('field.sync.dbProblem', { message: sync.problem.message ?? '' })}
        </p>
      )}
      {sync.notices.length > 0 && (
        <ul class="notices" data-testid="sync-notices">
          {groupNotices(sync.notices).map(({ lead: n, keys }) => {
            const text = noticeText(n);
            return (
              <li
                key={n.key}
                class={`notice notice-${n.kind}`}
                data-testid="sync-notice"
                data-code={n.code}
              >
                <strong>{text.title}</strong>
                <span>{text.reason}</span>
                <span class="notice-advice">{text.advice}</span>
                {keys.length > 1 && (
                  <span class="notice-more">{t('field.notice.more', { n: keys.length - 1 })}</span>
                )}
                <button
                  type="button"
                  class="btn btn-small"
                  onClick={() => sync.dismissNotices(keys)}
                >
                  {t('field.notice.ok')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
