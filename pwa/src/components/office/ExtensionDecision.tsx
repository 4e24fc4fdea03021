/** 延期: the office's decision on a unit's waiting extension request. */
import { useState } from 'preact/hooks';
import { decideExtension, type IssueDetail } from '../../api/issues';
import { t } from '../../i18n';
import { formatDate } from '../../lib/format';
import { pendingExtension } from '../../lib/issues';
import { run, type Props } from './IssueActions';

/** 延期: approve with a deadline (by default the one asked for) or refuse with a reason. */
export function ExtensionDecision({ issue, onDone, onConflict }: Props) {
  const pending = pendingExtension(issue);
  const [deadline, setDeadline] = useState(pending?.until ?? '');
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!pending) return null;
  const decide = async (approve: boolean) => {
    if (approve && !deadline) return setError(t('issues.need.deadline'));
    if (!approve && !reason.trim()) return setError(t('issues.need.reason'));
    setBusy(true);
    setError(null);
    const body = approve ? { approve, deadline } : { approve, reason: reason.trim() };
    const done = (next: IssueDetail) =>
      onDone({
        issue: next,
        message: approve
          ? t('issues.ext.approved', { date: formatDate(next.deadline) })
          : t('issues.ext.refused'),
      });
    setError(await run(() => decideExtension(issue.id, body), done, onConflict));
    setBusy(false);
  };
  return (
    <section class="card issue-extension" data-testid="issue-extension-pending">
      <h2>{t('issues.ext.title')}</h2>
      <p>{t('issues.ext.asked', { by: pending.by, date: formatDate(pending.until) })}</p>
      {pending.reason && <p>{t('issues.ext.reason', { reason: pending.reason })}</p>}
      {issue.can_decide_extension &&
        (refusing ? (
          <>
            <label for="ext-reason">{t('issues.ext.refuseReason')}</label>
            <textarea
              id="ext-reason"
              rows={3}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
              data-testid="ext-reason"
            />
            <div class="issue-buttons">
              <button
                type="button"
                class="btn btn-danger"
                disabled={busy}
                onClick={() => void decide(false)}
                data-testid="ext-refuse-confirm"
              >
                {t('issues.ext.refuseConfirm')}
              </button>
              <button type="button" class="btn" disabled={busy} onClick={() => setRefusing(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </>
        ) : (
          <>
            <label for="ext-deadline">{t('issues.ext.newDeadline')}</label>
            <input
              id="ext-deadline"
              type="date"
              value={deadline}
              onInput={(e) => setDeadline(e.currentTarget.value)}
              data-testid="ext-deadline"
            />
            <div class="issue-buttons">
              <button
                type="button"
                class="btn btn-primary"
                disabled={busy}
                onClick={() => void decide(true)}
                data-testid="ext-approve"
              >
                {t('issues.ext.approve')}
              </button>
              <button
                type="button"
                class="btn"
                disabled={busy}
                onClick={() => setRefusing(true)}
                data-testid="ext-refuse"
              >
                {t('issues.ext.refuse')}
              </button>
            </div>
          </>
        ))}
      {error && (
        <p class="alert alert-error" role="alert" data-testid="ext-error">
          {error}
        </p>
      )}
    </section>
  );
}
