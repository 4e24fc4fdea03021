/** The office's checklist editor: name, county (or 默认 for an admin), series and inspection
 * kinds it is for, the items; 发布 sends version 1 or the family's next version. */
import { useState } from 'preact/hooks';
import { ApiError, type Facets } from '../../api';
import {
  createTemplate,
  publishVersion,
  type ItemDraft,
  type TemplateBody,
} from '../../api/templates';
import { t } from '../../i18n';
import { INSPECTION_KINDS, type TemplateData } from '../../lib/field-records';
import {
  blankItem,
  cleanBody,
  hasErrors,
  moveItem,
  validateTemplate,
  type EditorErrors,
} from '../../lib/template-editor';
import { ErrorBanner } from '../ui';
import { TemplateItemEditor } from './TemplateItemEditor';

/** The server's per-item messages of a 422 (`errors.items["3"].bad_answer`) as lines. */
export function serverItemErrors(err: unknown): string[] {
  if (!(err instanceof ApiError)) return [];
  const items = (err.body as { errors?: { items?: unknown } } | undefined)?.errors?.items;
  if (!items || typeof items !== 'object') return [];
  // a message about the list as a whole ("至少要有 1 道题") comes as a list of strings
  if (Array.isArray(items)) return items.map(String);
  const out: string[] = [];
  for (const [index, fields] of Object.entries(items as Record<string, unknown>)) {
    const messages = Object.values((fields ?? {}) as Record<string, unknown>).flat();
    for (const m of messages)
      out.push(t('tpl.err.itemLine', { n: Number(index) + 1, message: String(m) }));
  }
  return out;
}

function Checks<T extends string | number>({
  legend,
  options,
  value,
  onChange,
  testid,
}: {
  legend: string;
  options: { value: T; label: string }[];
  value: T[];
  onChange: (next: T[]) => void;
  testid: string;
}) {
  return (
    <fieldset class="tpl-field tpl-checks">
      <legend>{legend}</legend>
      <p class="hint">{t('tpl.edit.anyHint')}</p>
      {options.map((o) => (
        <label key={String(o.value)} class="tpl-check">
          <input
            type="checkbox"
            data-testid={`${testid}-${o.value}`}
            checked={value.includes(o.value)}
            onChange={(e) =>
              onChange(
                e.currentTarget.checked ? [...value, o.value] : value.filter((v) => v !== o.value),
              )
            }
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function TemplateEditor({
  start,
  base,
  facets,
  isAdmin,
  onPublished,
  onCancel,
}: {
  start: TemplateBody;
  /** the version this edit follows (a new version of its family), or none for a new checklist */
  base: TemplateData | null;
  facets: Facets | undefined;
  isAdmin: boolean;
  onPublished: (tpl: TemplateData) => void;
  onCancel: () => void;
}) {
  const [body, setBody] = useState<TemplateBody>(start);
  const [errors, setErrors] = useState<EditorErrors>({ items: {} });
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<TemplateBody>) => setBody((b) => ({ ...b, ...patch }));
  const setItems = (items: ItemDraft[]) => set({ items });
  const counties = facets?.counties ?? [];

  async function publish() {
    const found = validateTemplate(body);
    setErrors(found);
    setServerError(null);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      const clean = cleanBody(body);
      onPublished(base ? await publishVersion(base.id, clean) : await createTemplate(clean));
    } catch (err) {
      setServerError(err);
    } finally {
      setBusy(false);
    }
  }

  const serverLines = serverItemErrors(serverError);
  return (
    <form
      class="tpl-editor"
      data-testid="tpl-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void publish();
      }}
    >
      {base && (
        <p class="alert alert-info" data-testid="tpl-editor-next">
          {t('tpl.edit.nextVersion', { name: base.name, version: base.version + 1 })}
        </p>
      )}
      <label class="tpl-field">
        <span>{t('tpl.edit.name')}</span>
        <input
          type="text"
          maxLength={100}
          value={body.name}
          data-testid="tpl-name"
          aria-invalid={errors.name ? true : undefined}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
        {errors.name && (
          <span class="field-error" role="alert">
            {t(`tpl.err.name.${errors.name}`)}
          </span>
        )}
      </label>
      {!base && (
        <label class="tpl-field">
          <span>{t('tpl.edit.county')}</span>
          <select
            data-testid="tpl-county"
            value={body.county_id === null ? '' : String(body.county_id)}
            onChange={(e) =>
              set({
                county_id: e.currentTarget.value ? Number(e.currentTarget.value) : null,
              })
            }
          >
            {isAdmin && <option value="">{t('tpl.default')}</option>}
            {counties.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <Checks
        legend={t('tpl.edit.series')}
        testid="tpl-series"
        options={(facets?.series ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={body.series_ids}
        onChange={(series_ids) => set({ series_ids })}
      />
      <Checks
        legend={t('tpl.edit.kinds')}
        testid="tpl-kind"
        options={INSPECTION_KINDS.map((k) => ({ value: k as string, label: t(`field.kind.${k}`) }))}
        value={body.kinds}
        onChange={(kinds) => set({ kinds })}
      />
      <h2>{t('tpl.edit.items', { n: body.items.length })}</h2>
      {errors.noItems && (
        <p class="field-error" role="alert">
          {t('tpl.err.noItems')}
        </p>
      )}
      <ol class="tpl-items">
        {body.items.map((item, i) => (
          <TemplateItemEditor
            key={i}
            index={i}
            count={body.items.length}
            item={item}
            errors={errors.items[i] ?? []}
            onChange={(next) => setItems(body.items.map((x, j) => (j === i ? next : x)))}
            onMove={(by) => setItems(moveItem(body.items, i, by))}
            onRemove={() => setItems(body.items.filter((_, j) => j !== i))}
          />
        ))}
      </ol>
      <button
        type="button"
        class="btn btn-block"
        data-testid="tpl-item-add"
        onClick={() => setItems([...body.items, blankItem()])}
      >
        + {t('tpl.edit.addItem')}
      </button>
      {hasErrors(errors) && (
        <p class="alert alert-error" role="alert" data-testid="tpl-editor-invalid">
          {t('tpl.err.fixFirst')}
        </p>
      )}
      <ErrorBanner error={serverError} testid="tpl-editor-error">
        {serverLines.length > 0 && (
          <ul>
            {serverLines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </ErrorBanner>
      <div class="tpl-actions">
        <button
          type="submit"
          class="btn btn-primary btn-big"
          disabled={busy}
          data-testid="tpl-publish"
        >
          {base
            ? t('tpl.edit.publishVersion', { version: base.version + 1 })
            : t('tpl.edit.publish')}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
