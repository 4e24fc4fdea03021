/**
 * What the unit was asked (交办要求): the slip in force — its number, 整改要求, deadline and when it
 * was issued — read from the pulled problem, so the unit sees it offline too.
 */
import { t } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import type { IssueData } from '../../lib/field-records';
import '../../styles/photos.css';

export function AskedCard({ slip }: { slip: IssueData['slip'] }) {
  if (!slip) return null;
  return (
    <section class="card asked-card" data-testid="unit-asked">
      <h2>{t('photos.asked.title')}</h2>
      <dl>
        <dt>{t('photos.asked.slip')}</dt>
        <dd class="mono" data-testid="unit-asked-slip">
          {slip.code}
        </dd>
        <dt>{t('photos.asked.requirements')}</dt>
        <dd class="pre" data-testid="unit-asked-requirements">
          {slip.requirements?.trim() || t('photos.asked.noRequirements')}
        </dd>
        <dt>{t('photos.asked.deadline')}</dt>
        <dd data-testid="unit-asked-deadline">{formatDate(slip.deadline)}</dd>
        <dt>{t('photos.asked.issued')}</dt>
        <dd>{formatDateTime(slip.issued_at)}</dd>
      </dl>
    </section>
  );
}
