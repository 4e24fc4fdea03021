import { describe, expect, it } from 'vitest';
import {
  afterRating,
  canRate,
  localDay,
  ratingNeedsReason,
  reportNotice,
  reportSteps,
  type PulledReport,
} from '../src/lib/report-steps';

// noon UTC: the same day in every time zone a phone in China (or a CI box) uses
const base: PulledReport = {
  id: 'r1',
  project_id: 7,
  title: '自来水管网铺设后无法供水',
  description: '三户至今没有来水',
  location: null,
  status: 'submitted',
  reply: null,
  rating: null,
  created_at: '2023-07-01T12:00:00Z',
};

const pulled = (over: Partial<PulledReport>): PulledReport => ({
  ...base,
  steps: [
    { key: 'accepted', done: true, at: '2023-07-02T12:00:00Z' },
    { key: 'assigned', done: true, at: '2023-07-03T12:00:00Z' },
    { key: 'rectified', done: false, at: null },
    { key: 'replied', done: false, at: null },
  ],
  ...over,
});

const summary = (r: PulledReport) =>
  reportSteps(r)?.map(
    (s) => `${s.key}:${s.done ? 'done' : '-'}:${s.date ?? ''}${s.current ? ':now' : ''}`,
  );

describe('report steps on the phone', () => {
  it('a report filed on this phone has only 已提交, dated, and current', () => {
    expect(summary(base)).toEqual([
      'submitted:done:2023-07-01:now',
      'accepted:-:',
      'assigned:-:',
      'rectified:-:',
      'replied:-:',
    ]);
  });

  it('pulled steps give what was reached, with dates, and the last one is current', () => {
    expect(summary(pulled({ status: 'accepted' }))).toEqual([
      'submitted:done:2023-07-01',
      'accepted:done:2023-07-02',
      'assigned:done:2023-07-03:now',
      'rectified:-:',
      'replied:-:',
    ]);
  });

  it('a step done without a date (答复) is reached and undated', () => {
    const replied = pulled({
      status: 'replied',
      steps: [...pulled({}).steps!.slice(0, 3), { key: 'replied', done: true, at: null }],
    });
    expect(summary(replied)?.slice(3)).toEqual(['rectified:-:', 'replied:done::now']);
  });

  it('without pulled steps the status decides 受理 and 答复', () => {
    expect(summary({ ...base, status: 'replied' })).toEqual([
      'submitted:done:2023-07-01',
      'accepted:done:',
      'assigned:-:',
      'rectified:-:',
      'replied:done::now',
    ]);
  });

  it('a declined report has no step line', () => {
    expect(reportSteps({ ...base, status: 'declined', reply: '不属于民生实事范围' })).toBeNull();
  });

  it('an unreadable or missing time has no day', () => {
    expect(localDay(null)).toBeNull();
    expect(localDay('not a time')).toBeNull();
  });
});

describe('report notices', () => {
  it('a decline carries its trimmed reason', () => {
    expect(reportNotice({ ...base, status: 'declined', reply: ' 不属于民生实事范围 ' })).toEqual({
      kind: 'declined',
      reason: '不属于民生实事范围',
    });
  });

  it('a 不满意 that reopened the problem gives the new deadline', () => {
    const reopened = pulled({
      status: 'accepted',
      rating: 'dissatisfied',
      reopened: { at: '2023-08-01T02:00:00Z', deadline: '2023-08-16' },
    });
    expect(reportNotice(reopened)).toEqual({ kind: 'reopened', deadline: '2023-08-16' });
  });

  it('a later 满意 hides the old reopening; nothing to say otherwise', () => {
    expect(
      reportNotice(
        pulled({
          status: 'rated',
          rating: 'satisfied',
          reopened: { at: '2023-08-01T02:00:00Z', deadline: '2023-08-16' },
        }),
      ),
    ).toBeNull();
    expect(reportNotice(pulled({ status: 'accepted' }))).toBeNull();
  });
});

describe('rating', () => {
  it('the deputy rates a reply, also a second reply after 不满意', () => {
    expect(canRate({ status: 'replied' })).toBe(true);
    for (const status of ['submitted', 'accepted', 'declined', 'rated'])
      expect(canRate({ status })).toBe(false);
  });

  it('only 不满意 needs a reason, and blanks are no reason', () => {
    expect(ratingNeedsReason('dissatisfied', '  ')).toBe(true);
    expect(ratingNeedsReason('dissatisfied', '还是没水')).toBe(false);
    expect(ratingNeedsReason('satisfied', '')).toBe(false);
  });

  it('满意 closes the report on the phone at once', () => {
    const rated = afterRating(
      pulled({ status: 'replied', reply: '已修复' }),
      'satisfied',
      ' 很好 ',
      '2023-08-01T02:00:00Z',
    );
    expect([rated.status, rated.rating, rated.rating_comment, rated.rated_at]).toEqual([
      'rated',
      'satisfied',
      '很好',
      '2023-08-01T02:00:00Z',
    ]);
  });

  it('不满意 waits for a new reply: back to accepted, 答复 no longer reached', () => {
    const done = pulled({}).steps!.map((s) => ({ ...s, done: true, at: '2023-07-20T12:00:00Z' }));
    const rated = afterRating(
      pulled({ status: 'replied', steps: done }),
      'dissatisfied',
      '还是没水',
      '2023-08-01T02:00:00Z',
    );
    expect(rated.status).toBe('accepted');
    expect(rated.steps?.find((s) => s.key === 'replied')).toEqual({
      key: 'replied',
      done: false,
      at: null,
    });
    expect(rated.steps?.find((s) => s.key === 'rectified')?.done).toBe(true);
  });
});
