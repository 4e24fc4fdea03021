/**
 * Record a problem found on site: description, severity, photos, suggested unit and deadline.
 * What is typed and the photos chosen are kept on the phone as the user goes (`draftKey`), so
 * a reload before 保存 loses nothing; 保存 and 放弃 clear it, 收起 keeps it for later.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { todayISO } from '../../lib/format';
import {
  validateProblem,
  type ProblemErrors,
  type ProblemForm as Form,
} from '../../lib/inspection-form';
import type { Severity } from '../../lib/field-records';
import { storageErrorMessage, useFormDraft } from '../../lib/use-form-draft';
import type { FormPhotoRecord } from '../../sync/forms';
import { ErrorBanner } from '../ui';
import { PhotoPicker } from './PhotoPicker';
import { DraftPhotos } from './DraftPhotos';
import { DraftActions, RestoredNote } from './DraftActions';

const EMPTY: Form = { description: '', severity: '', suggestedUnit: '', suggestedDeadline: '' };
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high'];

/** How 保存 went so far: a retry after a failure must not create the problem twice. */
export interface SaveProgress {
  /** The problem 保存 already created, else null. */
  savedAs: string | null;
  saved(ownerId: string): Promise<void>;
  /** This photo is attached to the problem now (queued with its bytes). */
  attached(photoId: string): Promise<void>;
}

export function ProblemForm({
  draftKey,
  units,
  defaultUnit,
  prefill,
  onSave,
  onCancel,
}: {
  draftKey: string;
  units: string[];
  defaultUnit?: string;
  /** The description a new draft starts with (a checklist item answered as a problem). */
  prefill?: string;
  onSave: (form: Form, photos: FormPhotoRecord[], progress: SaveProgress) => Promise<void>;
  onCancel: () => void;
}) {
  const empty: Form = { ...EMPTY, suggestedUnit: defaultUnit ?? '', description: prefill ?? '' };
  const draft = useFormDraft<Form>(
    draftKey,
    empty,
    (f) =>
      !f.description.trim() &&
      !f.severity &&
      !f.suggestedDeadline &&
      (!f.suggestedUnit || f.suggestedUnit === (defaultUnit ?? '')),
  );
  const { fields: form, set } = draft;
  const [errors, setErrors] = useState<ProblemErrors>({});
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const err = (key: keyof Form) => (errors[key] ? t(`field.problem.err.${errors[key]}`) : null);
  const locked = !!draft.savedAs; // the problem exists: only its photos are left to save

  async function save(e: Event) {
    e.preventDefault();
    const found = locked ? {} : validateProblem(form, todayISO());
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailed(null);
    try {
      const photos = await draft.settle();
      await onSave(form, photos, {
        savedAs: draft.savedAs,
        saved: draft.markSaved,
        attached: draft.photoAttached,
      });
      await draft.clear();
    } catch (error) {
      setFailed(storageErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  if (!draft.ready) return <p class="loading card">{t('app.loading')}</p>;
  return (
    <form class="problem-form card" onSubmit={save} data-testid="problem-form" noValidate>
      <h3>{t('field.problem.new')}</h3>
      <RestoredNote show={draft.restored} testid="problem-restored" />
      {locked && (
        <p class="alert alert-info">{t('field.draft.photosLeft', { n: draft.photos.length })}</p>
      )}
      <div class="field">
        <label for="problem-desc">{t('field.problem.description')} *</label>
        <textarea
          id="problem-desc"
          rows={4}
          value={form.description}
          disabled={locked}
          data-testid="problem-description"
          onInput={(e) => set('description', e.currentTarget.value)}
        />
        {err('description') && <p class="field-error">{err('description')}</p>}
      </div>
      <div class="field">
        <span class="label">{t('field.problem.severity')} *</span>
        <div class="choices" role="radiogroup" aria-label={t('field.problem.severity')}>
          {SEVERITIES.map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              disabled={locked}
              aria-checked={form.severity === s}
              class={`choice sev-${s}${form.severity === s ? ' is-on' : ''}`}
              data-testid={`problem-severity-${s}`}
              onClick={() => set('severity', s)}
            >
              {t(`field.severity.${s}`)}
            </button>
          ))}
        </div>
        {err('severity') && <p class="field-error">{err('severity')}</p>}
      </div>
      <div class="field">
        <span class="label">{t('field.problem.photos')}</span>
        <PhotoPicker testid="problem-photo" busy={draft.adding} onFiles={draft.addFiles} />
        <DraftPhotos
          photos={draft.photos}
          testid="problem-photo"
          onRemove={busy ? undefined : (id) => void draft.removePhoto(id)}
        />
      </div>
      <div class="field">
        <label for="problem-unit">{t('field.problem.unit')}</label>
        <input
          id="problem-unit"
          list="problem-units"
          value={form.suggestedUnit}
          disabled={locked}
          data-testid="problem-unit"
          onInput={(e) => set('suggestedUnit', e.currentTarget.value)}
        />
        <datalist id="problem-units">
          {units.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for="problem-deadline">{t('field.problem.deadline')}</label>
        <input
          id="problem-deadline"
          type="date"
          min={todayISO()}
          value={form.suggestedDeadline}
          disabled={locked}
          data-testid="problem-deadline"
          onInput={(e) => set('suggestedDeadline', e.currentTarget.value)}
        />
        {err('suggestedDeadline') && <p class="field-error">{err('suggestedDeadline')}</p>}
      </div>
      <p class="hint">{t('field.problem.hint')}</p>
      <ErrorBanner error={failed ?? draft.error} testid="problem-error" />
      <DraftActions
        testid="problem"
        busy={busy || draft.adding}
        saveLabel={t('field.problem.save')}
        canDiscard={!locked}
        onClose={onCancel}
        onDiscard={async () => {
          await draft.clear();
          onCancel();
        }}
      />
    </form>
  );
}
