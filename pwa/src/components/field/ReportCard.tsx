/**
 * One of the deputy's reports on the phone: words, photos, progress, the office's
 * reply, the rating. Once the office accepted it, the problem's rectification and check photos
 * beside the deputy's own, by stage, with their flags.
 */
import { getLang, t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import type { PhotoData } from '../../lib/field-records';
import { canRate, type PulledReport } from '../../lib/report-steps';
import { fromPulled } from '../../lib/stage-photos';
import { StagePhotos } from '../StagePhotos';
import { LocalImage, PhotoStrip } from './PhotoPicker';
import { ReportProgress } from './ReportProgress';
import { ReportRate } from './ReportRate';

export function ReportCard({
  report,
  pending,
  photos,
}: {
  report: PulledReport;
  pending: boolean;
  /** the report's photos and those of the problem made of it */
  photos: (PhotoData & { pending?: boolean })[];
}) {
  const own = photos.filter((p) => p.owner_type === 'report');
  const staged = photos.map((p) => fromPulled(p, getLang(), null, 'report'));
  const accepted = !!report.issue_id && report.status !== 'submitted';
  const fixed = accepted && staged.some((p) => p.stage === 'rectify' || p.stage === 'verify');
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
      {fixed ? (
        <StagePhotos
          photos={staged}
          image={(p) => <LocalImage photo={p} />}
          testid="report-stage-photos"
        />
      ) : (
        own.length > 0 && <PhotoStrip photos={own} testid="report-photos" />
      )}
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
