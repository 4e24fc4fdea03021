/** A log line's detail (issue 14): an inspection's answers against the checklist version it was
 * captured with (red only where the item says the answer is a problem), and the line's photo
 * thumbnails grouped by stage. */
import type { LogEntry } from '../../api/lists';
import { t } from '../../i18n';
import { answerText } from '../../lib/review';
import { PHOTO_STAGES } from '../../lib/stage-photos';

export function LogAnswers({ checklist }: { checklist: NonNullable<LogEntry['checklist']> }) {
  const words = {
    yes: t('review.answer.yes'),
    no: t('review.answer.no'),
    na: t('review.answer.na'),
    photos: (n: number) => t('review.answer.photoN', { n }),
  };
  const tpl = checklist.template;
  return (
    <details class="log-checklist" data-testid="log-checklist" data-version={tpl?.version ?? ''}>
      <summary>
        {tpl
          ? t('tpl.log.summary', {
              name: tpl.name,
              version: tpl.version,
              n: checklist.answers.length,
            })
          : t('tpl.log.summaryNone', { n: checklist.answers.length })}
      </summary>
      <dl class="review-answers log-answers">
        {checklist.answers.map((a) => (
          <div
            key={a.item_id}
            class={a.bad ? 'answer-bad' : undefined}
            data-testid="log-answer"
            data-bad={a.bad ? 'true' : 'false'}
          >
            <dt>{a.label}</dt>
            <dd>
              {answerText(a, words)}
              {a.note ? <span class="review-answer-note"> · {a.note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function LogPhotos({ photos }: { photos: NonNullable<LogEntry['photos']> }) {
  const stages = PHOTO_STAGES.filter((s) => photos.some((p) => p.stage === s));
  if (!stages.length) return null;
  return (
    <div class="log-photos" data-testid="log-photos">
      {stages.map((stage) => (
        <figure key={stage} class="log-photo-stage" data-stage={stage}>
          <figcaption>{t(`photos.stage.${stage}`)}</figcaption>
          <ul class="review-photos">
            {photos
              .filter((p) => p.stage === stage)
              .map((p) => (
                <li key={p.id} data-testid="log-photo">
                  {p.status === 'ready' ? (
                    <a href={p.display_url} target="_blank" rel="noopener">
                      <img src={p.thumb_url} alt="" loading="lazy" width={96} height={72} />
                    </a>
                  ) : (
                    <span class="review-photo-pending">{t('review.photoPending')}</span>
                  )}
                </li>
              ))}
          </ul>
        </figure>
      ))}
    </div>
  );
}
