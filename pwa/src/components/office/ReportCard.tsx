/**
 * One deputy's report on the office's page: who, when, where, words, photos, the
 * problem made of it.
 */
import type { OfficeReport, ReportPhoto } from '../../api/reports';
import { t } from '../../i18n';
import { formatDate } from '../../lib/format';
import { Link } from '../../lib/router';
import { fieldTime } from '../../lib/times';
import { FlagList } from '../PhotoFlags';
import { ReportActions, type ReportDone } from './ReportActions';

const STATUS_TONE: Record<string, string> = {
  submitted: 'orange',
  accepted: 'blue',
  declined: 'grey',
  replied: 'teal',
  rated: 'green',
};

function Photos({ photos }: { photos: ReportPhoto[] }) {
  if (!photos.length) return null;
  return (
    <section>
      <h3>{t('reports.photos', { n: photos.length })}</h3>
      <ul class="review-photos">
        {photos.map((photo) => (
          <li key={photo.id} data-testid="report-photo">
            {photo.status === 'ready' ? (
              <a href={photo.display_url} target="_blank" rel="noopener">
                <img src={photo.thumb_url} alt="" loading="lazy" width={160} height={120} />
              </a>
            ) : (
              <span class="review-photo-pending">{t('reports.photoPending')}</span>
            )}
            {photo.flags && (
              <FlagList flags={photo.flags} ok={photo.status === 'ready'} testid="report-flag" />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Place({ report }: { report: OfficeReport }) {
  const p = report.location;
  if (!p) return <p class="review-meta">{t('reports.noPlace')}</p>;
  return (
    <p class="review-meta" data-testid="report-place">
      {t('reports.place', {
        lat: p.lat.toFixed(5),
        lon: p.lon.toFixed(5),
        accuracy: p.accuracy_m === null ? '?' : Math.round(p.accuracy_m),
      })}
    </p>
  );
}

function LinkedProblem({ report }: { report: OfficeReport }) {
  const issue = report.issue;
  if (!issue) return null;
  return (
    <div
      class="alert alert-info report-issue"
      data-testid="report-issue"
      data-issue-id={issue.id}
      data-state={issue.state}
    >
      <span>
        {t('reports.issue')} · <span class="badge">{issue.state_label ?? issue.state}</span>
      </span>
      {issue.unit && <span> · {t('reports.issueUnit', { name: issue.unit.name })}</span>}
      {issue.deadline && (
        <span> · {t('reports.issueDeadline', { date: formatDate(issue.deadline) })}</span>
      )}{' '}
      <Link href={`/office/issues/${encodeURIComponent(issue.id)}`} data-testid="report-issue-link">
        {t('reports.issueOpen')}
      </Link>
    </div>
  );
}

function Answer({ report }: { report: OfficeReport }) {
  return (
    <>
      {report.reply && (
        <p class="reply" data-testid="report-reply-shown">
          {report.status === 'declined'
            ? t('reports.declinedShown', { reason: report.reply })
            : t('reports.replyShown', { text: report.reply })}
        </p>
      )}
      {report.rating && (
        <div
          class={`alert ${report.rating === 'dissatisfied' ? 'alert-warn' : 'alert-ok'}`}
          data-testid="report-rating"
          data-rating={report.rating}
        >
          <div>{t('reports.rating', { rating: report.rating_label ?? report.rating })}</div>
          {report.rating_comment && (
            <div>{t('reports.ratingComment', { comment: report.rating_comment })}</div>
          )}
          {report.rating === 'dissatisfied' && report.status === 'accepted' && (
            <div>{t('reports.reopened')}</div>
          )}
        </div>
      )}
    </>
  );
}

export function ReportCard({
  report,
  photos,
  onDone,
}: {
  report: OfficeReport;
  photos: ReportPhoto[];
  onDone: (done: ReportDone) => void;
}) {
  return (
    <article
      class="card review-card"
      data-testid="report-item"
      data-id={report.id}
      data-status={report.status}
    >
      <header class="review-head">
        <h2>{report.title}</h2>
        <p class="review-meta">
          <span
            class={`badge tone-${STATUS_TONE[report.status] ?? 'grey'}`}
            data-testid="report-status"
          >
            {report.status_label}
          </span>{' '}
          {t('reports.by', {
            name: report.deputy.display_name,
            time: fieldTime(report.created_at, report.received_at, report.clock_skew),
          })}
        </p>
      </header>
      {report.project && (
        <p class="review-meta">{t('reports.project', { name: report.project.name })}</p>
      )}
      <Place report={report} />
      <p class="pre" data-testid="report-description">
        {report.description}
      </p>
      <Photos photos={photos} />
      <LinkedProblem report={report} />
      <Answer report={report} />
      <ReportActions key={`${report.id}:${report.version}`} report={report} onDone={onDone} />
    </article>
  );
}
