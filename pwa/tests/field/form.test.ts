import { describe, expect, it } from 'vitest';
import type { ChecklistItem, InspectionData } from '../../src/lib/field-records';
import {
  answerArgs,
  isAnswered,
  issueArgs,
  missingRequired,
  newInspection,
  parseAnswer,
  rectificationTransitions,
  verificationArgs,
  extensionProblem,
  reportArgs,
  titleFrom,
  validateProblem,
  withAnswer,
} from '../../src/lib/inspection-form';

const item = (
  position: number,
  kind: string,
  required = true,
  options: string[] | null = null,
): ChecklistItem => ({
  id: `item-${position}`,
  position,
  kind,
  label: `第${position}项`,
  required,
  options,
  unit: null,
  hint: null,
});

const INSPECTION = '11111111-1111-4111-8111-111111111111';

describe('parsing answers by item kind (as sync/mutations/values.py checks them)', () => {
  it('yes / no / n.a.', () => {
    expect(parseAnswer(item(1, 'yes_no_na'), 'yes')).toEqual({ ok: true, value: 'yes' });
    expect(parseAnswer(item(1, 'yes_no_na'), 'maybe')).toEqual({ ok: false, error: 'yesno' });
  });

  it('numbers, with thousands separators, and refuses words', () => {
    expect(parseAnswer(item(2, 'number'), ' 1,200 ')).toEqual({ ok: true, value: 1200 });
    expect(parseAnswer(item(2, 'number'), '85.5')).toEqual({ ok: true, value: 85.5 });
    expect(parseAnswer(item(2, 'number'), '十二')).toEqual({ ok: false, error: 'number' });
    expect(parseAnswer(item(2, 'number'), '12abc')).toEqual({ ok: false, error: 'number' });
    expect(parseAnswer(item(2, 'number'), '')).toEqual({ ok: true, value: null });
  });

  it('text, choice, photos, location', () => {
    expect(parseAnswer(item(3, 'text'), '  ')).toEqual({ ok: true, value: null });
    expect(parseAnswer(item(3, 'text'), 'x'.repeat(5001))).toEqual({ ok: false, error: 'tooLong' });
    expect(parseAnswer(item(4, 'choice', true, ['正常', '偏低']), '偏低')).toEqual({
      ok: true,
      value: '偏低',
    });
    expect(parseAnswer(item(4, 'choice', true, ['正常', '偏低']), '很高')).toEqual({
      ok: false,
      error: 'choice',
    });
    expect(parseAnswer(item(5, 'photo'), ['a', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseAnswer(item(5, 'photo'), [])).toEqual({ ok: true, value: null });
    expect(parseAnswer(item(5, 'photo'), 'a')).toEqual({ ok: false, error: 'photos' });
    expect(parseAnswer(item(6, 'gps'), { lat: 28.1, lon: 120.3, accuracy_m: 8 })).toEqual({
      ok: true,
      value: { lat: 28.1, lon: 120.3, accuracy_m: 8 },
    });
    expect(parseAnswer(item(6, 'gps'), { lat: 128.1, lon: 120.3 })).toEqual({
      ok: false,
      error: 'gps',
    });
  });
});

describe('a form into mutations', () => {
  const { args, draft } = newInspection({
    id: INSPECTION,
    projectId: 12,
    kind: 'revisit',
    templateId: 'tpl',
    startedAt: '2024-05-01T08:00:00.000Z',
    location: { lat: 28.1, lon: 120.3, accuracy_m: 9, at: '2024-05-01T08:00:00.000Z' },
  });

  it('inspection.create carries the contract fields and the draft starts empty', () => {
    expect(args).toEqual({
      id: INSPECTION,
      project_id: 12,
      kind: 'revisit',
      started_at: '2024-05-01T08:00:00.000Z',
      template_id: 'tpl',
      location: { lat: 28.1, lon: 120.3, accuracy_m: 9, at: '2024-05-01T08:00:00.000Z' },
    });
    expect(draft).toMatchObject({ id: INSPECTION, status: 'draft', answers: [] });
  });

  it('answer.set and the draft with the answer replaced, not duplicated', () => {
    expect(answerArgs(INSPECTION, 'item-1', 'yes')).toEqual({
      inspection_id: INSPECTION,
      item_id: 'item-1',
      value: 'yes',
    });
    expect(answerArgs(INSPECTION, 'item-1', null, '补充')).toEqual({
      inspection_id: INSPECTION,
      item_id: 'item-1',
      value: null,
      note: '补充',
    });
    let d: InspectionData = withAnswer(draft, 'item-1', 'no', 't1');
    d = withAnswer(d, 'item-2', 3, 't2');
    d = withAnswer(d, 'item-1', 'yes', 't3');
    expect(d.answers.map((a) => [a.item_id, a.value])).toEqual([
      ['item-2', 3],
      ['item-1', 'yes'],
    ]);
    expect(draft.answers).toEqual([]); // not mutated
  });

  it('lists required items left, in checklist order (the server refuses the submit otherwise)', () => {
    const items = [
      item(3, 'photo'),
      item(1, 'yes_no_na'),
      item(2, 'text', false),
      item(4, 'number'),
    ];
    const d = withAnswer(withAnswer(draft, 'item-1', 'yes', 't'), 'item-3', [], 't');
    expect(missingRequired(items, d)).toEqual(['第3项', '第4项']);
    expect(
      missingRequired(items, withAnswer(withAnswer(d, 'item-3', ['p'], 't'), 'item-4', 0, 't')),
    ).toEqual([]);
    expect([null, '', [], undefined].some(isAnswered)).toBe(false);
    expect([0, 'no', ['x']].every(isAnswered)).toBe(true);
  });
});

describe('problems', () => {
  const form = {
    description: '公厕无人保洁，地面积水。需尽快整改',
    severity: 'high' as const,
    suggestedUnit: '温溪镇人民政府',
    suggestedDeadline: '2024-06-01',
  };

  it('validates', () => {
    expect(validateProblem(form, '2024-05-01')).toEqual({});
    expect(validateProblem({ ...form, description: ' ', severity: '' }, '2024-05-01')).toEqual({
      description: 'required',
      severity: 'required',
    });
    expect(validateProblem({ ...form, suggestedDeadline: '2024-04-01' }, '2024-05-01')).toEqual({
      suggestedDeadline: 'date',
    });
  });

  it('builds issue.create with a title and the suggestions', () => {
    const args = issueArgs('22222222-2222-4222-8222-222222222222', form, {
      projectId: 12,
      inspectionId: INSPECTION,
      location: null,
    });
    expect(args).toMatchObject({
      id: '22222222-2222-4222-8222-222222222222',
      title: '公厕无人保洁，地面积水',
      severity: 'high',
      project_id: 12,
      inspection_id: INSPECTION,
      location: null,
      description: '公厕无人保洁，地面积水。需尽快整改',
      suggested_unit: '温溪镇人民政府',
      suggested_deadline: '2024-06-01',
    });
  });

  it('shortens titles', () => {
    expect(titleFrom('一'.repeat(40))).toHaveLength(30);
    expect(titleFrom('第一句。第二句')).toBe('第一句');
  });
});

describe('units and deputies', () => {
  it('an assigned problem goes to rectifying, then rectified with note and photos', () => {
    expect(rectificationTransitions('i', 'assigned', ' 已清理 ', ['p1'])).toEqual([
      { issue_id: 'i', to: 'rectifying', expected_from: 'assigned' },
      {
        issue_id: 'i',
        to: 'rectified',
        expected_from: 'rectifying',
        reason: '已清理',
        photo_ids: ['p1'],
      },
    ]);
    expect(rectificationTransitions('i', 'rectifying', '', ['p1'])).toHaveLength(1);
    expect(rectificationTransitions('i', 'closed', 'x', [])).toEqual([]);
  });

  it('report.create from the words, with a title and optional project', () => {
    expect(
      reportArgs('r', { description: '路灯不亮。晚上看不见', title: '', projectId: '7' }, null),
    ).toEqual({
      id: 'r',
      title: '路灯不亮',
      description: '路灯不亮。晚上看不见',
      project_id: 7,
      location: null,
    });
    expect(reportArgs('r', { description: 'x', title: '标题', projectId: '' }, null)).toMatchObject(
      { title: '标题', project_id: null },
    );
  });
});

describe('on-site verification (复核)', () => {
  it('passing moves a rectified problem to verified with the photos as evidence', () => {
    expect(verificationArgs('i', true, ' 已修好 ', ['p1', 'p2'])).toEqual({
      issue_id: 'i',
      expected_from: 'rectified',
      to: 'verified',
      reason: '已修好',
      photo_ids: ['p1', 'p2'],
    });
  });

  it('not passing sends it back to rectifying with the reason', () => {
    expect(verificationArgs('i', false, '仍无水', [])).toMatchObject({
      to: 'rectifying',
      expected_from: 'rectified',
      reason: '仍无水',
    });
  });

  it('an empty note is sent as no reason', () => {
    expect(verificationArgs('i', true, '  ', ['p'])).toMatchObject({ reason: null });
  });
});

describe('asking for an extension (延期)', () => {
  it('needs a date after the current deadline and a reason', () => {
    expect(extensionProblem('2026-12-10', '', '雨季')).toBe('noDate');
    expect(extensionProblem('2026-12-10', '2026-12-10', '雨季')).toBe('notLater');
    expect(extensionProblem('2026-12-10', '2026-12-09', '雨季')).toBe('notLater');
    expect(extensionProblem('2026-12-10', '2026-12-11', '  ')).toBe('noReason');
    expect(extensionProblem('2026-12-10', '2026-12-11', '雨季')).toBeNull();
  });

  it('a problem with no deadline takes any date', () => {
    expect(extensionProblem(null, '2020-01-01', '雨季')).toBeNull();
  });
});
