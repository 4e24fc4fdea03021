/**
 * The supervision office's review queue (/office/review): submitted inspections, urgent ones
 * first (a severe problem or a doubtful photo), then newest; each with its photos and evidence
 * flags, checklist and problems; approve, or return to the inspector with a reason.
 */
import { useState } from 'preact/hooks';
import { getFacets } from '../../api';
import { reviewQueue, type ReviewItem } from '../../api/review';
import { listReports } from '../../api/reports';
import { Link } from '../../lib/router';
import { t } from '../../i18n';
import { useLoad } from '../../lib/hooks';
import { ErrorBanner, Loading, PageTitle, SuccessBanner } from '../../components/ui';
import { ReviewCard } from '../../components/office/ReviewCard';
import '../../styles/review.css';

const KINDS = ['revisit', 'random', 'focused', 'joint', 'routine'];

export function Review() {
  const [kind, setKind] = useState('');
  const [township, setTownship] = useState('');
  const [flagged, setFlagged] = useState(false);
  const [done, setDone] = useState<ReviewItem | null>(null);
  const facets = useLoad((signal) => getFacets(signal), []);
  // deputies' reports wait on their own page; say here how many are waiting to be accepted
  const waitingReports = useLoad((signal) => listReports('submitted', signal), []);
  const reportsWaiting = waitingReports.data?.items.length ?? 0;
  const queue = useLoad(
    (signal) =>
      reviewQueue(
        { kind: kind || undefined, township_id: township ? Number(township) : null, flagged },
        signal,
      ),
    [kind, township, flagged],
  );
  const onDone = (item: ReviewItem) => {
    setDone(item);
    queue.reload();
  };
  const items = queue.data?.items ?? [];
  return (
    <section class="page review-page" data-testid="review-page">
      <PageTitle>{t('review.title')}</PageTitle>
      <p class="hint">{t('review.intro')}</p>
      {reportsWaiting > 0 && (
        <p class="alert alert-info" data-testid="review-reports-waiting">
          <Link href="/office/reports">{t('review.reportsWaiting', { n: reportsWaiting })}</Link>
        </p>
      )}
      <form class="review-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('review.filter.kind')}
          <select
            value={kind}
            onChange={(e) => setKind((e.target as HTMLSelectElement).value)}
            data-testid="review-filter-kind"
          >
            <option value="">{t('common.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`field.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review.filter.township')}
          <select
            value={township}
            onChange={(e) => setTownship((e.target as HTMLSelectElement).value)}
            data-testid="review-filter-township"
          >
            <option value="">{t('common.all')}</option>
            {(facets.data?.townships ?? []).map((tw) => (
              <option key={tw.id} value={String(tw.id)}>
                {tw.name}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={flagged}
            onChange={(e) => setFlagged((e.target as HTMLInputElement).checked)}
            data-testid="review-filter-flagged"
          />
          {t('review.filter.flagged')}
        </label>
      </form>
      {done && (
        <SuccessBanner testid="review-done">
          {done.project.name} ·{' '}
          {done.status === 'approved'
            ? t('review.approved')
            : t('review.returned', { note: done.review_note ?? '' })}
        </SuccessBanner>
      )}
      <ErrorBanner error={queue.error} onRetry={queue.reload} />
      {queue.loading && !queue.data ? (
        <Loading />
      ) : items.length ? (
        <>
          <p class="review-count">{t('review.count', { n: queue.data?.total ?? items.length })}</p>
          {items.map((item) => (
            <ReviewCard key={`${item.id}:${item.version}`} item={item} onDone={onDone} />
          ))}
        </>
      ) : (
        <p class="empty" data-testid="review-empty">
          {t('review.empty')}
        </p>
      )}
    </section>
  );
}
