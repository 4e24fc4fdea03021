import { describe, expect, it } from 'vitest';
import type { ChecklistItem, InspectionData } from '../../src/lib/field-records';
import { parseAnswer, submitProblems, isIsoDate } from '../../src/lib/inspection-form';
import { problemPrefill, submitProblemText } from '../../src/lib/capture-template';

const item = (over: Partial<ChecklistItem>): ChecklistItem => ({
  id: `i${over.position ?? 1}`,
  position: 1,
  kind: 'text',
  label: '项目',
  required: false,
  options: null,
  unit: null,
  hint: null,
  ...over,
});
const with_ = (answers: Record<string, unknown>): Pick<InspectionData, 'answers'> => ({
  answers: Object.entries(answers).map(([item_id, value]) => ({ item_id, value })),
});

describe('parseAnswer, new kinds and bounds', () => {
  const num = item({ kind: 'number', minimum: 0, maximum: 100, integer: true });
  it('refuses a number out of range or not whole', () => {
    expect(parseAnswer(num, '101')).toEqual({ ok: false, error: 'range' });
    expect(parseAnswer(num, '-1')).toEqual({ ok: false, error: 'range' });
    expect(parseAnswer(num, '2.5')).toEqual({ ok: false, error: 'integer' });
    expect(parseAnswer(num, '100')).toEqual({ ok: true, value: 100 });
  });

  it('keeps a multiple choice in the options order and refuses an unknown option', () => {
    const multi = item({ kind: 'multiple_choice', options: ['甲', '乙', '丙'] });
    expect(parseAnswer(multi, ['丙', '甲'])).toEqual({ ok: true, value: ['甲', '丙'] });
    expect(parseAnswer(multi, ['丁'])).toEqual({ ok: false, error: 'choice' });
    expect(parseAnswer(multi, ['甲', '甲'])).toEqual({ ok: false, error: 'choice' });
    expect(parseAnswer(multi, [])).toEqual({ ok: true, value: null });
  });

  it('takes a real date only', () => {
    const date = item({ kind: 'date' });
    expect(parseAnswer(date, '2026-02-28')).toEqual({ ok: true, value: '2026-02-28' });
    expect(parseAnswer(date, '2026-02-30')).toEqual({ ok: false, error: 'date' });
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('submitProblems', () => {
  const photos = item({ id: 'p', kind: 'photo', label: '现场照片', required: true, min_count: 2 });
  it('holds back a photo item with fewer photos than its minimum', () => {
    const found = submitProblems([photos], with_({ p: ['a'] }));
    expect(found).toEqual([{ code: 'minCount', label: '现场照片', count: 1, min: 2 }]);
    expect(submitProblemText(found[0]!)).toBe('“现场照片”至少需要 2 张照片（已拍 1 张）');
  });

  it('lets an optional photo item left empty through', () => {
    expect(submitProblems([{ ...photos, required: false }], with_({}))).toEqual([]);
  });

  it('passes at the minimum', () => {
    expect(submitProblems([photos], with_({ p: ['a', 'b'] }))).toEqual([]);
  });

  it('holds back a stored number out of range', () => {
    const n = item({ id: 'n', kind: 'number', label: '宽度', minimum: 3, maximum: 8 });
    const found = submitProblems([n], with_({ n: 9 }));
    expect(found[0]).toMatchObject({ code: 'range', value: 9, min: 3, max: 8 });
    expect(submitProblemText(found[0]!)).toBe('“宽度”的数值 9 超出范围（3–8）');
  });
});

describe('problemPrefill', () => {
  it('starts the problem with the item and its answer', () => {
    const it_ = item({ kind: 'yes_no_na', label: '存在安全隐患' });
    expect(problemPrefill(it_, 'yes')).toBe('存在安全隐患：是。');
  });
});
