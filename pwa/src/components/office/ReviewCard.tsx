/** One submitted inspection in the office's review queue: evidence, checklist, approve / return. */
import { useState } from 'preact/hooks';
import { approveInspection, returnInspection, type ReviewItem } from '../../api/review';
import { getLang, t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { answerText, distanceText } from '../../lib/review';
import { fieldTime } from '../../lib/times';
import { isBadAnswer } from '../../lib/template-pick';
import { FlagList } from '../PhotoFlags';
import { errorMessage } from '../ui';

function Position({ item }: { item: ReviewItem }) {
  const p = item.position;
  if (!p) return <p class="review-meta warn-text">{t('review.noPosition')}</p>;
  if (p.distance_to_project_m === null) {
    return (
      <p class="review-meta">
        {t('review.positionNoProject', { lat: p.lat.toFixed(5), lon: p.lon.toFixed(5) })}
      </p>
    );
  }
  const far = p.distance_to_project_m > 500;
  return (
    <p class={`review-meta ${far ? 'warn-text' : ''}`} data-testid="review-position">
      {t('review.position', {
        distance: distanceText(p.distance_to_project_m, getLang()),
        accuracy: p.accuracy_m === null ? '?' : Math.round(p.accuracy_m),
      })}
    </p>
  );
}

function Photos({ item }: { item: ReviewItem }) {
  if (!item.photos.length) return null;
  return (
    <section>
      <h3>{t('review.photos', { n: item.photos.length })}</h3>
      <ul class="review-photos">
        {item.photos.map((photo) => (
          <li key={photo.id} data-testid="review-photo">
            {photo.status === 'ready' ? (
              <a href={photo.display_url} target="_blank" rel="noopener">
                <img src={photo.thumb_url} alt="" loading="lazy" width={160} height={120} />
              </a>
            ) : (
              <span class="review-photo-pending">{t('review.photoPending')}</span>
            )}
            <FlagList flags={photo.flags} ok={photo.status === 'ready'} testid="review-flag" />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Checklist({ item }: { item: ReviewItem }) {
  const words = {
    yes: t('review.answer.yes'),
    no: t('review.answer.no'),
    na: t('review.answer.na'),
    photos: (n: number) => t('review.answer.photoN', { n }),
  };
  return (
    <section>
      <h3>
        {item.template_name
          ? `${t('review.checklist')} · ${item.template_name}`
          : t('review.checklist')}
      </h3>
      {item.answers.length ? (
        <dl class="review-answers" data-testid="review-answers">
          {item.answers.map((a) => (
            <div
              key={a.item_id}
              class={isBadAnswer(a, a.value) ? 'answer-bad' : undefined}
              data-bad={isBadAnswer(a, a.value) ? 'true' : 'false'}
            >
              <dt>{a.label}</dt>
              <dd>
                {answerText(a, words)}
                {a.note ? <span class="review-answer-note"> · {a.note}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p class="empty">{t('review.noAnswers')}</p>
      )}
    </section>
  );
}

export function ReviewCard({
  item,
  onDone,
}: {
  item: ReviewItem;
  onDone: (item: ReviewItem) => void;
}) {
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<ReviewItem>) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await fn());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const sendBack = () => {
    if (!reason.trim()) {
      setError(t('review.returnReasonRequired'));
      return;
    }
    void act(() => returnInspection(item.id, reason.trim()));
  };
  return (
    <article
      class={`card review-card ${item.urgent ? 'is-urgent' : ''}`}
      data-testid="review-item"
      data-id={item.id}
      data-urgent={item.urgent ? 'true' : 'false'}
    >
      <header class="review-head">
        <h2>
          {item.project.name} <small>{item.project.township?.name ?? ''}</small>
        </h2>
        <p class="review-meta">
          <span class="badge">{item.kind_label}</span>{' '}
          {t('review.by', {
            name: item.inspector.display_name,
            time: fieldTime(item.submitted_at, item.received_at, item.clock_skew),
          })}
        </p>
        {item.urgency.map((u) => (
          <span key={u.code} class="badge badge-urgent" data-testid="review-urgency">
            {u.label}
          </span>
        ))}
      </header>
      {item.replaces && (
        <div class="alert alert-info" data-testid="review-replaces">
          {t('review.corrects', { time: formatDateTime(item.replaces.submitted_at) })}
          {item.replaces.review_note && (
            <div>{t('review.correctsNote', { note: item.replaces.review_note })}</div>
          )}
        </div>
      )}
      {item.corrected_by.length > 0 && (
        <div class="alert alert-warn">{t('review.correctedBy')}</div>
      )}
      <Position item={item} />
      {item.notes && <p>{t('review.notes', { notes: item.notes })}</p>}
      <Photos item={item} />
      <Checklist item={item} />
      {item.problems.length > 0 && (
        <section>
          <h3>{t('review.problems', { n: item.problems.length })}</h3>
          <ul class="plain-list">
            {item.problems.map((p) => (
              <li key={p.id} data-testid="review-problem">
                <span class={`badge severity-${p.severity}`}>
                  {t(`review.severity.${p.severity}`)}
                </span>{' '}
                {p.title}
              </li>
            ))}
          </ul>
        </section>
      )}
      {error && (
        <p class="alert alert-error" role="alert" data-testid="review-error">
          {error}
        </p>
      )}
      {returning ? (
        <div class="review-return">
          <label for={`reason-${item.id}`}>{t('review.returnReason')}</label>
          <textarea
            id={`reason-${item.id}`}
            rows={3}
            value={reason}
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
            data-testid="review-reason"
          />
          <div class="review-actions">
            <button
              type="button"
              class="btn btn-danger"
              disabled={busy}
              onClick={sendBack}
              data-testid="review-return-confirm"
            >
              {t('review.returnConfirm')}
            </button>
            <button type="button" class="btn" disabled={busy} onClick={() => setReturning(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="review-actions">
          <button
            type="button"
            class="btn btn-primary"
            disabled={busy}
            onClick={() => void act(() => approveInspection(item.id))}
            data-testid="review-approve"
          >
            {t('review.approve')}
          </button>
          <button
            type="button"
            class="btn"
            disabled={busy}
            onClick={() => setReturning(true)}
            data-testid="review-return"
          >
            {t('review.return')}
          </button>
        </div>
      )}
    </article>
  );
}
