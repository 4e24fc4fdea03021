/** What the office may do with a deputy's report in its status: 受理 / 不予受理, then 答复. */
import { useState } from 'preact/hooks';
import { acceptReport, declineReport, replyReport, type OfficeReport } from '../../api/reports';
import { t } from '../../i18n';
import { errorMessage } from '../ui';

export type ReportDone = { action: 'accepted' | 'declined' | 'replied'; report: OfficeReport };
type Panel = 'accept' | 'decline' | 'reply' | null;
const SEVERITIES = ['low', 'medium', 'high'] as const;

function TextBox({
  id,
  label,
  value,
  onInput,
  testid,
  rows = 3,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  testid: string;
  rows?: number;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        data-testid={testid}
      />
    </div>
  );
}

export function ReportActions({
  report,
  onDone,
}: {
  report: OfficeReport;
  onDone: (done: ReportDone) => void;
}) {
  const [panel, setPanel] = useState<Panel>(null);
  const [title, setTitle] = useState(report.title);
  const [severity, setSeverity] = useState<(typeof SEVERITIES)[number]>('medium');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canDecide = report.status === 'submitted';
  const canReply = report.status === 'accepted' || report.status === 'replied';
  if (!canDecide && !canReply) return null;

  const open = (next: Panel) => {
    setPanel(next);
    setError(null);
    setText(next === 'reply' && report.status === 'replied' ? (report.reply ?? '') : '');
  };
  const run = async (action: ReportDone['action'], call: () => Promise<OfficeReport>) => {
    setBusy(true);
    setError(null);
    try {
      onDone({ action, report: await call() });
      setPanel(null);
    } catch (err) {
      setError(errorMessage(err)); // 409 / 400 / 422: the server's words
    } finally {
      setBusy(false);
    }
  };
  const needText = (missing: string, go: () => void) => (text.trim() ? go() : setError(missing));
  const submit = () => {
    if (panel === 'accept') {
      void run('accepted', () =>
        acceptReport(report.id, {
          title: title.trim() || undefined,
          severity,
          note: text.trim() || undefined,
        }),
      );
    } else if (panel === 'decline') {
      needText(
        t('reports.declineReasonRequired'),
        () => void run('declined', () => declineReport(report.id, text.trim())),
      );
    } else if (panel === 'reply') {
      needText(
        t('reports.replyRequired'),
        () => void run('replied', () => replyReport(report.id, text.trim())),
      );
    }
  };
  const confirm = {
    accept: t('reports.acceptConfirm'),
    decline: t('reports.declineConfirm'),
    reply: t('reports.replyConfirm'),
  };
  const key = report.id;
  return (
    <div class="report-actions">
      {error && (
        <p class="alert alert-error" role="alert" data-testid="report-action-error">
          {error}
        </p>
      )}
      {panel === 'accept' && (
        <>
          <div class="field">
            <label for={`title-${key}`}>{t('reports.acceptTitle')}</label>
            <input
              id={`title-${key}`}
              value={title}
              onInput={(e) => setTitle(e.currentTarget.value)}
              data-testid="report-accept-title"
            />
          </div>
          <div class="field">
            <span class="label">{t('reports.acceptSeverity')}</span>
            <div class="choices">
              {SEVERITIES.map((s) => (
                <button
                  key={s}
                  type="button"
                  class={`choice sev-${s} ${severity === s ? 'is-on' : ''}`}
                  aria-pressed={severity === s}
                  onClick={() => setSeverity(s)}
                  data-testid={`report-severity-${s}`}
                >
                  {t(`review.severity.${s}`)}
                </button>
              ))}
            </div>
          </div>
          <TextBox
            id={`note-${key}`}
            label={t('reports.acceptNote')}
            value={text}
            onInput={setText}
            testid="report-accept-note"
            rows={2}
          />
        </>
      )}
      {panel === 'decline' && (
        <TextBox
          id={`reason-${key}`}
          label={t('reports.declineReason')}
          value={text}
          onInput={setText}
          testid="report-decline-reason"
        />
      )}
      {panel === 'reply' && (
        <TextBox
          id={`reply-${key}`}
          label={t('reports.replyText')}
          value={text}
          onInput={setText}
          testid="report-reply-text"
          rows={4}
        />
      )}
      <div class="review-actions">
        {panel ? (
          <>
            <button
              type="button"
              class={`btn ${panel === 'decline' ? 'btn-danger' : 'btn-primary'}`}
              disabled={busy}
              onClick={submit}
              data-testid={`report-${panel}-confirm`}
            >
              {confirm[panel]}
            </button>
            <button type="button" class="btn" disabled={busy} onClick={() => open(null)}>
              {t('common.cancel')}
            </button>
          </>
        ) : canDecide ? (
          <>
            <button
              type="button"
              class="btn btn-primary"
              onClick={() => open('accept')}
              data-testid="report-accept"
            >
              {t('reports.accept')}
            </button>
            <button
              type="button"
              class="btn"
              onClick={() => open('decline')}
              data-testid="report-decline"
            >
              {t('reports.decline')}
            </button>
          </>
        ) : (
          <button
            type="button"
            class="btn btn-primary"
            onClick={() => open('reply')}
            data-testid="report-reply"
          >
            {report.status === 'replied' ? t('reports.replyAgain') : t('reports.reply')}
          </button>
        )}
      </div>
    </div>
  );
}
