/** Words of the capture page around the office's own checklists: the problem a bad answer
 * begins, and why 提交 is held back (too few photos, a number out of bounds). */
import { t } from '../i18n';
import type { ChecklistItem } from './field-records';
import type { SubmitProblem } from './inspection-form';

/** An answer as words: 是 / 否 / 不适用, the options picked, the value. */
export function answerWords(item: Pick<ChecklistItem, 'kind' | 'unit'>, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (item.kind === 'yes_no_na')
    return value === 'yes'
      ? t('field.check.yes')
      : value === 'no'
        ? t('field.check.no')
        : value === 'na'
          ? t('field.check.na')
          : String(value);
  if (Array.isArray(value)) return value.map(String).join('、');
  if (item.kind === 'number' && item.unit) return `${String(value)} ${item.unit}`;
  return String(value);
}

/** "存在安全隐患：是" — the description a problem found by a checklist item starts with. */
export function problemPrefill(
  item: Pick<ChecklistItem, 'kind' | 'label' | 'unit'>,
  value: unknown,
): string {
  return t('tpl.capture.problemFrom', { label: item.label, answer: answerWords(item, value) });
}

export function submitProblemText(p: SubmitProblem): string {
  if (p.code === 'minCount')
    return t('tpl.capture.minCountLeft', { label: p.label, min: p.min, count: p.count });
  if (p.code === 'integer') return t('tpl.capture.integerLeft', { label: p.label, value: p.value });
  return t('tpl.capture.rangeLeft', {
    label: p.label,
    value: p.value,
    min: p.min ?? '—',
    max: p.max ?? '—',
  });
}
