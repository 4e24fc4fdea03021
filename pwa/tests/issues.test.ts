import { describe, expect, it } from 'vitest';
import type { IssueDetail, IssueEvent } from '../src/api/issues';
import {
  actionProblem,
  apiFilters,
  daysKey,
  daysLeft,
  deadlineColour,
  deadlineStatus,
  EMPTY_FORM,
  eventFacts,
  latestSlip,
  NO_FILTERS,
  officeActions,
  pendingExtension,
  readFilters,
  suggestedUnit,
  transitionBody,
  writeFilters,
} from '../src/lib/issues';

const TODAY = '2026-03-10';
const ID = '4f1c2a9e-8b7d-4c1e-9a0b-123456789abc';

describe('deadline colours (as sync/deadlines.py)', () => {
  it('counts whole days, across a month end and a leap day', () => {
    expect(daysLeft('2026-03-10', TODAY)).toBe(0);
    expect(daysLeft('2026-03-13', TODAY)).toBe(3);
    expect(daysLeft('2026-03-09', TODAY)).toBe(-1);
    expect(daysLeft('2024-03-01', '2024-02-28')).toBe(2);
  });

  it('is yellow from 3 days left to the day itself, red after, green before', () => {
    expect(deadlineColour('assigned', '2026-03-14', TODAY)).toBe('green');
    expect(deadlineColour('assigned', '2026-03-13', TODAY)).toBe('yellow');
    expect(deadlineColour('rectifying', '2026-03-10', TODAY)).toBe('yellow');
    expect(deadlineColour('rectified', '2026-03-09', TODAY)).toBe('red');
  });

  it('has no colour where no unit owes anything or there is no deadline', () => {
    for (const state of [
      'found',
      'verified',
      'closed',
      'returned',
      'duplicate',
      'rejected',
    ] as const) {
      expect(deadlineColour(state, '2026-03-01', TODAY)).toBeNull();
    }
    expect(deadlineColour('assigned', null, TODAY)).toBeNull();
  });

  it("prefers the server's colour and days, else works them out", () => {
    expect(
      deadlineStatus(
        { state: 'assigned', deadline: '2026-03-20', colour: 'red', days_left: -2 },
        TODAY,
      ),
    ).toEqual({ colour: 'red', days: -2 });
    expect(deadlineStatus({ state: 'assigned', deadline: '2026-03-08' }, TODAY)).toEqual({
      colour: 'red',
      days: -2,
    });
    expect(
      deadlineStatus(
        { state: 'closed', deadline: '2026-03-08', colour: null, days_left: -2 },
        TODAY,
      ).colour,
    ).toBeNull();
  });

  it('words the days left, due today and overdue', () => {
    expect(daysKey(5)).toEqual({ key: 'issues.days.left', n: 5 });
    expect(daysKey(0)).toEqual({ key: 'issues.days.today', n: 0 });
    expect(daysKey(-3)).toEqual({ key: 'issues.days.over', n: 3 });
  });
});

describe("the office's moves (as sync/machine.py)", () => {
  const kinds = (
    state: Parameters<typeof officeActions>[0],
    allowed?: Parameters<typeof officeActions>[1],
  ) => officeActions(state, allowed).map((a) => a.kind);

  it('offers by state what the machine allows the office', () => {
    expect(kinds('found')).toEqual(['assign', 'duplicate', 'reject']);
    expect(kinds('returned')).toEqual(['reassign']);
    expect(kinds('rectified')).toEqual(['verify', 'sendBack']);
    expect(kinds('verified')).toEqual(['close']);
    // 改派: a problem a unit holds goes to another unit
    expect(kinds('assigned')).toEqual(['transfer']);
    expect(kinds('rectifying')).toEqual(['transfer']);
    for (const state of ['closed', 'duplicate', 'rejected'] as const)
      expect(kinds(state)).toEqual([]);
  });

  it('keeps only the targets the server lists for this user', () => {
    expect(kinds('found', ['assigned'])).toEqual(['assign']);
    expect(kinds('rectified', [])).toEqual([]);
  });

  it('asks a reason, a unit and a deadline for 改派', () => {
    const [transfer] = officeActions('rectifying', ['assigned']);
    const form = { ...EMPTY_FORM, unitId: '4', deadline: '2099-01-01' };
    expect(actionProblem(transfer!, form, '2026-03-01')).toBe('issues.need.reason');
    expect(actionProblem(transfer!, { ...form, reason: '改派' }, '2026-03-01')).toBeNull();
    expect(transitionBody(transfer!, 'rectifying', { ...form, reason: '改派' })).toEqual({
      to: 'assigned',
      expected_from: 'rectifying',
      unit_id: 4,
      deadline: '2099-01-01',
      reason: '改派',
    });
  });

  it('says what is missing before sending', () => {
    const [assign, duplicate, reject] = officeActions('found');
    expect(actionProblem(assign!, EMPTY_FORM, TODAY)).toBe('issues.need.unit');
    expect(actionProblem(assign!, { ...EMPTY_FORM, unitId: '3' }, TODAY)).toBe(
      'issues.need.deadline',
    );
    expect(
      actionProblem(assign!, { ...EMPTY_FORM, unitId: '3', deadline: '2026-03-09' }, TODAY),
    ).toBe('issues.need.futureDeadline');
    expect(
      actionProblem(assign!, { ...EMPTY_FORM, unitId: '3', deadline: TODAY }, TODAY),
    ).toBeNull();
    expect(actionProblem(reject!, { ...EMPTY_FORM, reason: '   ' }, TODAY)).toBe(
      'issues.need.reason',
    );
    expect(actionProblem(duplicate!, EMPTY_FORM, TODAY)).toBe('issues.need.duplicateOf');
    expect(actionProblem(duplicate!, { ...EMPTY_FORM, duplicateOf: 'nope!' }, TODAY)).toBe(
      'issues.need.duplicateId',
    );
    expect(
      actionProblem(duplicate!, { ...EMPTY_FORM, duplicateOf: ID.toUpperCase() }, TODAY, ID),
    ).toBe('issues.need.notSelf');
    const [verify] = officeActions('rectified');
    expect(actionProblem(verify!, EMPTY_FORM, TODAY)).toBeNull();
  });

  it('sends only what the move uses, trimmed, with the state it expects', () => {
    const [assign, , reject] = officeActions('found');
    const form = {
      unitId: '3',
      deadline: '2026-04-01',
      requirements: ' 一周内恢复供水 ',
      reason: 'ignored',
      duplicateOf: ID,
    };
    expect(transitionBody(assign!, 'found', form)).toEqual({
      to: 'assigned',
      expected_from: 'found',
      unit_id: 3,
      deadline: '2026-04-01',
      requirements: '一周内恢复供水',
    });
    expect(transitionBody(reject!, 'found', { ...EMPTY_FORM, reason: ' 不属于民生实事 ' })).toEqual(
      { to: 'rejected', expected_from: 'found', reason: '不属于民生实事' },
    );
    const [verify, sendBack] = officeActions('rectified');
    expect(transitionBody(verify!, 'rectified', EMPTY_FORM)).toEqual({
      to: 'verified',
      expected_from: 'rectified',
    });
    expect(
      transitionBody(sendBack!, 'rectified', { ...EMPTY_FORM, reason: '照片不清' }).reason,
    ).toBe('照片不清');
    expect(
      transitionBody(officeActions('found')[1]!, 'found', { ...EMPTY_FORM, duplicateOf: ` ${ID} ` })
        .duplicate_of,
    ).toBe(ID);
  });

  it('picks the unit the finder suggested, exactly or by part of its name', () => {
    const units = [
      { id: 1, code: 'SL', name: '县水利局' },
      { id: 2, code: 'JT', name: '县交通运输局' },
    ];
    expect(suggestedUnit(units, '县交通运输局')?.id).toBe(2);
    expect(suggestedUnit(units, '水利局')?.id).toBe(1);
    expect(suggestedUnit(units, '')).toBeUndefined();
    expect(suggestedUnit(units, '卫健局')).toBeUndefined();
  });
});

describe('filters in the URL', () => {
  it('round-trips and drops what it does not know', () => {
    const filters = {
      state: 'assigned',
      township: '7',
      unit: '3',
      colour: 'red',
      extension: true,
      q: '督交〔2026〕3号',
    } as const;
    expect(readFilters(writeFilters(filters))).toEqual(filters);
    expect(writeFilters(NO_FILTERS)).toBe('');
    expect(readFilters('?state=bogus&township=x&colour=blue&extension=yes')).toEqual(NO_FILTERS);
  });

  it('become the API query', () => {
    expect(apiFilters({ ...NO_FILTERS, township: '7', colour: 'red' })).toMatchObject({
      township_id: 7,
      unit_id: null,
      colour: 'red',
      extension_pending: false,
    });
  });
});

function event(
  kind: IssueEvent['kind'],
  data: Record<string, unknown> | null,
  extra: Partial<IssueEvent> = {},
): IssueEvent {
  return {
    id: 1,
    kind,
    from_state: null,
    to_state: null,
    actor: { id: 1, display_name: '黄丽娟' },
    at: '2026-03-10T02:00:00Z',
    reason: null,
    data,
    ...extra,
  };
}

describe('the timeline', () => {
  it('shows the slip number and deadline of an assignment', () => {
    const assigned = event(
      'transition',
      { unit_id: 3, deadline: '2026-04-01', slip_number: '督交〔2026〕3号', slip_id: 9 },
      { from_state: 'found', to_state: 'assigned' },
    );
    expect(eventFacts(assigned)).toEqual({ slip: '督交〔2026〕3号', deadline: '2026-04-01' });
  });

  it('shows the deadlines of an extension', () => {
    const approved = event('extension_approved', {
      proposed_deadline: '2026-04-20',
      previous_deadline: '2026-04-01',
      deadline: '2026-04-15',
    });
    expect(eventFacts(approved)).toEqual({
      proposed: '2026-04-20',
      previous: '2026-04-01',
      deadline: '2026-04-15',
    });
    expect(eventFacts(event('created', null))).toEqual({});
  });

  it('finds the waiting request and the newest slip', () => {
    const issue = {
      pending_extension_until: '2026-04-20',
      events: [
        event('extension_requested', {}, { reason: '旧的' }),
        event('extension_refused', {}),
        event(
          'extension_requested',
          {},
          { reason: '管材到货延迟', actor: { id: 5, display_name: '水利局' } },
        ),
      ],
      slips: [{ code: '督交〔2026〕1号' }, { code: '督交〔2026〕4号' }],
    } as unknown as IssueDetail;
    expect(pendingExtension(issue)).toEqual({
      until: '2026-04-20',
      reason: '管材到货延迟',
      by: '水利局',
    });
    expect(pendingExtension({ ...issue, pending_extension_until: null })).toBeNull();
    expect(latestSlip(issue)?.code).toBe('督交〔2026〕4号');
  });
});
