/** The deputy rates the office's reply: 满意 / 基本满意 / 不满意 (不满意 needs a reason). */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { serial } from '../../lib/field-actions';
import { rateOnPhone } from '../../lib/report-actions';
import { ratingNeedsReason, type PulledReport, type RatingCode } from '../../lib/report-steps';
import { useSync } from '../../lib/sync-context';
import { errorMessage } from '../ui';

const RATINGS: readonly RatingCode[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];

export function ReportRate({ report }: { report: PulledReport }) {
  const sync = useSync();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const engine = sync.engine;
  if (!engine) return null;
  const rate = async (rating: RatingCode) => {
    if (ratingNeedsReason(rating, comment)) {
      setError(t('field.report.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await serial(() => rateOnPhone(engine, report, rating, comment));
      sync.changed();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const inputId = `rate-${report.id}`;
  return (
    <div class="rate-box" data-testid="report-rate">
      <label for={inputId}>{t('field.report.rateAsk')}</label>
      <textarea
        id={inputId}
        rows={2}
        placeholder={t('field.report.commentNeeded')}
        value={comment}
        onInput={(e) => setComment(e.currentTarget.value)}
        data-testid="report-rate-comment"
      />
      {error && (
        <p class="alert alert-error" role="alert" data-testid="report-rate-error">
          {error}
        </p>
      )}
      <div class="choices">
        {RATINGS.map((r) => (
          <button
            key={r}
            type="button"
            class="choice"
            disabled={busy}
            onClick={() => void rate(r)}
            data-testid={`report-rate-${r}`}
          >
            {t(`field.rating.${r}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
