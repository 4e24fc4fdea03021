/** Record a problem found on site: description, severity, photos, suggested unit and deadline. */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { todayISO } from '../../lib/format';
import { validateProblem, type ProblemErrors, type ProblemForm as Form } from '../../lib/inspection-form';
import type { Severity } from '../../lib/field-records';

const EMPTY: Form = { description: '', severity: '', suggestedUnit: '', suggestedDeadline: '' };
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high'];

export function ProblemForm({
  units,
  defaultUnit,
  onSave,
  onCancel,
}: {
  units: string[];
  defaultUnit?: string;
  onSave: (form: Form, photos: File[]) => Promise<void>;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<Form>({ ...EMPTY, suggestedUnit: defaultUnit ?? '' });
  const [photos, setPhotos] = useState<File[]>([]);
  const [errors, setErrors] = useState<ProblemErrors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: keyof Form) => (errors[key] ? t(`field.problem.err.${errors[key]}`) : null);

  async function save(e: Event) {
    e.preventDefault();
    const found = validateProblem(form, todayISO());
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await onSave(form, photos);
      setForm({ ...EMPTY, suggestedUnit: defaultUnit ?? '' });
      setPhotos([]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="problem-form card" onSubmit={save} data-testid="problem-form" noValidate>
      <h3>{t('field.problem.new')}</h3>
      <div class="field">
        <label for="problem-desc">{t('field.problem.description')} *</label>
        <textarea id="problem-desc" rows={4} value={form.description} data-testid="problem-description" onInput={(e) => set('description', e.currentTarget.value)} />
        {err('description') && <p class="field-error">{err('description')}</p>}
      </div>
      <div class="field">
        <span class="label">{t('field.problem.severity')} *</span>
        <div class="choices" role="radiogroup" aria-label={t('field.problem.severity')}>
          {SEVERITIES.map((s) => (
            <button key={s} type="button" role="radio" aria-checked={form.severity === s} class={`choice sev-${s}${form.severity === s ? ' is-on' : ''}`} data-testid={`problem-severity-${s}`} onClick={() => set('severity', s)}>
              {t(`field.severity.${s}`)}
            </button>
          ))}
        </div>
        {err('severity') && <p class="field-error">{err('severity')}</p>}
      </div>
      <div class="field">
        <span class="label">{t('field.problem.photos')}</span>
        <div class="photo-picker">
          <label class="btn">
            {t('field.photo.camera')}
            <input type="file" accept="image/*" capture="environment" class="visually-hidden-input" data-testid="problem-photo-camera" onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? []);
              e.currentTarget.value = '';
              setPhotos((p) => [...p, ...files]);
            }} />
          </label>
          <label class="btn">
            {t('field.photo.gallery')}
            <input type="file" accept="image/*" multiple class="visually-hidden-input" data-testid="problem-photo-gallery" onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? []);
              e.currentTarget.value = '';
              setPhotos((p) => [...p, ...files]);
            }} />
          </label>
          {photos.length > 0 && <span data-testid="problem-photo-count">{t('field.problem.photoCount', { n: photos.length })}</span>}
        </div>
      </div>
      <div class="field">
        <label for="problem-unit">{t('field.problem.unit')}</label>
        <input id="problem-unit" list="problem-units" value={form.suggestedUnit} data-testid="problem-unit" onInput={(e) => set('suggestedUnit', e.currentTarget.value)} />
        <datalist id="problem-units">
          {units.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for="problem-deadline">{t('field.problem.deadline')}</label>
        <input id="problem-deadline" type="date" min={todayISO()} value={form.suggestedDeadline} data-testid="problem-deadline" onInput={(e) => set('suggestedDeadline', e.currentTarget.value)} />
        {err('suggestedDeadline') && <p class="field-error">{err('suggestedDeadline')}</p>}
      </div>
      <p class="hint">{t('field.problem.hint')}</p>
      <div class="form-row">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="problem-save">
          {t('field.problem.save')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
