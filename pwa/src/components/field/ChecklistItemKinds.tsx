/** The checklist controls added with the office's own templates: 多选 (checkboxes), a date, and
 * the bounds line of a number (范围, 整数) or a photo item (至少 N 张). */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { ChecklistItem as Item } from '../../lib/field-records';
import { parseAnswer } from '../../lib/inspection-form';
import { badAnswers } from '../../lib/template-pick';
import '../../styles/templates.css';

interface ControlProps {
  item: Item;
  value: unknown;
  disabled: boolean;
  onAnswer: (item: Item, value: unknown) => void;
}

export function MultiChoice({ item, value, disabled, onAnswer }: ControlProps) {
  const stored = Array.isArray(value) ? (value as string[]) : [];
  const key = stored.join('\n');
  // the boxes follow a tap at once; the stored answer catches up when it is queued
  const [picked, setPicked] = useState<string[]>(stored);
  useEffect(() => setPicked(key ? key.split('\n') : []), [key]);
  const bad = badAnswers(item);
  const toggle = (option: string) => {
    const next = picked.includes(option) ? picked.filter((o) => o !== option) : [...picked, option];
    const parsed = parseAnswer(item, next);
    if (!parsed.ok) return;
    setPicked(Array.isArray(parsed.value) ? (parsed.value as string[]) : []);
    onAnswer(item, parsed.value);
  };
  return (
    <fieldset class="multi-choices" aria-label={item.label}>
      <p class="hint">{t('tpl.capture.pickAny')}</p>
      {(item.options ?? []).map((option, i) => {
        const on = picked.includes(option);
        return (
          <label
            key={option}
            class={`multi-choice${on ? ' is-on' : ''}${bad.includes(option) ? ' is-bad' : ''}`}
          >
            <input
              type="checkbox"
              checked={on}
              disabled={disabled}
              data-testid={`answer-${item.position}-opt-${i}`}
              onChange={() => toggle(option)}
            />
            <span>{option}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

export function DateInput({ item, value, disabled, onAnswer }: ControlProps) {
  return (
    <input
      id={`item-${item.id}`}
      type="date"
      class="date-answer"
      value={typeof value === 'string' ? value : ''}
      disabled={disabled}
      data-testid={`answer-${item.position}`}
      onChange={(e) => {
        const parsed = parseAnswer(item, e.currentTarget.value);
        if (parsed.ok) onAnswer(item, parsed.value);
      }}
    />
  );
}

/** "范围 0–100 米 · 填整数" for a number, "至少 2 张（已拍 1 张）" for photos; nothing without bounds. */
export function ItemBounds({ item, count }: { item: Item; count?: number }) {
  const parts: string[] = [];
  if (item.kind === 'number') {
    const unit = item.unit ? ` ${item.unit}` : '';
    const min = item.minimum ?? null;
    const max = item.maximum ?? null;
    if (min !== null && max !== null) parts.push(t('tpl.capture.between', { min, max, unit }));
    else if (min !== null) parts.push(t('tpl.capture.atLeastValue', { min, unit }));
    else if (max !== null) parts.push(t('tpl.capture.atMostValue', { max, unit }));
    if (item.integer) parts.push(t('tpl.capture.integer'));
  }
  if (item.kind === 'photo' && item.min_count)
    parts.push(t('tpl.capture.minPhotos', { n: item.min_count, have: count ?? 0 }));
  if (!parts.length) return null;
  const short = item.kind === 'photo' && (count ?? 0) < (item.min_count ?? 0);
  return (
    <p
      class={`item-bounds${short ? ' is-short' : ''}`}
      data-testid={`answer-${item.position}-bounds`}
    >
      {parts.join(' · ')}
    </p>
  );
}
