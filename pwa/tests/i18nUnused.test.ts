/**
 * Every key of the Chinese dictionary is used somewhere in src/: as a literal ('field.photo.alt')
 * or under a prefix a template literal fills in (t(`field.state.${state}`)). A key nothing uses is
 * dead weight in both languages and in the punctuation scan: remove it from zh and en together.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zh } from '../src/i18n/zh';

const SRC = resolve(__dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('i18n keys', () => {
  it('has no key that nothing in src/ uses', () => {
    const code = sources(SRC)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const prefixes = [...code.matchAll(/`([\w.]+\.)\$\{/g)].map((m) => m[1]!);
    const used = (key: string) =>
      [`'${key}'`, `"${key}"`, `\`${key}\``].some((q) => code.includes(q)) ||
      prefixes.some((p) => key.startsWith(p));
    expect(Object.keys(zh).filter((k) => !used(k))).toEqual([]);
  });
});
