/**
 * The supervision office's deputies' reports (/office/reports, 人大代表随手拍): newest first,
 * filtered by status; each with its photos, place and the problem made of it; 受理 (makes a
 * problem in 发现), 不予受理 with a reason, 答复; the deputy's rating once given.
 */
import { useState } from 'preact/hooks';
import { listReports, type ReportStatus } from '../../api/reports';
import { t } from '../../i18n';
import { useLoad } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { ErrorBanner, Loading, PageTitle, SuccessBanner } from '../../components/ui';
import { ReportCard } from '../../components/office/ReportCard';
import type { ReportDone } from '../../components/office/ReportActions';
import '../../styles/review.css';
import '../../styles/reports.css';

const STATUSES: readonly ReportStatus[] = ['submitted', 'accepted', 'replied', 'rated', 'declined'];

function Done({ done }: { done: ReportDone }) {
  const issue = done.report.issue;
  return (
    <SuccessBanner testid="report-done">
      {t(`reports.done.${done.action}`, { title: done.report.title })}
      {done.action === 'accepted' && issue && (
        <>
          {' '}
          <Link
            href={`/office/issues/${encodeURIComponent(issue.id)}`}
            data-testid="report-done-issue"
            data-issue-id={issue.id}
          >
            {t('reports.issueOpen')}
          </Link>
        </>
      )}
    </SuccessBanner>
  );
}

export function Reports() {
  const [status, setStatus] = useState<ReportStatus | ''>('');
  const [done, setDone] = useState<ReportDone | null>(null);
  const list = useLoad((signal) => listReports(status, signal), [status]);
  const onDone = (next: ReportDone) => {
    setDone(next);
    list.reload();
  };
  const items = list.data?.items ?? [];
  return (
    <section class="page review-page" data-testid="reports-page">
      <PageTitle>{t('reports.title')}</PageTitle>
      <p class="hint">{t('reports.intro')}</p>
      <form class="review-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('reports.filter.status')}
          <select
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as ReportStatus | '')}
            data-testid="reports-filter-status"
          >
            <option value="">{t('common.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`reports.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {done && <Done done={done} />}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length ? (
        <>
          <p class="review-count">{t('reports.count', { n: items.length })}</p>
          {items.map((report) => (
            <ReportCard
              key={`${report.id}:${report.version}`}
              report={report}
              photos={list.data?.photos[report.id] ?? []}
              onDone={onDone}
            />
          ))}
        </>
      ) : (
        <p class="empty" data-testid="reports-empty">
          {t('reports.empty')}
        </p>
      )}
    </section>
  );
}
