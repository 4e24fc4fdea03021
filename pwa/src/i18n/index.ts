/**
 * A small i18n module: `t('key', {param})`, Simplified Chinese by default, English switchable.
 *
 * The chosen language is kept in localStorage and sent with every API request as
 * `Accept-Language`. A key missing from the English dictionary falls back to Chinese; a key
 * missing everywhere is shown as itself so the gap is visible.
 */
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export type Params = Record<string, string | number | null | undefined>;
export type Dictionary = Partial<Record<string, string>>;

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const STORAGE_KEY = 'xianchang.lang';

/** Replace `{name}` placeholders; unknown placeholders are left as they are. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** A pure translator over the given dictionaries; the fallback dictionary answers missing keys. */
export function createTranslator(dicts: Record<Lang, Dictionary>, fallback: Lang = DEFAULT_LANG) {
  return (lang: Lang, key: string, params?: Params): string => {
    const text = dicts[lang]?.[key] ?? dicts[fallback]?.[key] ?? key;
    return interpolate(text, params);
  };
}

const translate = createTranslator({ 'zh-CN': zh, en });

/** Normalise any language tag ("en-GB", "zh", "zh-Hans-CN") to a supported language. */
export function normaliseLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  return null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // e.g. storage disabled in a private window
  }
}

function readStoredLang(): Lang | null {
  try {
    return normaliseLang(storage()?.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

let current: Lang = readStoredLang() ?? DEFAULT_LANG;
const listeners = new Set<(lang: Lang) => void>();

function applyToDocument(lang: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
applyToDocument(current);

export function getLang(): Lang {
  return current;
}

/**
 * True when the person chose a language on this device (then the account's locale is not applied).
 */
export function hasStoredLang(): boolean {
  return readStoredLang() !== null;
}

/** Switch language, remember it on this device and tell the listeners. */
export function setLang(lang: Lang, { persist = true }: { persist?: boolean } = {}): void {
  if (persist) {
    try {
      storage()?.setItem(STORAGE_KEY, lang);
    } catch {
      /* storage full or disabled: the choice lasts for this page only */
    }
  }
  if (lang === current) return;
  current = lang;
  applyToDocument(lang);
  for (const fn of [...listeners]) fn(lang);
}

/** Re-read the stored choice (used by tests and when another tab changed it). */
export function reloadLang(): Lang {
  const lang = readStoredLang() ?? DEFAULT_LANG;
  if (lang !== current) setLang(lang, { persist: false });
  return current;
}

export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The value for the `Accept-Language` header. */
export function acceptLanguage(): string {
  return current;
}

/** Translate a key in the current language. */
export function t(key: MessageKey | (string & {}), params?: Params): string {
  return translate(current, key, params);
}

/** Translate in an explicit language (handy for tests and for labels shown in both languages). */
export function tIn(lang: Lang, key: MessageKey | (string & {}), params?: Params): string {
  return translate(lang, key, params);
}
