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

function Entry({ entry }: { entry: LogEntry }) {
  return (
    <li class={`log-entry log-${entry.kind}`} data-testid="log-entry" data-kind={entry.kind}>
      <span class="log-when">{fieldTime(entry.at, entry.received_at)}</span>
      <span class="log-kind">{entry.kind_label}</span>
      <strong class="log-title">{entry.title}</strong>
      {entry.detail && <span class="log-detail">{entry.detail}</span>}
      {entry.who && <span class="log-who muted">{entry.who}</span>}
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
