/** One problem in a list: title, state, severity, deadline, sync state. */
import { t } from '../../i18n';
import { formatDate } from '../../lib/format';
import { Link } from '../../lib/router';
import type { LocalRecord } from '../../sync/db';
import type { IssueData } from '../../lib/field-records';
import { SourceReportNote } from '../StagePhotos';

export function IssueLine({ record, href }: { record: LocalRecord<IssueData>; href?: string }) {
  const i = record.data;
  const body = (
    <>
      <span>
        <span class={`sev-dot sev-${i.severity}`} aria-hidden="true" /> <strong>{i.title}</strong>
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
    <li data-testid="issue-line" data-id={i.id} data-state={i.state}>
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
