/** 督查日志: one project's timeline of inspections, problems and progress reports, and its XLSX. */
import {
  getProjectLog,
  projectLogXlsxUrl,
  type LogEntry,
  type ProjectLog as Log,
} from '../api/lists';
import { t } from '../i18n';
import { useLoad } from '../lib/hooks';
import { Link } from '../lib/router';
import { fieldTime } from '../lib/times';
import { ErrorBanner, Loading, PageTitle } from '../components/ui';
import { FlagList } from '../components/PhotoFlags';
import { PHOTO_STAGES } from '../lib/stage-photos';
import { LogAnswers, LogPhotos } from '../components/office/LogChecklist';
import '../styles/review.css';
import '../styles/templates.css';

/** "照片 发现 2 · 整改 1 · 复核 1": the row's photos by stage (only the stages it has). */
function PhotoCounts({ counts }: { counts: NonNullable<LogEntry['photo_counts']> }) {
  const shown = PHOTO_STAGES.filter((stage) => (counts[stage] ?? 0) > 0);
  if (!shown.length) return null;
  return (
    <span
      class="photo-counts"
      data-testid="log-photo-counts"
      {...Object.fromEntries(PHOTO_STAGES.map((s) => [`data-${s}`, String(counts[s] ?? 0)]))}
    >
      {t('photos.log.counts')}{' '}
      {shown.map((stage) => `${t(`photos.stage.${stage}`)} ${counts[stage]}`).join(' · ')}
    </span>
  );
}

function Entry({ entry }: { entry: LogEntry }) {
  return (
    <li class={`log-entry log-${entry.kind}`} data-testid="log-entry" data-kind={entry.kind}>
      <span class="log-when">{fieldTime(entry.at, entry.received_at)}</span>
      <span class="log-kind">{entry.kind_label}</span>
      <strong class="log-title">{entry.title}</strong>
      {entry.detail && <span class="log-detail">{entry.detail}</span>}
      {entry.who && <span class="log-who muted">{entry.who}</span>}
      {entry.photo_counts && <PhotoCounts counts={entry.photo_counts} />}
      {entry.checklist && entry.checklist.answers.length > 0 && (
        <LogAnswers checklist={entry.checklist} />
      )}
      {entry.photos && entry.photos.length > 0 && <LogPhotos photos={entry.photos} />}
      {entry.warning_flags && entry.warning_flags.length > 0 && (
        <details class="log-flags" data-testid="log-flags">
          <summary class="flag-warning">
            {t('photos.log.flags', { n: entry.warning_flags.length })}
          </summary>
          <FlagList
            flags={entry.warning_flags.map((f) => ({ ...f, severity: f.severity ?? 'warning' }))}
            testid="log-flag"
          />
        </details>
      )}
    </li>
  );
}

export function ProjectLog({ id }: { id: string }) {
  const log = useLoad<Log>((signal) => getProjectLog(id, signal), [id]);
  const data = log.data;
  return (
    <section class="page" data-testid="project-log">
      <p>
        <Link href={`/projects/${id}`} class="back-link">
          ← {t('log.back')}
        </Link>
      </p>
      {!data && log.loading && <Loading />}
      <ErrorBanner error={log.error} onRetry={log.reload} />
      {data && (
        <>
          <PageTitle
            actions={
              <a href={projectLogXlsxUrl(id)} class="btn" download data-testid="log-xlsx">
                {t('log.xlsx')}
              </a>
            }
          >
            {t('log.title')}
          </PageTitle>
          <p>
            <strong data-testid="log-project">{data.project.name}</strong>{' '}
            <span class="mono muted">{data.project.code}</span>
          </p>
          <p class="muted" data-testid="log-totals">
            {t('log.totals', {
              inspections: data.totals.inspections,
              problems: data.totals.problems,
              events: data.totals.problem_events,
              progress: data.totals.progress_reports,
            })}
          </p>
          {data.entries.length ? (
            <ol class="log-list">
              {[...data.entries].reverse().map((e, i) => (
                <Entry key={`${e.kind}-${e.ref_id}-${i}`} entry={e} />
              ))}
            </ol>
          ) : (
            <p class="empty">{t('log.empty')}</p>
          )}
        </>
      )}
    </section>
  );
}
