import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../src/i18n';
import {
  isStatusCode,
  STATUS_ORDER,
  STATUS_TONES,
  statusColour,
  statusLabel,
  statusTone,
  TONE_COLOURS,
} from '../src/lib/status';

afterEach(() => setLang('zh-CN'));

describe('status tones', () => {
  it.each([
    ['completed_early', 'green'],
    ['completed', 'green'],
    ['ahead', 'blue'],
    ['on_schedule', 'teal'],
    ['behind', 'red'],
    ['postponed', 'orange'],
  ])('%s is %s', (code, tone) => {
    expect(statusTone(code)).toBe(tone);
  });

  it('gives unknown or missing statuses grey', () => {
    expect(statusTone('whatever')).toBe('grey');
    expect(statusTone(null)).toBe('grey');
    expect(statusTone(undefined)).toBe('grey');
    expect(statusColour(null)).toBe(TONE_COLOURS.grey);
  });

  it('maps every status to a colour', () => {
    for (const code of STATUS_ORDER) {
      expect(statusColour(code)).toMatch(/^#[0-9a-f]{6}$/);
      expect(statusColour(code)).toBe(TONE_COLOURS[STATUS_TONES[code]]);
    }
  });

  it('uses colours dark enough for white text (contrast ≥ 4.5)', () => {
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const colour of Object.values(TONE_COLOURS)) {
      expect(1.05 / (lum(colour) + 0.05) >= 4.5, colour).toBe(true);
    }
  });
});

describe('status labels', () => {
  it('prefers the label the server sent', () => {
    expect(statusLabel('behind', '滞后（服务器）')).toBe('滞后（服务器）');
  });

  it('falls back to its own labels in the current language', () => {
    expect(STATUS_ORDER.map((c) => statusLabel(c))).toEqual([
      '提前完成',
      '已完成',
      '超序时',
      '按序时',
      '滞后',
      '暂缓',
    ]);
    setLang('en');
    expect(statusLabel('ahead')).toBe('Ahead of schedule');
    expect(statusLabel('nonsense')).toBe('Unknown');
  });

  it('knows the six codes and nothing else', () => {
    expect(STATUS_ORDER.every(isStatusCode)).toBe(true);
    expect(isStatusCode('late')).toBe(false);
    expect(isStatusCode(3)).toBe(false);
  });
});
