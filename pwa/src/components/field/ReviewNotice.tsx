/**
 * The office's review of an inspection, on the inspector's phone: "督查室退回:…" with the button
 * that starts a correction (or opens the one already started), or "已审核通过".
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Link, navigate } from '../../lib/router';
import { serial } from '../../lib/field-actions';
import { latestCorrection, reviewStateOf } from '../../lib/review';
import { startCorrection } from '../../lib/review-actions';
import type { InspectionData, TemplateData } from '../../lib/field-records';
import type { SyncEngine } from '../../sync/client';
import type { GeoFix } from '../../sync/db';
import { errorMessage } from '../ui';

export function ReviewNotice({
  inspection,
  all,
  template,
  engine,
  fix,
  onChanged,
}: {
  inspection: InspectionData;
  all: InspectionData[];
  template: TemplateData | undefined;
  engine: SyncEngine | null;
  fix: GeoFix | null;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = reviewStateOf(inspection);
  if (!state) return null;
  if (state.kind === 'approved') {
    return (
      <div class="alert alert-ok review-notice" data-testid="review-approved">
        {t('review.phone.approved')}
      </div>
    );
  }
  const correction = latestCorrection(inspection.id, all);
  const correct = async () => {
    if (!engine) return;
    setBusy(true);
    setError(null);
    try {
      const id = await serial(() => startCorrection(engine, inspection, template, fix));
      onChanged();
      navigate(`/field/inspections/${id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="alert alert-error review-notice" role="alert" data-testid="review-returned">
      <p data-testid="review-note">{t('review.phone.returned', { note: state.note })}</p>
      {correction ? (
        <p>
          {t('review.phone.corrected')}{' '}
          <Link href={`/field/inspections/${correction.id}`} data-testid="review-open-correction">
            {t('review.phone.openCorrection')}
          </Link>
        </p>
      ) : (
        <button
          type="button"
          class="btn btn-primary btn-block"
          disabled={busy || !engine}
          onClick={correct}
          data-testid="review-correct"
        >
          {t('review.phone.correct')}
        </button>
      )}
      {error && <p class="error-text">{error}</p>}
    </div>
  );
}
