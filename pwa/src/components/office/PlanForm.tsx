/**
 * 新建计划: kind, name, dates, for 随机查 the sample size or share, township strata and an
 * optional seed; 预览 lists the projects the plan would take, then 创建 saves exactly that (the
 * preview's seed).
 */
import { useState } from 'preact/hooks';
import {
  createPlan,
  previewPlan,
  type PlanDetail,
  type PlanKind,
  type PlanPreview,
} from '../../api/plans';
import type { StatusCode } from '../../api/types';
import { t } from '../../i18n';
import {
  EMPTY_PLAN_FORM,
  PLAN_KINDS,
  planBody,
  planFormProblem,
  strataLines,
  type PlanForm as Form,
} from '../../lib/plans';
import { STATUS_ORDER, statusLabel } from '../../lib/status';
import { fieldMessages, InputField, SelectField } from '../form';
import { ErrorBanner, errorMessage, StatusBadge } from '../ui';

/** Server field → the form's field that shows its message. */
const FIELD_OF: Record<string, string> = {
  sample_share: 'sample',
  sample_size: 'sample',
  seed: 'seed',
  name: 'name',
  due_date: 'dueDate',
  as_of: 'asOf',
  statuses: 'statuses',
};

function Preview({
  preview,
  busy,
  onCreate,
}: {
  preview: PlanPreview;
  busy: boolean;
  onCreate: () => void;
}) {
  const random = preview.kind === 'random';
  const strata = strataLines(preview.strata, preview.projects);
  return (
    <section class="card plan-preview" data-testid="plan-preview">
      <h2>{t('plans.preview.title', { n: preview.projects.length })}</h2>
      <p data-testid="plan-preview-summary">
        {t('plans.preview.population', { n: preview.population_size, date: preview.as_of })}
        {random &&
          ' ' +
            t('plans.preview.drawn', {
              n: preview.sample_size ?? preview.projects.length,
              seed: preview.seed ?? '',
            })}
      </p>
      {strata.length > 0 && (
        <p class="muted" data-testid="plan-preview-strata">
          {t('plans.strata')}
          {strata
            .map((s) => `${s.name ?? t('plans.noTownship')} ${s.sample}/${s.population}`)
            .join('；')}
        </p>
      )}
      <ul class="plan-projects">
        {preview.projects.map((p) => (
          <li key={p.id} data-testid="plan-preview-project" data-township={p.township?.name ?? ''}>
            <span class="plan-project-name">{p.name}</span>
            <span class="line-meta">
              {p.code} · {p.township?.name ?? t('plans.noTownship')}{' '}
              <StatusBadge code={p.schedule_status} label={p.schedule_status_label} />
            </span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        class="btn btn-primary btn-block"
        disabled={busy}
        onClick={onCreate}
        data-testid="plan-create"
      >
        {t('plans.create', { n: preview.projects.length })}
      </button>
    </section>
  );
}

export function PlanForm({
  onCreated,
  onCancel,
}: {
  onCreated: (plan: PlanDetail) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<Form>(EMPTY_PLAN_FORM);
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setPreview(null); // a changed form needs a new preview
  };

  const fail = (err: unknown) => {
    const byField: Record<string, string> = {};
    for (const [field, text] of Object.entries(fieldMessages(err)))
      byField[FIELD_OF[field] ?? 'form'] = text;
    setFields(byField);
    setError(byField.form ?? (Object.keys(byField).length ? null : errorMessage(err)));
  };

  const run = async (call: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await call();
    } catch (err) {
      fail(err);
    }
    setBusy(false);
  };

  const onPreview = (e: Event) => {
    e.preventDefault();
    const problem = planFormProblem(form);
    if (problem) return setError(t(problem));
    void run(async () => setPreview(await previewPlan(planBody(form))));
  };
  const onCreate = () =>
    void run(async () => onCreated(await createPlan(planBody(form, preview?.seed))));
  const toggleStatus = (code: StatusCode, on: boolean) =>
    set({ statuses: on ? [...form.statuses, code] : form.statuses.filter((s) => s !== code) });
  const random = form.kind === 'random';

  return (
    <>
      <form class="card plan-form" onSubmit={onPreview} noValidate data-testid="plan-form">
        <h2>{t('plans.new')}</h2>
        <SelectField
          id="plan-kind"
          label={t('plans.form.kind')}
          testid="plan-kind"
          value={form.kind}
          onValue={(v) => set({ kind: v as PlanKind })}
          options={PLAN_KINDS.map((k) => ({ value: k, label: t(`plans.kind.${k}`) }))}
        />
        <p class="hint">{t(`plans.kindHint.${form.kind}`)}</p>
        <InputField
          id="plan-name"
          label={t('plans.form.name')}
          testid="plan-name"
          value={form.name}
          onValue={(v) => set({ name: v })}
          maxLength={200}
          error={fields.name}
          placeholder={t(`plans.namePlaceholder.${form.kind}`)}
        />
        <InputField
          id="plan-due"
          type="date"
          label={t('plans.form.dueDate')}
          testid="plan-due"
          value={form.dueDate}
          onValue={(v) => set({ dueDate: v })}
          error={fields.dueDate}
        />
        <InputField
          id="plan-as-of"
          type="date"
          label={t('plans.form.asOf')}
          testid="plan-as-of"
          value={form.asOf}
          onValue={(v) => set({ asOf: v })}
          error={fields.asOf}
        />
        <p class="hint">{t('plans.form.asOfHint')}</p>
        {random && (
          <fieldset class="plan-sample">
            <legend>{t('plans.form.sample')}</legend>
            <div class="plan-radios">
              {(['size', 'share'] as const).map((by) => (
                <label key={by} class="check">
                  <input
                    type="radio"
                    name="plan-sample-by"
                    checked={form.sampleBy === by}
                    onChange={() => set({ sampleBy: by })}
                    data-testid={`plan-sample-by-${by}`}
                  />
                  {t(`plans.form.sampleBy.${by}`)}
                </label>
              ))}
            </div>
            {form.sampleBy === 'size' ? (
              <InputField
                id="plan-size"
                type="number"
                inputMode="numeric"
                min={1}
                label={t('plans.form.sampleSize')}
                testid="plan-size"
                value={form.sampleSize}
                onValue={(v) => set({ sampleSize: v })}
                error={fields.sample}
              />
            ) : (
              <InputField
                id="plan-share"
                type="number"
                inputMode="decimal"
                min={0.1}
                max={100}
                step={0.1}
                label={t('plans.form.sampleShare')}
                testid="plan-share"
                value={form.sampleShare}
                onValue={(v) => set({ sampleShare: v })}
                error={fields.sample}
              />
            )}
            <label class="check">
              <input
                type="checkbox"
                checked={form.stratify}
                onChange={(e) => set({ stratify: e.currentTarget.checked })}
                data-testid="plan-stratify"
              />
              {t('plans.form.stratify')}
            </label>
            <InputField
              id="plan-seed"
              inputMode="numeric"
              label={t('plans.form.seed')}
              testid="plan-seed"
              value={form.seed}
              onValue={(v) => set({ seed: v })}
              error={fields.seed}
            />
            <p class="hint">{t('plans.form.seedHint')}</p>
          </fieldset>
        )}
        <details class="plan-statuses" open={form.kind === 'joint' || form.statuses.length > 0}>
          <summary>
            {t(form.kind === 'joint' ? 'plans.form.statusesNeeded' : 'plans.form.statuses')}
          </summary>
          <div class="plan-radios">
            {STATUS_ORDER.map((code) => (
              <label key={code} class="check">
                <input
                  type="checkbox"
                  checked={form.statuses.includes(code)}
                  onChange={(e) => toggleStatus(code, e.currentTarget.checked)}
                  data-testid={`plan-status-${code}`}
                />
                {statusLabel(code)}
              </label>
            ))}
          </div>
          {fields.statuses && <p class="field-error">{fields.statuses}</p>}
        </details>
        <ErrorBanner error={error} testid="plan-form-error" />
        <div class="plan-buttons">
          <button
            type="submit"
            class="btn btn-primary"
            disabled={busy}
            data-testid="plan-preview-submit"
          >
            {t('plans.previewButton')}
          </button>
          <button type="button" class="btn" disabled={busy} onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
      {preview && <Preview preview={preview} busy={busy} onCreate={onCreate} />}
    </>
  );
}
