/**
 * The sync state in the header's row: a dot in the sync bar's tone with a short word (待同步 3,
 * 同步中, 已同步) whose full text is its label. Only where a sync engine runs (field roles, or an
 * office user on a /field page); the sync bar below keeps the details.
 */
import { useOptionalSync } from '../lib/sync-context';
import { pendingTotal, syncHeadline } from '../lib/sync-status';
import { t } from '../i18n';

export function HeaderSync() {
  const sync = useOptionalSync();
  if (!sync?.engine) return null;
  const { text, tone } = syncHeadline(sync.view);
  const waiting = pendingTotal(sync.view.items);
  const short =
    sync.view.state === 'syncing'
      ? t('header.sync.busy')
      : waiting
        ? t('header.sync.waiting', { n: waiting })
        : t('header.sync.done');
  return (
    <span
      class={`header-sync tone-sync-${tone}`}
      role="status"
      aria-label={text}
      title={text}
      data-testid="header-sync"
      data-state={sync.view.state}
    >
      <span class="header-sync-dot" aria-hidden="true" />
      <span class="header-sync-text">{short}</span>
    </span>
  );
}
