import { describe, expect, it } from 'vitest';
import {
  daysInMonth,
  defaultChoice,
  officeToday,
  periodRange,
  quarterOf,
  readChoice,
  recentQuarters,
  writeChoice,
  type PeriodChoice,
} from '../src/lib/bulletin-period';

const TODAY = '2024-08-20';
const choice = (patch: Partial<PeriodChoice>): PeriodChoice => ({
  ...defaultChoice(TODAY),
  ...patch,
});

describe('officeToday', () => {
  it('is already the next day in Shanghai at 16:30 UTC', () => {
    expect(officeToday(new Date('2023-07-31T16:30:00Z'))).toBe('2023-08-01');
  });

  it('is still the same day in Shanghai at 15:59 UTC', () => {
    expect(officeToday(new Date('2023-07-31T15:59:59Z'))).toBe('2023-07-31');
  });

  it('turns the year at Shanghai midnight, not UTC midnight', () => {
    expect(officeToday(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01');
  });
});

describe('daysInMonth', () => {
  it('knows February in leap and common years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
  });

  it('knows 30- and 31-day months', () => {
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 12)).toBe(31);
  });
});

describe('periodRange', () => {
  it('a past month runs from the 1st to its last day', () => {
    expect(periodRange(choice({ kind: 'month', month: '2023-07' }), TODAY)).toEqual({
      ok: true,
      from: '2023-07-01',
      to: '2023-07-31',
      cut: false,
    });
  });

  it('the first half of a month is the 1st to the 15th', () => {
    expect(periodRange(choice({ kind: 'first-half', month: '2024-02' }), TODAY)).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-15',
    });
  });

  it('the second half of February ends on the 29th in a leap year', () => {
    expect(periodRange(choice({ kind: 'second-half', month: '2024-02' }), TODAY)).toMatchObject({
      from: '2024-02-16',
      to: '2024-02-29',
    });
  });

  it('the second half of a 31-day month ends on the 31st', () => {
    expect(periodRange(choice({ kind: 'second-half', month: '2023-07' }), TODAY)).toMatchObject({
      from: '2023-07-16',
      to: '2023-07-31',
    });
  });

  it('the running month is cut at today', () => {
    expect(periodRange(choice({ kind: 'month', month: '2024-08' }), TODAY)).toEqual({
      ok: true,
      from: '2024-08-01',
      to: '2024-08-20',
      cut: true,
    });
  });

  it('the second half of the running month has not started before the 16th', () => {
    expect(periodRange(choice({ kind: 'second-half', month: '2024-08' }), '2024-08-10')).toEqual({
      ok: false,
      reason: 'not-started',
    });
  });

  it('the second half starts on the 16th itself', () => {
    expect(periodRange(choice({ kind: 'second-half', month: '2024-08' }), '2024-08-16')).toEqual({
      ok: true,
      from: '2024-08-16',
      to: '2024-08-16',
      cut: true,
    });
  });

  it('a quarter spans its three months', () => {
    expect(periodRange(choice({ kind: 'quarter', quarter: '2023-Q3' }), TODAY)).toMatchObject({
      from: '2023-07-01',
      to: '2023-09-30',
    });
    expect(periodRange(choice({ kind: 'quarter', quarter: '2023-Q1' }), TODAY)).toMatchObject({
      from: '2023-01-01',
      to: '2023-03-31',
    });
    expect(periodRange(choice({ kind: 'quarter', quarter: '2023-Q4' }), TODAY)).toMatchObject({
      from: '2023-10-01',
      to: '2023-12-31',
    });
  });

  it('the year to date is 1 January to today', () => {
    expect(periodRange(choice({ kind: 'ytd' }), TODAY)).toEqual({
      ok: true,
      from: '2024-01-01',
      to: TODAY,
      cut: false,
    });
  });

  it('a custom period is taken as typed', () => {
    expect(
      periodRange(choice({ kind: 'custom', from: '2023-01-01', to: '2023-07-31' }), TODAY),
    ).toEqual({ ok: true, from: '2023-01-01', to: '2023-07-31', cut: false });
  });

  it('a reversed custom period is refused', () => {
    expect(
      periodRange(choice({ kind: 'custom', from: '2023-08-01', to: '2023-07-31' }), TODAY),
    ).toEqual({ ok: false, reason: 'reversed' });
  });

  it('a custom period with a missing day is incomplete', () => {
    expect(periodRange(choice({ kind: 'custom', from: '', to: '2023-07-31' }), TODAY)).toEqual({
      ok: false,
      reason: 'incomplete',
    });
    expect(
      periodRange(choice({ kind: 'custom', from: '2023-02-30', to: '2023-07-31' }), TODAY),
    ).toEqual({ ok: false, reason: 'incomplete' });
  });
});

describe('quarters', () => {
  it('quarterOf puts each month in its quarter', () => {
    expect(
      ['2023-01-05', '2023-03-31', '2023-04-01', '2023-09-30', '2023-10-01', '2023-12-31'].map(
        quarterOf,
      ),
    ).toEqual(['2023-Q1', '2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2023-Q4']);
  });

  it('recentQuarters counts back across years, newest first', () => {
    expect(recentQuarters('2024-02-10', 4)).toEqual(['2024-Q1', '2023-Q4', '2023-Q3', '2023-Q2']);
  });
});

describe('the choice in the URL', () => {
  it('the default choice writes an empty query', () => {
    expect(writeChoice(defaultChoice(TODAY), TODAY)).toBe('');
  });

  it('a custom period with a county round-trips', () => {
    const picked = choice({ kind: 'custom', from: '2023-01-01', to: '2023-07-31', county: '7' });
    const qs = writeChoice(picked, TODAY);
    expect(qs).toBe('?period=custom&from=2023-01-01&to=2023-07-31&county=7');
    expect(readChoice(qs, TODAY)).toEqual(picked);
  });

  it('a half-month of another month round-trips', () => {
    const picked = choice({ kind: 'second-half', month: '2023-07' });
    expect(readChoice(writeChoice(picked, TODAY), TODAY)).toEqual(picked);
  });

  it('a quarter round-trips', () => {
    const picked = choice({ kind: 'quarter', quarter: '2023-Q2' });
    expect(readChoice(writeChoice(picked, TODAY), TODAY)).toEqual(picked);
  });

  it('malformed values fall back to the defaults', () => {
    expect(
      readChoice('?period=week&month=2023-13&quarter=2023-Q5&from=x&county=abc', TODAY),
    ).toEqual(defaultChoice(TODAY));
  });
});
