/**
 * One of the deputy's reports on the phone: words, photos, progress, the office's
 * reply, the rating.
 */
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import type { PhotoData } from '../../lib/field-records';
import { canRate, type PulledReport } from '../../lib/report-steps';
import { PhotoStrip } from './PhotoPicker';
import { ReportProgress } from './ReportProgress';
import { ReportRate } from './ReportRate';

export function ReportCard({
  report,
  pending,
  photos,
}: {
  report: PulledReport;
  pending: boolean;
  photos: (PhotoData & { pending?: boolean })[];
}) {
  return (
    <li
      class="card"
      data-testid="report-card"
      data-id={report.id}
      data-status={report.status}
      data-pending={pending ? 'true' : 'false'}
    >
      <strong>{report.title}</strong>
      <p class="line-meta">
        {formatDateTime(report.created_at)} · {t(`field.report.status.${report.status}`)} ·{' '}
        {pending ? t('field.insp.pending') : t('field.insp.synced')}
      </p>
      <p class="pre">{report.description}</p>
      {photos.length > 0 && <PhotoStrip photos={photos} testid="report-photos" />}
      <ReportProgress report={report} />
      {report.reply && report.status !== 'declined' && (
        <p class="reply" data-testid="report-reply">
          <strong>{t('field.report.reply')}</strong> {report.reply}
        </p>
      )}
      {report.rating && (
        <p data-testid="report-rating" data-rating={report.rating}>
          {t('field.report.rated', { rating: t(`field.rating.${report.rating}`) })}
          {report.rating_comment && (
            <> · {t('field.report.ratedComment', { comment: report.rating_comment })}</>
          )}
        </p>
      )}
      {canRate(report) && (
        <ReportRate key={`${report.id}:${report.version ?? 0}`} report={report} />
      )}
    </li>
  );
}
