/**
 * The office's checklist editor, pure: an item per kind with its defaults, moving items, the
 * checks the server makes on 发布 (so the office hears them before sending), and a stored
 * version turned back into an editable body (for the next version).
 */
import type { ItemDraft, TemplateBody } from '../api/templates';
import type { ItemKind, TemplateData } from './field-records';

export const EDITOR_KINDS: readonly ItemKind[] = [
  'yes_no_na',
  'number',
  'text',
  'choice',
  'multiple_choice',
  'photo',
  'gps',
  'date',
];

export const CHOICE_KINDS: readonly string[] = ['choice', 'multiple_choice'];

export function blankItem(kind: ItemKind = 'yes_no_na'): ItemDraft {
  return {
    kind,
    label: '',
    required: true,
    options: CHOICE_KINDS.includes(kind) ? ['', ''] : null,
    unit: null,
    hint: null,
    bad_answer: kind === 'yes_no_na' ? 'no' : null,
    opens_problem: kind === 'yes_no_na',
    minimum: null,
    maximum: null,
    integer: false,
    min_count: kind === 'photo' ? 1 : null,
  };
}

/** The item changed to another kind: what still applies is kept, the rest reset. */
export function withKind(item: ItemDraft, kind: ItemKind): ItemDraft {
  const fresh = blankItem(kind);
  const keepOptions = CHOICE_KINDS.includes(kind) && CHOICE_KINDS.includes(item.kind);
  return {
    ...fresh,
    label: item.label,
    required: item.required,
    hint: item.hint,
    options: keepOptions ? item.options : fresh.options,
    bad_answer: keepOptions ? badList(item.bad_answer) : fresh.bad_answer,
    opens_problem: keepOptions ? !!item.opens_problem : fresh.opens_problem,
  };
}

const badList = (bad: unknown): string[] =>
  Array.isArray(bad) ? bad.map(String) : bad ? [String(bad)] : [];

/** The list with item `from` moved by `by` places (clamped). */
export function moveItem<T>(items: readonly T[], from: number, by: number): T[] {
  const to = Math.max(0, Math.min(items.length - 1, from + by));
  const out = [...items];
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved!);
  return out;
}

export type ItemError =
  'label' | 'labelLong' | 'options' | 'badAnswer' | 'range' | 'minCount' | 'unitLong';
export interface EditorErrors {
  name?: 'required' | 'tooLong';
  noItems?: true;
  /** by index in the list */
  items: Record<number, ItemError[]>;
}

/** What the server would refuse (422), as codes the page words; empty when it may be sent. */
export function validateTemplate(body: Pick<TemplateBody, 'name' | 'items'>): EditorErrors {
  const errors: EditorErrors = { items: {} };
  const name = body.name.trim();
  if (!name) errors.name = 'required';
  else if (name.length > 100) errors.name = 'tooLong';
  if (!body.items.length) errors.noItems = true;
  body.items.forEach((item, i) => {
    const out: ItemError[] = [];
    const label = item.label.trim();
    if (!label) out.push('label');
    else if (label.length > 255) out.push('labelLong');
    if ((item.unit ?? '').length > 16) out.push('unitLong');
    if (CHOICE_KINDS.includes(item.kind)) {
      const options = (item.options ?? []).map((o) => o.trim()).filter(Boolean);
      if (options.length < 2 || new Set(options).size !== options.length) out.push('options');
      if (badList(item.bad_answer).some((b) => !options.includes(b))) out.push('badAnswer');
    }
    if (
      item.kind === 'yes_no_na' &&
      item.bad_answer &&
      !['yes', 'no'].includes(String(item.bad_answer))
    )
      out.push('badAnswer');
    if (
      item.kind === 'number' &&
      item.minimum !== null &&
      item.minimum !== undefined &&
      item.maximum !== null &&
      item.maximum !== undefined &&
      item.minimum > item.maximum
    )
      out.push('range');
    if (
      item.kind === 'photo' &&
      item.min_count !== null &&
      item.min_count !== undefined &&
      (!Number.isInteger(item.min_count) || item.min_count < 1 || item.min_count > 20)
    )
      out.push('minCount');
    if (out.length) errors.items[i] = out;
  });
  return errors;
}

export function hasErrors(errors: EditorErrors): boolean {
  return !!errors.name || !!errors.noItems || Object.keys(errors.items).length > 0;
}

/** The body sent to the server: trimmed, with only the fields that apply to each kind. */
export function cleanBody(body: TemplateBody): TemplateBody {
  return {
    ...body,
    name: body.name.trim(),
    items: body.items.map((item) => {
      const choices = CHOICE_KINDS.includes(item.kind);
      const bad = choices
        ? badList(item.bad_answer).filter(Boolean)
        : item.kind === 'yes_no_na'
          ? item.bad_answer || null
          : null;
      const hasBad = Array.isArray(bad) ? bad.length > 0 : !!bad;
      return {
        kind: item.kind,
        label: item.label.trim(),
        required: item.required,
        options: choices ? (item.options ?? []).map((o) => o.trim()).filter(Boolean) : null,
        unit: item.kind === 'number' ? item.unit?.trim() || null : null,
        hint: item.hint?.trim() || null,
        bad_answer: hasBad ? bad : null,
        opens_problem: hasBad && !!item.opens_problem,
        minimum: item.kind === 'number' ? (item.minimum ?? null) : null,
        maximum: item.kind === 'number' ? (item.maximum ?? null) : null,
        integer: item.kind === 'number' && !!item.integer,
        min_count: item.kind === 'photo' ? (item.min_count ?? null) : null,
      };
    }),
  };
}

/** A stored version as the editor's body (the start of its next version). */
export function bodyOf(tpl: TemplateData): TemplateBody {
  return {
    name: tpl.name,
    county_id: tpl.county_id ?? null,
    series_ids: [...(tpl.series_ids ?? [])],
    kinds: [...(tpl.kinds ?? [])],
    category: tpl.category,
    items: [...tpl.items]
      .sort((a, b) => a.position - b.position)
      .map(({ id: _id, position: _position, ...rest }) => ({
        ...blankItem(rest.kind as ItemKind),
        ...rest,
      })),
  };
}

/** A number field's text as a value: '' is none, else a finite number or NaN (refused). */
export function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : Number.NaN;
}
