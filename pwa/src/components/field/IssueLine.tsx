/**
 * One problem in a list: title, state, severity, deadline, sync state, and 所属检查已退回 when
 * the inspection it was found in waits for its correction (lib/returned.ts).
 */
import { t } from '../../i18n';
import { formatDate } from '../../lib/format';
import { Link } from '../../lib/router';
import type { LocalRecord } from '../../sync/db';
import type { IssueData } from '../../lib/field-records';
import { SourceReportNote } from '../StagePhotos';

/** 所属检查已退回, as the office's ledger shows it (components/office/IssueRow.tsx). */
export function InspectionReturnedBadge({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <span class="badge tone-red" data-testid="issue-inspection-returned">
      {t('issues.inspectionReturned')}
    </span>
  );
}

export function IssueLine({
  record,
  href,
  returned = false,
}: {
  record: LocalRecord<IssueData>;
  href?: string;
  /** its inspection was returned and is not yet resubmitted */
  returned?: boolean;
}) {
  const i = record.data;
  const body = (
    <>
      <span>
        <span class={`sev-dot sev-${i.severity}`} aria-hidden="true" /> <strong>{i.title}</strong>{' '}
        <InspectionReturnedBadge show={returned} />
      </span>
      <span class="line-meta">
        {t(`field.state.${i.state}`)} · {t(`field.severity.${i.severity}`)}
        {i.deadline ? ` · ${t('field.issue.deadline', { date: formatDate(i.deadline) })}` : ''}
        {record.pending ? ` · ${t('field.insp.pending')}` : ''}
        {record.refused ? ` · ${t('field.refused.short')}` : ''}
      </span>
      {record.refused && <span class="line-meta refused-text">{record.refused.message}</span>}
      <SourceReportNote source={i.source_report} inline />
      {!i.unit && (i.suggested_unit || i.suggested_deadline) && (
        <span class="line-meta">
          {[
            i.suggested_unit ? `${t('field.problem.unitWord')}:${i.suggested_unit}` : '',
            i.suggested_deadline
              ? `${t('field.problem.deadlineWord')}:${formatDate(i.suggested_deadline)}`
              : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      )}
    </>
  );
  return (
    <li
      data-testid="issue-line"
      data-id={i.id}
      data-state={i.state}
      data-inspection-returned={returned ? 'true' : 'false'}
    >
      {href ? (
        <Link href={href} class="line-link">
          {body}
        </Link>
      ) : (
        <div class="line-link">{body}</div>
      )}
    </li>
  );
}
