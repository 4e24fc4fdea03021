/**
 * 复核 on site, for an inspector (or the office) at a rectified problem: take photos of what is
 * there now, then pass it (→ 已复核) or send it back to the unit (→ 整改中) with a reason.
 * Queued like every field action, so it works with no signal.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { SyncEngine } from '../../sync/client';
import type { GeoFix } from '../../sync/db';
import { attachPhoto, verifyIssue } from '../../lib/field-actions';
import type { IssueData, PhotoData } from '../../lib/field-records';
import { canPassVerification, type PhotoFlag } from '../../lib/stage-photos';
import { FlagList } from '../PhotoFlags';
import { PhotoPicker, PhotoStrip } from './PhotoPicker';

type Photo = PhotoData & { pending?: boolean };

export function VerifyCard({
  engine,
  issue,
  fresh,
  warnings,
  fix,
  busy,
  act,
}: {
  engine: SyncEngine;
  issue: IssueData;
  /** the checker's photos not cited yet: the evidence 复核 sends */
  fresh: Photo[];
  /** warning flags of the unit's rectification photos, to judge them by */
  warnings: PhotoFlag[];
  fix: GeoFix | null;
  busy: boolean;
  act: (fn: () => Promise<unknown>) => Promise<void>;
}) {
  const [note, setNote] = useState('');
  const photoIds = fresh.map((p) => p.id);
  return (
    <section class="card" data-testid="verify-form">
      <h2>{t('field.verify.title')}</h2>
      <p class="hint">{t('field.verify.hint')}</p>
      {warnings.length > 0 && (
        <div class="close-flags" data-testid="verify-flags">
          <strong>{t('photos.flagsTitle')}</strong>
          <FlagList flags={warnings} />
        </div>
      )}
      <PhotoStrip photos={fresh} testid="verify-photos" />
      <PhotoPicker
        testid="verify-photo"
        busy={busy}
        onFiles={(files) =>
          act(async () => {
            for (const file of files) await attachPhoto(engine, file, 'issue', issue.id, fix);
          })
        }
      />
      <div class="field">
        <label for="verify-note">{t('field.verify.note')}</label>
        <textarea
          id="verify-note"
          rows={3}
          value={note}
          data-testid="verify-note"
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      <div class="verify-buttons">
        <button
          type="button"
          class="btn btn-primary btn-big"
          disabled={busy || !canPassVerification(fresh)}
          data-testid="verify-pass"
          onClick={() => act(() => verifyIssue(engine, issue, true, note, photoIds))}
        >
          {t('field.verify.pass')}
        </button>
        <button
          type="button"
          class="btn btn-danger btn-big"
          disabled={busy || !note.trim()}
          data-testid="verify-fail"
          onClick={() => act(() => verifyIssue(engine, issue, false, note, photoIds))}
        >
          {t('field.verify.fail')}
        </button>
      </div>
      {!fresh.length && (
        <p class="warn-text" data-testid="verify-need-photo">
          {t('photos.verify.need')}
        </p>
      )}
      <p class="hint">{t('field.verify.rules')}</p>
    </section>
  );
}
