import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../src/i18n';
import { formatDateTime } from '../src/lib/format';
import { fieldTime, timesDiffer } from '../src/lib/times';

const AT = '2026-12-01T01:07:00Z';
const SYNCED = '2026-12-07T01:15:00Z';

describe('fieldTime: the action time, and the sync time when an hour or more apart', () => {
  afterEach(() => setLang('zh-CN', { persist: false }));

  it('shows both times when the phone synced days later', () => {
    setLang('zh-CN', { persist: false });
    const shown = fieldTime(AT, SYNCED);
    expect(shown).toBe(
      `现场 ${formatDateTime(AT).slice(5)} · 同步 ${formatDateTime(SYNCED).slice(5)}`,
    );
    expect(shown).toMatch(/^现场 12-0\d \d\d:\d\d · 同步 12-0\d \d\d:\d\d$/);
  });

  it('shows one time when they are within the hour', () => {
    expect(fieldTime(AT, '2026-12-01T01:50:00Z')).toBe(formatDateTime(AT));
    expect(timesDiffer(AT, '2026-12-01T02:07:00Z')).toBe(false);
    expect(timesDiffer(AT, '2026-12-01T02:08:00Z')).toBe(true);
  });

  it('falls back to whichever time there is', () => {
    expect(fieldTime(null, SYNCED)).toBe(formatDateTime(SYNCED));
    expect(fieldTime(AT, undefined)).toBe(formatDateTime(AT));
  });

  it('says when the phone clock was not trusted', () => {
    expect(fieldTime(SYNCED, SYNCED, true)).toBe(
      `${formatDateTime(SYNCED)} · 手机时间不可信，按同步时间`,
    );
    setLang('en', { persist: false });
    expect(fieldTime(AT, SYNCED)).toMatch(/^On site 12-0\d \d\d:\d\d · synced 12-0\d/);
  });
});
