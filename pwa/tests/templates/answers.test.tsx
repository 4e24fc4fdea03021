/** Red only for the item's bad answer: the phone's checklist item and the office's review card,
 * and the new kinds' controls (多选, date, bounds, 至少 N 张). */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewItem } from '../../src/api/review';
import { ChecklistItemView } from '../../src/components/field/ChecklistItem';
import { ItemBounds } from '../../src/components/field/ChecklistItemKinds';
import { ReviewCard } from '../../src/components/office/ReviewCard';
import { reloadLang } from '../../src/i18n';
import type { ChecklistItem } from '../../src/lib/field-records';

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});
const $ = (sel: string) => root.querySelector<HTMLElement>(sel);

const item = (over: Partial<ChecklistItem>): ChecklistItem => ({
  id: 'i1',
  position: 1,
  kind: 'yes_no_na',
  label: '存在安全隐患',
  required: true,
  options: null,
  unit: null,
  hint: null,
  ...over,
});

function show(it_: ChecklistItem, value: unknown, onBad = vi.fn(), onAnswer = vi.fn()) {
  render(
    <ChecklistItemView
      item={it_}
      value={value}
      disabled={false}
      onAnswer={onAnswer}
      onPhotos={async () => undefined}
      photos={[]}
      fix={null}
      onBad={onBad}
    />,
    root,
  );
  return { onBad, onAnswer };
}

describe('the phone marks only the bad answer', () => {
  it('marks 是 red on an item where 是 is the problem and offers a problem draft', () => {
    const { onBad } = show(item({ bad_answer: 'yes', opens_problem: true }), 'yes');
    expect($('[data-testid=check-item]')!.dataset.bad).toBe('true');
    $('[data-testid=answer-1-problem]')!.click();
    expect(onBad).toHaveBeenCalledOnce();
  });

  it('leaves 否 plain on that item', () => {
    show(item({ bad_answer: 'yes', opens_problem: true }), 'no');
    expect($('[data-testid=check-item]')!.dataset.bad).toBe('false');
    expect($('[data-testid=answer-1-bad]')).toBeNull();
  });

  it('marks without offering a draft when the item does not open problems', () => {
    show(item({ bad_answer: 'no', opens_problem: false }), 'no');
    expect($('[data-testid=answer-1-bad]')).not.toBeNull();
    expect($('[data-testid=answer-1-problem]')).toBeNull();
  });
});

describe('the new kinds on the phone', () => {
  it('renders 多选 as checkboxes and saves the options ticked', () => {
    const multi = item({ kind: 'multiple_choice', options: ['操场', '食堂'], label: '设施' });
    const { onAnswer } = show(multi, ['食堂']);
    const boxes = root.querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    expect([...boxes].map((b) => b.checked)).toEqual([false, true]);
    boxes[0]!.click();
    expect(onAnswer).toHaveBeenCalledWith(multi, ['操场', '食堂']);
  });

  it('renders a date input', () => {
    show(item({ kind: 'date', label: '竣工日期' }), '2023-06-30');
    const input = $('[data-testid=answer-1]') as HTMLInputElement;
    expect(input.type).toBe('date');
    expect(input.value).toBe('2023-06-30');
  });

  it('says the bounds of a number and the photos still needed', () => {
    show(item({ kind: 'number', minimum: 1, maximum: 50, integer: true, unit: '间' }), null);
    expect($('[data-testid=answer-1-bounds]')!.textContent).toBe('范围 1–50 间 · 填整数');
    render(null, root);
    render(<ItemBounds item={item({ kind: 'photo', min_count: 2 })} count={1} />, root);
    expect($('[data-testid=answer-1-bounds]')!.textContent).toBe('至少 2 张（已拍 1 张）');
    expect($('[data-testid=answer-1-bounds]')!.className).toContain('is-short');
  });
});

describe('the review card', () => {
  const review = (answers: ReviewItem['answers']): ReviewItem =>
    ({
      id: 'x',
      kind: 'random',
      kind_label: '随机查',
      status: 'submitted',
      status_label: '待审核',
      version: 1,
      project: { id: 1, code: 'P', name: '项目', township: null, location: null },
      inspector: { id: 1, display_name: '检查员' },
      template_name: '检查表',
      started_at: '2023-07-01T00:00:00Z',
      submitted_at: '2023-07-01T00:00:00Z',
      notes: null,
      position: null,
      answers,
      photos: [],
      problems: [],
      urgent: false,
      urgency: [],
      flag_count: 0,
      corrected_by: [],
      replaces: null,
    }) as unknown as ReviewItem;

  it('colours 否 only where the item counts 否 as the problem', () => {
    const base = { kind: 'yes_no_na', unit: null, note: null, value: 'no' };
    render(
      <ReviewCard
        item={review([
          { ...base, item_id: 'a', position: 1, label: '项目已按计划开工', bad_answer: 'no' },
          { ...base, item_id: 'b', position: 2, label: '存在安全隐患', bad_answer: 'yes' },
        ])}
        onDone={() => undefined}
      />,
      root,
    );
    const rows = [...root.querySelectorAll<HTMLElement>('[data-testid=review-answers] > div')];
    expect(rows.map((r) => r.dataset.bad)).toEqual(['true', 'false']);
    expect(rows[0]!.className).toBe('answer-bad');
  });
});
