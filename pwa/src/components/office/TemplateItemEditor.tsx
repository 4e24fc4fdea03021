/** One item of a checklist in the office's editor: kind, label, required, help text, the
 * kind's own settings (options, unit and bounds, 最少张数) and which answer counts as a problem. */
import { t } from '../../i18n';
import type { ItemDraft } from '../../api/templates';
import type { ItemKind } from '../../lib/field-records';
import {
  CHOICE_KINDS,
  EDITOR_KINDS,
  numberOrNull,
  withKind,
  type ItemError,
} from '../../lib/template-editor';

interface Props {
  index: number;
  count: number;
  item: ItemDraft;
  errors: ItemError[];
  onChange: (item: ItemDraft) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}

const numText = (n: number | null | undefined) =>
  n === null || n === undefined || Number.isNaN(n) ? '' : String(n);

function BadAnswer({ item, onChange }: Pick<Props, 'item' | 'onChange'>) {
  const tid = (s: string) => `tpl-item-bad-${s}`;
  if (item.kind === 'yes_no_na') {
    return (
      <label class="tpl-field">
        <span>{t('tpl.item.badAnswer')}</span>
        <select
          data-testid={tid('select')}
          value={typeof item.bad_answer === 'string' ? item.bad_answer : ''}
          onChange={(e) => onChange({ ...item, bad_answer: e.currentTarget.value || null })}
        >
          <option value="">{t('tpl.item.badNone')}</option>
          <option value="no">{t('tpl.item.badNo')}</option>
          <option value="yes">{t('tpl.item.badYes')}</option>
        </select>
      </label>
    );
  }
  if (!CHOICE_KINDS.includes(item.kind)) return null;
  const bad = Array.isArray(item.bad_answer) ? item.bad_answer : [];
  const options = (item.options ?? []).map((o) => o.trim()).filter(Boolean);
  return (
    <fieldset class="tpl-field">
      <legend>{t('tpl.item.badOptions')}</legend>
      {options.length === 0 && <p class="hint">{t('tpl.item.badOptionsFirst')}</p>}
      {options.map((o, i) => (
        <label key={`${o}-${i}`} class="tpl-check">
          <input
            type="checkbox"
            data-testid={`${tid('opt')}-${i}`}
            checked={bad.includes(o)}
            onChange={(e) =>
              onChange({
                ...item,
                bad_answer: e.currentTarget.checked ? [...bad, o] : bad.filter((b) => b !== o),
              })
            }
          />
          {o}
        </label>
      ))}
    </fieldset>
  );
}

function Options({ item, onChange }: Pick<Props, 'item' | 'onChange'>) {
  const options = item.options ?? [];
  const set = (next: string[]) => {
    const kept = new Set(next.map((o) => o.trim()));
    const bad = Array.isArray(item.bad_answer)
      ? item.bad_answer.filter((b) => kept.has(b))
      : item.bad_answer;
    onChange({ ...item, options: next, bad_answer: bad });
  };
  return (
    <fieldset class="tpl-field">
      <legend>{t('tpl.item.options')}</legend>
      {options.map((o, i) => (
        <div key={i} class="tpl-option">
          <input
            type="text"
            value={o}
            maxLength={100}
            aria-label={t('tpl.item.optionN', { n: i + 1 })}
            data-testid={`tpl-item-option-${i}`}
            onInput={(e) => set(options.map((x, j) => (j === i ? e.currentTarget.value : x)))}
          />
          <button
            type="button"
            class="btn btn-small"
            aria-label={t('tpl.item.optionRemove', { n: i + 1 })}
            onClick={() => set(options.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        class="btn btn-small"
        data-testid="tpl-item-option-add"
        onClick={() => set([...options, ''])}
      >
        + {t('tpl.item.optionAdd')}
      </button>
    </fieldset>
  );
}

function NumberSettings({ item, onChange }: Pick<Props, 'item' | 'onChange'>) {
  return (
    <div class="tpl-row">
      <label class="tpl-field tpl-narrow">
        <span>{t('tpl.item.unit')}</span>
        <input
          type="text"
          maxLength={16}
          value={item.unit ?? ''}
          data-testid="tpl-item-unit"
          onInput={(e) => onChange({ ...item, unit: e.currentTarget.value || null })}
        />
      </label>
      <label class="tpl-field tpl-narrow">
        <span>{t('tpl.item.minimum')}</span>
        <input
          type="text"
          inputMode="decimal"
          value={numText(item.minimum)}
          data-testid="tpl-item-min"
          onChange={(e) => onChange({ ...item, minimum: numberOrNull(e.currentTarget.value) })}
        />
      </label>
      <label class="tpl-field tpl-narrow">
        <span>{t('tpl.item.maximum')}</span>
        <input
          type="text"
          inputMode="decimal"
          value={numText(item.maximum)}
          data-testid="tpl-item-max"
          onChange={(e) => onChange({ ...item, maximum: numberOrNull(e.currentTarget.value) })}
        />
      </label>
      <label class="tpl-check">
        <input
          type="checkbox"
          checked={!!item.integer}
          data-testid="tpl-item-integer"
          onChange={(e) => onChange({ ...item, integer: e.currentTarget.checked })}
        />
        {t('tpl.item.integer')}
      </label>
    </div>
  );
}

export function TemplateItemEditor({
  index,
  count,
  item,
  errors,
  onChange,
  onMove,
  onRemove,
}: Props) {
  const hasBad = Array.isArray(item.bad_answer) ? item.bad_answer.length > 0 : !!item.bad_answer;
  return (
    <li class={`card tpl-item${errors.length ? ' has-error' : ''}`} data-testid="tpl-item-edit">
      <div class="tpl-item-head">
        <strong>{t('tpl.item.no', { n: index + 1 })}</strong>
        <span class="tpl-item-tools">
          <button
            type="button"
            class="btn btn-small"
            disabled={index === 0}
            aria-label={t('tpl.item.up')}
            data-testid="tpl-item-up"
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            class="btn btn-small"
            disabled={index === count - 1}
            aria-label={t('tpl.item.down')}
            data-testid="tpl-item-down"
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            class="btn btn-small btn-danger"
            data-testid="tpl-item-remove"
            onClick={onRemove}
          >
            {t('tpl.item.remove')}
          </button>
        </span>
      </div>
      <label class="tpl-field">
        <span>{t('tpl.item.kind')}</span>
        <select
          value={item.kind}
          data-testid="tpl-item-kind"
          onChange={(e) => onChange(withKind(item, e.currentTarget.value as ItemKind))}
        >
          {EDITOR_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`tpl.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="tpl-field">
        <span>{t('tpl.item.label')}</span>
        <input
          type="text"
          maxLength={255}
          value={item.label}
          data-testid="tpl-item-label"
          aria-invalid={errors.includes('label') || undefined}
          onInput={(e) => onChange({ ...item, label: e.currentTarget.value })}
        />
      </label>
      <label class="tpl-field">
        <span>{t('tpl.item.hint')}</span>
        <input
          type="text"
          value={item.hint ?? ''}
          data-testid="tpl-item-hint"
          onInput={(e) => onChange({ ...item, hint: e.currentTarget.value || null })}
        />
      </label>
      <label class="tpl-check">
        <input
          type="checkbox"
          checked={item.required}
          data-testid="tpl-item-required"
          onChange={(e) => onChange({ ...item, required: e.currentTarget.checked })}
        />
        {t('tpl.item.required')}
      </label>
      {CHOICE_KINDS.includes(item.kind) && <Options item={item} onChange={onChange} />}
      {item.kind === 'number' && <NumberSettings item={item} onChange={onChange} />}
      {item.kind === 'photo' && (
        <label class="tpl-field tpl-narrow">
          <span>{t('tpl.item.minCount')}</span>
          <input
            type="number"
            min={1}
            max={20}
            value={numText(item.min_count)}
            data-testid="tpl-item-min-count"
            onChange={(e) => onChange({ ...item, min_count: numberOrNull(e.currentTarget.value) })}
          />
        </label>
      )}
      <BadAnswer item={item} onChange={onChange} />
      {hasBad && (
        <label class="tpl-check">
          <input
            type="checkbox"
            checked={!!item.opens_problem}
            data-testid="tpl-item-opens-problem"
            onChange={(e) => onChange({ ...item, opens_problem: e.currentTarget.checked })}
          />
          {t('tpl.item.opensProblem')}
        </label>
      )}
      {errors.length > 0 && (
        <ul class="field-error" role="alert" data-testid="tpl-item-errors">
          {errors.map((e) => (
            <li key={e}>{t(`tpl.err.${e}`)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
