/**
 * The office's drafted and published bulletins, newest first: the number (督通〔年〕N号) or 草稿,
 * the area and period, when drafted and published; each links to its page.
 */
import { listBulletinRecords, type BulletinRecord } from '../../api/bulletin';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { ErrorBanner, Loading } from '../ui';

/** A timestamp's day in local time ("2026-11-30"). */
export const localDay = (value: string | null) => formatDateTime(value).slice(0, 10);

function BulletinRow({ bulletin }: { bulletin: BulletinRecord }) {
  const published = bulletin.status === 'published';
  return (
    <li
      class="card bulletin-row"
      data-testid="bulletin-row"
      data-id={bulletin.id}
      data-status={bulletin.status}
    >
      <Link href={`/office/bulletins/${bulletin.id}`} class="bulletin-row-link">
        <span class="bulletin-row-head">
          {published ? (
            <strong class="bulletin-code" data-testid="bulletin-row-code">
              {bulletin.code}
            </strong>
          ) : (
            <span class="badge bulletin-draft-badge" data-testid="bulletin-row-code">
              {t('bulletin.list.draft')}
            </span>
          )}
          <span>{bulletin.region.name}</span>
        </span>
        <span class="line-meta" data-testid="bulletin-row-period">
          {t('bulletin.range', { from: bulletin.from, to: bulletin.to })}
        </span>
        <span class="line-meta">
          {t('bulletin.list.created', { date: localDay(bulletin.created_at) })}
          {published &&
            ` · ${t('bulletin.list.publishedOn', { date: localDay(bulletin.published_at) })}`}
        </span>
      </Link>
    </li>
  );
}

export function BulletinList() {
  const list = useLoad((signal) => listBulletinRecords(signal), []);
  return (
    <section
      class="bulletin-list"
      data-testid="bulletin-list"
      aria-labelledby="bulletin-list-title"
    >
      <h2 id="bulletin-list-title">{t('bulletin.list.title')}</h2>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!list.data && list.loading && <Loading />}
      {list.data &&
        (list.data.length ? (
          <ul class="cards bulletin-rows">
            {list.data.map((b) => (
              <BulletinRow key={b.id} bulletin={b} />
            ))}
          </ul>
        ) : (
          <p class="empty" data-testid="bulletin-list-empty">
            {t('bulletin.list.empty')}
          </p>
        ))}
    </section>
  );
}
