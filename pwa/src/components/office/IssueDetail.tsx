/**
 * One problem for the office: what was found (description, photos, finder's suggestion), the
 * slip in force with its requirements, a waiting extension request, the moves open to the
 * office, and the history. Keeps the newest copy the server returned after a move.
 */
import { useState } from 'preact/hooks';
import { buildUrl } from '../../api/client';
import type { IssueDetail } from '../../api/issues';
import { t } from '../../i18n';
import { formatDate, formatDateTime, todayISO } from '../../lib/format';
import { deadlineStatus, latestSlip } from '../../lib/issues';
import { Link } from '../../lib/router';
import { fromRest, type StagePhoto } from '../../lib/stage-photos';
import { ServerImage, SourceReportNote, StagePhotos } from '../StagePhotos';
import { SuccessBanner } from '../ui';
import { ExtensionDecision } from './ExtensionDecision';
import { IssueActions, type ActionOutcome } from './IssueActions';
import { DeadlineChip, ReturnedInspectionNote, StateBadge } from './IssueRow';
import { IssueTimeline } from './IssueTimeline';
import { PlanRevisit } from './PlanRevisit';

/** The problem's photos with their stages, from `photos` (or, from an older server, the ids). */
function stagedPhotos(issue: IssueDetail): StagePhoto[] {
  const listed = issue.photos ?? issue.photo_ids.map((id) => ({ id }));
  return listed.map((p) => fromRest(p, issue.events));
}

function Photos({ photos }: { photos: StagePhoto[] }) {
  return (
    <section>
      <h2>{photos.length ? t('issues.photos', { n: photos.length }) : t('issues.noPhotos')}</h2>
      <StagePhotos photos={photos} image={ServerImage} testid="issue-photos" title={false} />
    </section>
  );
}

function SlipCard({ issue }: { issue: IssueDetail }) {
  const slip = latestSlip(issue);
  if (!slip) return null;
  const earlier = issue.slips.slice(0, -1).map((s) => s.code);
  return (
    <section class="card issue-slip" data-testid="issue-slip">
      <h2>
        {t('issues.slip')} <span data-testid="issue-slip-code">{slip.code}</span>
      </h2>
      <dl class="issue-facts">
        <div>
          <dt>{t('issues.unit')}</dt>
          <dd>{slip.unit.name}</dd>
        </div>
        <div>
          <dt>{t('issues.deadlineLabel')}</dt>
          <dd>{formatDate(slip.deadline)}</dd>
        </div>
        <div>
          <dt>{t('issues.slip.requirements')}</dt>
          <dd class="pre-line" data-testid="issue-slip-requirements">
            {slip.requirements || t('issues.slip.noRequirements')}
          </dd>
        </div>
      </dl>
      <p class="muted">
        {t('issues.slip.issued', {
          name: slip.issued_by.display_name,
          time: formatDateTime(slip.issued_at),
        })}
      </p>
      {earlier.length > 0 && (
        <p class="muted">{t('issues.slip.earlier', { codes: earlier.join('、') })}</p>
      )}
      <p>
        <a
          class="btn"
          href={buildUrl(`/slips/${slip.id}`, { format: 'pdf' })}
          target="_blank"
          rel="noopener"
          data-testid="issue-slip-pdf"
        >
          {t('slip.print')}
        </a>
      </p>
    </section>
  );
}

export function IssueDetailView({
  issue: loaded,
  reload,
}: {
  issue: IssueDetail;
  reload: () => void;
}) {
  const [fresh, setFresh] = useState<IssueDetail | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'conflict'; text: string } | null>(null);
  // the server's answer to a move, until a reload brings a copy at least as new
  const issue = fresh && fresh.id === loaded.id && fresh.version > loaded.version ? fresh : loaded;
  const { colour, days } = deadlineStatus(issue, todayISO());
  const suggestion = [
    issue.suggested_unit,
    issue.suggested_deadline && formatDate(issue.suggested_deadline),
  ]
    .filter(Boolean)
    .join(' · ');
  const onDone = ({ issue: next, message }: ActionOutcome) => {
    setFresh(next);
    setNotice({ kind: 'ok', text: message });
  };
  const onConflict = (message: string) => {
    setFresh(null);
    setNotice({ kind: 'conflict', text: `${message} ${t('issues.reloaded')}` });
    reload();
  };
  const key = `${issue.id}:${issue.version}`;
  const photos = stagedPhotos(issue);
  return (
    <article
      class="issue-detail"
      data-testid="issue-detail"
      data-id={issue.id}
      data-state={issue.state}
    >
      <header class="issue-detail-head">
        <h1 data-testid="issue-title">{issue.title}</h1>
        <SourceReportNote source={issue.source_report} />
        <p class="issue-row-foot">
          <StateBadge state={issue.state} label={issue.state_label} />
          <ReturnedInspectionNote issue={issue} />
          <span class={`badge severity-${issue.severity}`}>
            {t(`issues.severity.${issue.severity}`)}
          </span>
          <DeadlineChip colour={colour} days={days} />
        </p>
      </header>
      {notice &&
        (notice.kind === 'ok' ? (
          <SuccessBanner testid="issue-done">{notice.text}</SuccessBanner>
        ) : (
          <p class="alert alert-error" role="alert" data-testid="issue-conflict">
            {notice.text}
          </p>
        ))}
      <dl class="issue-facts">
        <div>
          <dt>{t('issues.project')}</dt>
          <dd>
            {issue.project
              ? `${issue.project.name}（${issue.project.code}）`
              : t('issues.noProject')}
          </dd>
        </div>
        <div>
          <dt>{t('issues.unit')}</dt>
          <dd data-testid="issue-unit-name">{issue.unit?.name ?? t('issues.noUnit')}</dd>
        </div>
        <div>
          <dt>{t('issues.deadlineLabel')}</dt>
          <dd data-testid="issue-deadline-value">
            {issue.deadline ? formatDate(issue.deadline) : t('issues.noDeadline')}
          </dd>
        </div>
      </dl>
      <p class="muted">
        {t('issues.foundBy', {
          name: issue.created_by.display_name,
          time: formatDateTime(issue.created_at),
        })}
      </p>
      {suggestion && !issue.unit && (
        <p class="muted">{t('issues.suggested', { text: suggestion })}</p>
      )}
      {issue.duplicate_of_id && (
        <p class="alert alert-info">
          <Link href={`/office/issues/${encodeURIComponent(issue.duplicate_of_id)}`}>
            {t('issues.duplicateOf', { id: issue.duplicate_of_id.slice(0, 8) })}
          </Link>
        </p>
      )}
      <section>
        <h2>{t('issues.description')}</h2>
        <p class="pre-line" data-testid="issue-description">
          {issue.description || '—'}
        </p>
      </section>
      <Photos photos={photos} />
      <SlipCard issue={issue} />
      <ExtensionDecision key={`ext:${key}`} issue={issue} onDone={onDone} onConflict={onConflict} />
      <IssueActions
        key={`act:${key}`}
        issue={issue}
        photos={photos}
        onDone={onDone}
        onConflict={onConflict}
      />
      {/* 回头看: send an inspector to check a rectification on site */}
      {issue.state === 'rectified' && <PlanRevisit key={`revisit:${issue.id}`} issue={issue} />}
      <IssueTimeline issueId={issue.id} events={issue.events} more={issue.events_more ?? false} />
    </article>
  );
}
