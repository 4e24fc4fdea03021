import { describe, expect, it } from 'vitest';
import {
  answerText,
  correctionDraft,
  distanceText,
  isEditable,
  latestCorrection,
  reviewStateOf,
  warningCount,
} from '../src/lib/review';
import type { InspectionData } from '../src/lib/field-records';

const words = { yes: '是', no: '否', na: '不适用', photos: (n: number) => `照片 ${n} 张` };

const old: InspectionData = {
  id: 'old-1',
  project_id: 7,
  kind: 'revisit',
  template_id: 'tpl',
  status: 'returned',
  started_at: '2023-07-31T01:00:00Z',
  submitted_at: '2023-07-31T02:00:00Z',
  notes: '厕所门锁坏',
  location: null,
  review_note: ' 照片看不清 ',
  answers: [
    { item_id: 'yes', value: 'no', note: '门锁坏了', answered_at: '2023-07-31T01:10:00Z' },
    { item_id: 'pic', value: ['p1', 'p2'], answered_at: '2023-07-31T01:11:00Z' },
    { item_id: 'empty', value: null },
  ],
};

describe('review state on the phone', () => {
  it('returned carries the trimmed reason; approved; nothing otherwise', () => {
    expect(reviewStateOf(old)).toEqual({ kind: 'returned', note: '照片看不清' });
    expect(reviewStateOf({ status: 'approved' })).toEqual({ kind: 'approved' });
    expect(reviewStateOf({ status: 'submitted' })).toBeNull();
    expect(reviewStateOf({ status: 'draft' })).toBeNull();
  });

  it('only drafts are editable', () => {
    expect(isEditable({ status: 'draft' })).toBe(true);
    for (const status of ['submitted', 'approved', 'returned'])
      expect(isEditable({ status })).toBe(false);
  });

  it('finds the newest correction', () => {
    const all = [
      { id: 'a', replaces_id: 'old-1', started_at: '2023-08-01T00:00:00Z' },
      { id: 'b', replaces_id: 'old-1', started_at: '2023-08-02T00:00:00Z' },
      { id: 'c', replaces_id: null, started_at: '2023-08-03T00:00:00Z' },
    ];
    expect(latestCorrection('old-1', all)?.id).toBe('b');
    expect(latestCorrection('zzz', all)).toBeUndefined();
  });
});

describe('correction draft', () => {
  const made = correctionDraft(old, {
    id: 'new-1',
    startedAt: '2023-08-01T08:00:00Z',
    location: null,
    photoItemIds: new Set(['pic']),
  });

  it('points at the old one and keeps project, kind, template and notes', () => {
    expect(made.args).toMatchObject({
      id: 'new-1',
      project_id: 7,
      kind: 'revisit',
      template_id: 'tpl',
      replaces_id: 'old-1',
      notes: '厕所门锁坏',
    });
    expect(made.draft).toMatchObject({
      id: 'new-1',
      status: 'draft',
      replaces_id: 'old-1',
      submitted_at: null,
    });
  });

  it('copies answers except photos and empty ones', () => {
    expect(made.answers).toEqual([{ item_id: 'yes', value: 'no', note: '门锁坏了' }]);
    expect(made.draft.answers.map((a) => a.item_id)).toEqual(['yes']);
    expect(made.draft.review_note).toBeUndefined();
  });
});

describe('office display', () => {
  it('answers in words', () => {
    expect(answerText({ kind: 'yes_no_na', value: 'na' }, words)).toBe('不适用');
    expect(answerText({ kind: 'photo', value: ['a', 'b'] }, words)).toBe('照片 2 张');
    expect(answerText({ kind: 'number', value: 3, unit: '个' }, words)).toBe('3 个');
    expect(answerText({ kind: 'gps', value: { lat: 28.1, lon: 120.2 } }, words)).toBe(
      '28.10000, 120.20000',
    );
    expect(answerText({ kind: 'text', value: '' }, words)).toBe('—');
  });

  it('distances as the server words them', () => {
    expect(distanceText(12.4)).toBe('12 米');
    expect(distanceText(999.6)).toBe('1.0 公里');
    expect(distanceText(12300)).toBe('12.3 公里');
    expect(distanceText(850, 'en')).toBe('850 m');
  });

  it('counts warnings, not info flags', () => {
    expect(
      warningCount([
        { flags: [{ severity: 'warning' }, { severity: 'info' }] },
        { flags: [{ severity: 'warning' }] },
      ]),
    ).toBe(2);
  });
});
