/**
 * A photo's evidence flags (far from the site, old EXIF time, edited, reused…), warnings first
 * in red: the review queue's list, used wherever a photo is judged.
 */
import { t } from '../i18n';
import type { PhotoFlag } from '../lib/stage-photos';
import '../styles/photos.css';

export function FlagList({
  flags,
  ok = false,
  testid = 'photo-flag',
}: {
  flags: readonly PhotoFlag[];
  /** Say "未发现异常" when there is none (a photo whose checks ran). */
  ok?: boolean;
  testid?: string;
}) {
  if (!flags.length) return ok ? <p class="review-flags ok-text">{t('photos.noFlags')}</p> : null;
  const sorted = [...flags].sort(
    (a, b) => Number(b.severity === 'warning') - Number(a.severity === 'warning'),
  );
  return (
    <ul class="review-flags">
      {sorted.map((f, i) => (
        <li
          key={`${f.code}-${i}`}
          class={f.severity === 'warning' ? 'flag-warning' : 'flag-info'}
          data-testid={testid}
          data-severity={f.severity}
        >
          {f.message}
        </li>
      ))}
    </ul>
  );
}
