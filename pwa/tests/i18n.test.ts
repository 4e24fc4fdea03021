import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../src/i18n/en';
import { zh } from '../src/i18n/zh';
import {
  acceptLanguage,
  createTranslator,
  getLang,
  interpolate,
  normaliseLang,
  onLangChange,
  reloadLang,
  setLang,
  STORAGE_KEY,
  t,
  tIn,
} from '../src/i18n';

beforeEach(() => {
  localStorage.clear();
  reloadLang();
});
afterEach(() => {
  localStorage.clear();
  reloadLang();
});

describe('i18n defaults', () => {
  it('uses Simplified Chinese when nothing is stored', () => {
    expect(getLang()).toBe('zh-CN');
    expect(t('nav.projects')).toBe('项目台账');
    expect(acceptLanguage()).toBe('zh-CN');
  });

  it('reads the stored language when the module loads', async () => {
    localStorage.setItem(STORAGE_KEY, 'en');
    vi.resetModules();
    const fresh = await import('../src/i18n');
    expect(fresh.getLang()).toBe('en');
    expect(fresh.t('nav.projects')).toBe('Projects');
    expect(document.documentElement.lang).toBe('en');
  });

  it('ignores a stored value it does not know', async () => {
    localStorage.setItem(STORAGE_KEY, 'fr');
    vi.resetModules();
    const fresh = await import('../src/i18n');
    expect(fresh.getLang()).toBe('zh-CN');
  });
});

describe('switching', () => {
  it('switches to English, stores the choice and tells listeners', () => {
    const seen: string[] = [];
    const off = onLangChange((lang) => seen.push(lang));
    setLang('en');
    expect(getLang()).toBe('en');
    expect(acceptLanguage()).toBe('en');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(t('login.submit')).toBe('Log in');
    setLang('zh-CN');
    expect(t('login.submit')).toBe('登录');
    expect(seen).toEqual(['en', 'zh-CN']);
    off();
    setLang('en');
    expect(seen).toEqual(['en', 'zh-CN']);
  });

  it('does not notify when the language does not change', () => {
    const fn = vi.fn();
    const off = onLangChange(fn);
    setLang('zh-CN');
    expect(fn).not.toHaveBeenCalled();
    off();
  });

  it('can switch without storing (an account default)', () => {
    setLang('en', { persist: false });
    expect(getLang()).toBe('en');
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
  });
});

describe('fallback', () => {
  const translate = createTranslator({
    'zh-CN': { hello: '你好，{name}', only_zh: '仅中文' },
    en: { hello: 'Hello, {name}' },
  });

  it('falls back to Chinese for a key missing in English', () => {
    expect(translate('en', 'only_zh')).toBe('仅中文');
    expect(translate('en', 'hello', { name: 'Li' })).toBe('Hello, Li');
  });

  it('shows the key itself when no dictionary has it', () => {
    expect(translate('en', 'nope.missing')).toBe('nope.missing');
    expect(t('nope.missing')).toBe('nope.missing');
  });

  it('interpolates parameters and leaves unknown ones alone', () => {
    expect(interpolate('{a} / {b} / {c}', { a: 1, b: 'x' })).toBe('1 / x / {c}');
    expect(tIn('zh-CN', 'common.page', { page: 2, pages: 5, total: 230 })).toBe(
      '第 2 / 5 页，共 230 项',
    );
    expect(tIn('en', 'common.page', { page: 2, pages: 5, total: 230 })).toBe(
      'Page 2 of 5, 230 in all',
    );
  });
});

describe('dictionaries', () => {
  it('English covers every Chinese key', () => {
    const missing = Object.keys(zh).filter((k) => !(k in en));
    expect(missing).toEqual([]);
  });

  it('has no English key unknown to Chinese', () => {
    const extra = Object.keys(en).filter((k) => !(k in zh));
    expect(extra).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const [key, text] of Object.entries(en)) {
      expect(names(text!), key).toBe(names(zh[key as keyof typeof zh]));
    }
  });
});

describe('normaliseLang', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['fr', null],
    ['', null],
    [null, null],
  ])('%s → %s', (input, want) => {
    expect(normaliseLang(input)).toBe(want);
  });
});
