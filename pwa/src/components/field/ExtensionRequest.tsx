/**
 * 延期 on the unit's phone: ask for a later deadline with a reason (queued offline like the rest),
 * or see that a request is waiting for the office.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatDate } from '../../lib/format';
import { extensionProblem } from '../../lib/inspection-form';
import { requestExtension } from '../../lib/field-actions';
import type { SyncEngine } from '../../sync/client';
import type { IssueData } from '../../lib/field-records';

export function ExtensionRequest({
  engine,
  issue,
  busy,
  act,
}: {
  engine: SyncEngine;
  issue: IssueData;
  busy: boolean;
  act: (fn: () => Promise<unknown>) => Promise<void>;
}) {
  const [deadline, setDeadline] = useState('');
  const [reason, setReason] = useState('');
  if (issue.pending_extension_until) {
    return (
      <p class="alert alert-info" data-testid="extension-pending">
        {t('field.extension.pending', { date: formatDate(issue.pending_extension_until) })}
      </p>
    );
  }
  const problem = extensionProblem(issue.deadline, deadline, reason);
  return (
    <details class="return-box" data-testid="extension-box">
      <summary>{t('field.extension.ask')}</summary>
      <div class="field">
        <label for="extension-date">{t('field.extension.date')}</label>
        <input
          id="extension-date"
          type="date"
          min={issue.deadline ?? undefined}
          value={deadline}
          data-testid="extension-date"
          onInput={(e) => setDeadline(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="extension-reason">{t('field.extension.reason')}</label>
        <textarea
          id="extension-reason"
          rows={3}
          value={reason}
          data-testid="extension-reason"
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </div>
      {deadline && problem === 'notLater' && (
        <p class="alert alert-error" role="alert" data-testid="extension-error">
          {t('field.extension.notLater', { date: formatDate(issue.deadline) })}
        </p>
      )}
      <button
        type="button"
        class="btn"
        disabled={busy || problem !== null}
        data-testid="extension-submit"
        onClick={() => act(() => requestExtension(engine, issue, deadline, reason.trim()))}
      >
        {t('field.extension.submit')}
      </button>
    </details>
  );
}
