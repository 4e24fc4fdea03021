/** A record the server refused: why, and a way to let the phone's copy go. */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useSync } from '../../lib/sync-context';
import { discardRefusedDraft, type RefusedChange } from '../../sync/db';

export function RefusedNotice({
  type,
  id,
  refused,
  onDiscarded,
}: {
  type: string;
  id: string;
  refused: RefusedChange;
  onDiscarded?: () => void;
}) {
  const sync = useSync();
  const [confirming, setConfirming] = useState(false);

  async function discard() {
    if (!confirming) {
      setConfirming(true);
      return;
    }
    if (sync.db && (await discardRefusedDraft(sync.db, type, id))) {
      sync.changed();
      onDiscarded?.();
    }
  }

  return (
    <div class="alert alert-error refused" role="alert" data-testid="refused-notice">
      <p>
        <strong>{t('field.refused.title')}</strong> {refused.message}
      </p>
      <p>{t('field.refused.help')}</p>
      <button
        type="button"
        class="btn btn-secondary"
        data-testid="refused-discard"
        onClick={() => void discard()}
      >
        {confirming ? t('field.refused.confirm') : t('field.refused.discard')}
      </button>
    </div>
  );
}
