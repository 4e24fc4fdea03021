/** An unsaved form's buttons (保存 / 收起 / 放弃, 放弃 asks once more) and its "restored" note. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';

/**
 * "已恢复未保存的内容", scrolled into view: a form reopened after a reload may sit below the fold.
 */
export function RestoredNote({ show, testid }: { show: boolean; testid: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (show) ref.current?.scrollIntoView?.({ block: 'center' });
  }, [show]);
  if (!show) return null;
  return (
    <p ref={ref} class="alert alert-info" role="status" data-testid={testid}>
      {t('field.draft.restored')}
    </p>
  );
}

export function DraftActions({
  testid,
  busy,
  saveLabel,
  saveTestid,
  canDiscard = true,
  onClose,
  onDiscard,
}: {
  testid: string;
  busy: boolean;
  saveLabel: string;
  /** Defaults to `<testid>-save`. */
  saveTestid?: string;
  canDiscard?: boolean;
  /** Close the form; what was typed stays on the phone. */
  onClose: () => void;
  onDiscard: () => void | Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <div class="form-row-draft">
        <button
          type="submit"
          class="btn btn-primary"
          disabled={busy}
          data-testid={saveTestid ?? `${testid}-save`}
        >
          {saveLabel}
        </button>
        <button
          type="button"
          class="btn"
          disabled={busy}
          data-testid={`${testid}-close`}
          onClick={onClose}
        >
          {t('field.draft.close')}
        </button>
        {canDiscard && (
          <button
            type="button"
            class={confirming ? 'btn btn-danger' : 'btn'}
            disabled={busy}
            data-testid={`${testid}-discard`}
            onClick={() => (confirming ? void onDiscard() : setConfirming(true))}
          >
            {confirming ? t('field.draft.discardSure') : t('field.draft.discard')}
          </button>
        )}
      </div>
      <p class="hint">{t('field.draft.kept')}</p>
    </>
  );
}
