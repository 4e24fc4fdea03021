/**
 * One problem in the office's ledger: title, project, unit, deadline with its 绿/黄/红 chip, state.
 */
import type { DeadlineColour, IssueItem, IssueState } from '../../api/issues';
import { t } from '../../i18n';
import { formatDate, todayISO } from '../../lib/format';
import { daysKey, deadlineStatus } from '../../lib/issues';
import { Link } from '../../lib/router';
import { SourceReportNote } from '../StagePhotos';

const STATE_TONES: Record<IssueState, string> = {
  found: 'orange',
  assigned: 'blue',
  rectifying: 'blue',
  rectified: 'teal',
  verified: 'teal',
  closed: 'green',
  returned: 'red',
  duplicate: 'grey',
  rejected: 'grey',
};

export function StateBadge({ state, label }: { state: IssueState; label?: string | null }) {
  return (
    <span
      class={`badge tone-${STATE_TONES[state] ?? 'grey'}`}
      data-testid="issue-state"
      data-state={state}
    >
      {label || t(`issues.state.${state}`)}
    </span>
  );
}

/** 所属检查已退回: the inspection it was found in waits for the inspector's correction. */
export function ReturnedInspectionNote({
  issue,
}: {
  issue: Pick<IssueItem, 'inspection_returned'>;
}) {
  if (!issue.inspection_returned) return null;
  return (
    <span class="badge tone-red" data-testid="issue-inspection-returned">
      {t('issues.inspectionReturned')}
    </span>
  );
}

/** 绿 / 黄 / 红 with the days left or over; nothing for a problem no unit owes. */
export function DeadlineChip({
  colour,
  days,
}: {
  colour: DeadlineColour | null;
  days: number | null;
}) {
  if (!colour || days === null) return null;
  const { key, n } = daysKey(days);
  return (
    <span
      class={`deadline-chip deadline-${colour}`}
      data-testid="deadline-chip"
      data-colour={colour}
    >
      <b>{t(`issues.colour.${colour}`)}</b> {t(key, { n })}
    </span>
  );
}

export function IssueRow({ issue, today = todayISO() }: { issue: IssueItem; today?: string }) {
  const { colour, days } = deadlineStatus(issue, today);
  return (
    <li
      class={`card issue-row${colour ? ` issue-${colour}` : ''}`}
      data-testid="issue-row"
      data-id={issue.id}
      data-state={issue.state}
    >
      <Link href={`/office/issues/${encodeURIComponent(issue.id)}`} class="issue-row-link">
        <span class="issue-row-head">
          <strong class="issue-title">{issue.title}</strong>
          <StateBadge state={issue.state} label={issue.state_label} />
          <ReturnedInspectionNote issue={issue} />
        </span>
        <span class="issue-row-meta">
          {issue.project ? issue.project.name : t('issues.noProject')}
        </span>
        <SourceReportNote source={issue.source_report} inline />
        <span class="issue-row-meta">
          {issue.unit ? issue.unit.name : t('issues.noUnit')}
          {issue.slip ? ` · ${issue.slip.code}` : ''}
        </span>
        <span class="issue-row-foot">
          <span>
            {issue.deadline
              ? t('issues.deadline', { date: formatDate(issue.deadline) })
              : t('issues.noDeadline')}
          </span>
          <DeadlineChip colour={colour} days={days} />
          {issue.pending_extension_until && (
            <span class="badge tone-orange" data-testid="issue-extension">
              {t('issues.extensionBadge', { date: formatDate(issue.pending_extension_until) })}
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}
