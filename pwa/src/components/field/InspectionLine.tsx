/** One inspection in a list: kind, date, status, and whether it waits for sync. */
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import type { LocalRecord } from '../../sync/db';
import type { InspectionData } from '../../lib/field-records';
import { reviewStateOf } from '../../lib/review';

export function InspectionLine({
  record,
  projectName,
}: {
  record: LocalRecord<InspectionData>;
  projectName?: string;
}) {
  const i = record.data;
  const review = reviewStateOf(i);
  const state = review
    ? t(review.kind === 'approved' ? 'review.phone.approved' : 'review.phone.returnedShort')
    : i.status === 'draft'
      ? t('field.insp.draft')
      : t('field.insp.submitted');
  return (
    <li>
      <Link
        href={`/field/inspections/${i.id}`}
        class="line-link"
        data-testid="inspection-line"
        data-id={i.id}
        data-status={i.status}
        data-pending={record.pending ? 'true' : 'false'}
      >
        <span>
          <strong>{t(`field.kind.${i.kind}`)}</strong> {projectName ?? ''}
        </span>
        <span class="line-meta">
          {formatDateTime(i.submitted_at ?? i.started_at)} ·{' '}
          {i.replaces_id ? `${t('review.phone.correction')} · ` : ''}
          <span class={review?.kind === 'returned' ? 'refused-text' : undefined}>{state}</span>
          {' · '}
          {record.refused ? (
            <span class="refused-text">{t('field.refused.short')}</span>
          ) : (
            <span class={record.pending ? 'pending-text' : 'ok-text'}>
              {record.pending ? t('field.insp.pending') : t('field.insp.synced')}
            </span>
          )}
        </span>
        {review?.kind === 'returned' && (
          <span class="line-meta refused-text" data-testid="inspection-line-note">
            {t('review.phone.returned', { note: review.note })}
          </span>
        )}
      </Link>
    </li>
  );
}
