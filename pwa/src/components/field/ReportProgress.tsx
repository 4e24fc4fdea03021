/**
 * How far the deputy's report has gone, from the pulled record (offline): the step line
 * 已提交 → 受理 → 交办 → 整改 → 答复, the problem's state and deadline, or the decline and its
 * reason.
 */
import { t } from '../../i18n';
import { formatDate } from '../../lib/format';
import { reportNotice, reportSteps, type PulledReport } from '../../lib/report-steps';
import '../../styles/reports.css';

export function ReportProgress({ report }: { report: PulledReport }) {
  const steps = reportSteps(report);
  const notice = reportNotice(report);
  return (
    <>
      {steps && (
        <ol class="report-steps" aria-label={t('field.report.steps')} data-testid="report-steps">
          {steps.map((s) => (
            <li
              key={s.key}
              class={`report-step${s.done ? ' is-done' : ''}${s.current ? ' is-current' : ''}`}
              data-testid={`report-step-${s.key}`}
              data-done={s.done ? 'true' : 'false'}
              aria-current={s.current ? 'step' : undefined}
            >
              <span>{t(`field.report.step.${s.key}`)}</span>
              {s.date && (
                <span class="report-step-date" title={s.date}>
                  {s.date.slice(5)}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {notice?.kind === 'declined' && (
        <div class="alert alert-warn report-notice" data-testid="report-declined">
          <strong>{t('field.report.declined')}</strong>
          {notice.reason && (
            <div>{t('field.report.declinedReason', { reason: notice.reason })}</div>
          )}
        </div>
      )}
      {notice?.kind === 'reopened' && (
        <p class="alert alert-info report-notice" data-testid="report-reopened">
          {t('field.report.reopened', { date: formatDate(notice.deadline) })}
        </p>
      )}
      {report.issue_state && (
        <p class="report-facts" data-testid="report-problem">
          {t('field.report.problemState', { state: t(`field.state.${report.issue_state}`) })}
          {report.issue_deadline && (
            <> · {t('field.report.deadline', { date: formatDate(report.issue_deadline) })}</>
          )}
        </p>
      )}
    </>
  );
}
