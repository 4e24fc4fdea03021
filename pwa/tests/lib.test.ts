import { afterEach, describe, expect, it } from 'vitest';
import { safeNext } from '../src/app';
import { setLang } from '../src/i18n';
import { formatMoney, formatPct, formatWait, isIsoDate, todayISO } from '../src/lib/format';
import { canManageLedger, canManageUsers } from '../src/lib/roles';
import { matchRoute } from '../src/lib/router';
import { parseNumber } from '../src/pages/ProjectDetail';

afterEach(() => setLang('zh-CN'));

describe('format', () => {
  it('gives the local date, not the UTC one', () => {
    expect(todayISO(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
    expect(todayISO(new Date(2024, 11, 31, 0, 1))).toBe('2024-12-31');
  });

  it('checks ISO dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-1')).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });

  it('formats percentages and 万元', () => {
    expect(formatPct(42.25)).toBe('42.3%');
    expect(formatPct(null)).toBe('—');
    expect(formatMoney(1234.5)).toBe('1,234.5');
    expect(formatMoney(1234.5, true)).toBe('1,234.5 万元');
    expect(formatMoney(undefined)).toBe('—');
  });

  it('formats waits', () => {
    expect(formatWait(12)).toBe('12 秒');
    expect(formatWait(61)).toBe('2 分钟');
    setLang('en');
    expect(formatWait(0.2)).toBe('1 s');
  });
});

describe('router', () => {
  it('matches patterns and decodes params', () => {
    expect(matchRoute('/projects', '/projects')).toEqual({});
    expect(matchRoute('/projects', '/projects/')).toEqual({});
    expect(matchRoute('/projects/:id', '/projects/12')).toEqual({ id: '12' });
    expect(matchRoute('/projects/:id', '/projects/XC%2D1')).toEqual({ id: 'XC-1' });
    expect(matchRoute('/projects/:id', '/projects')).toBeNull();
    expect(matchRoute('/projects/:id', '/projects/1/edit')).toBeNull();
    expect(matchRoute('/users', '/import')).toBeNull();
  });

  it('only follows local next= paths after login', () => {
    expect(safeNext('/projects/3?as_of=2024-01-01')).toBe('/projects/3?as_of=2024-01-01');
    expect(safeNext(null)).toBe('/projects');
    expect(safeNext('//evil.example/')).toBe('/projects');
    expect(safeNext('https://evil.example/')).toBe('/projects');
    expect(safeNext('/login?next=/x')).toBe('/projects');
    expect(safeNext('/api/v1/projects/export')).toBe('/projects');
  });
});

describe('roles', () => {
  it('lets admin and supervisor manage the ledger, only admin the users', () => {
    const roles = ['admin', 'supervisor', 'inspector', 'unit', 'deputy'] as const;
    expect(roles.filter((role) => canManageLedger({ role }))).toEqual(['admin', 'supervisor']);
    expect(roles.filter((role) => canManageUsers({ role }))).toEqual(['admin']);
    expect(canManageLedger(null)).toBe(false);
  });
});

describe('parseNumber', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['42', 42],
    ['42.5', 42.5],
    ['1,234.5', 1234.5],
    ['１２．５', 12.5],
    ['.5', 0.5],
    ['abc', NaN],
    ['1.2.3', NaN],
  ])('%j → %s', (raw, want) => {
    expect(parseNumber(raw)).toBe(want);
  });
});
