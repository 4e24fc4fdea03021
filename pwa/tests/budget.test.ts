// @vitest-environment node
/**
 * The shell budget check (scripts/budget.mjs, run by scripts/test after the build) against
 * made-up builds: it fails when what index.html loads at start gzips to more than 150 KB, and
 * only then (chunks loaded later by import() do not count).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../scripts/budget.mjs', import.meta.url));
const KB = 1024;
const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A dist directory: index.html with these tags, and assets/ with these files. */
function build(head: string, assets: Record<string, Buffer | string>): string {
  const dist = mkdtempSync(join(tmpdir(), 'xianchang-budget-'));
  made.push(dist);
  mkdirSync(join(dist, 'assets'));
  for (const [name, body] of Object.entries(assets))
    writeFileSync(join(dist, 'assets', name), body);
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><html><head>${head}</head><body><div id="app"></div></body></html>`,
  );
  return dist;
}

function budget(dist: string) {
  const run = spawnSync(process.execPath, [SCRIPT, dist], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** Bytes gzip cannot shrink, so their gzipped size is about their size. */
const incompressible = (kb: number) => randomBytes(kb * KB);

const ENTRY =
  '<script type="module" crossorigin src="/assets/index-abc.js"></script>' +
  '<link rel="stylesheet" crossorigin href="/assets/index-abc.css">';

describe('shell budget', () => {
  it('passes a small shell and prints its gzipped size', () => {
    const dist = build(ENTRY, {
      'index-abc.js': 'console.log("现场");\n'.repeat(2000),
      'index-abc.css': 'body { margin: 0 }\n',
    });
    const { code, out } = budget(dist);
    expect(code).toBe(0);
    expect(out).toContain('assets/index-abc.js');
    expect(out).toMatch(/shell total \d+\.\d KB gzipped, budget 150 KB: ok/);
  });

  it('fails when the entry script gzips to more than 150 KB', () => {
    const dist = build(ENTRY, { 'index-abc.js': incompressible(160), 'index-abc.css': '' });
    const { code, out, err } = budget(dist);
    expect(code).toBe(1);
    expect(out).toMatch(/shell total 16\d\.\d KB gzipped, budget 150 KB: OVER/);
    expect(err).toContain('KB over');
  });

  it('counts the CSS and the modulepreloaded chunks with the entry', () => {
    const dist = build(
      ENTRY + '<link rel="modulepreload" crossorigin href="/assets/vendor-x.js">',
      {
        'index-abc.js': incompressible(60),
        'index-abc.css': incompressible(50),
        'vendor-x.js': incompressible(50),
      },
    );
    expect(budget(dist).code).toBe(1);
  });

  it('does not count chunks loaded later by import()', () => {
    const dist = build(ENTRY, {
      'index-abc.js': incompressible(100),
      'index-abc.css': 'body { margin: 0 }\n',
      'Dashboard-big.js': incompressible(400),
    });
    const { code, out } = budget(dist);
    expect(code).toBe(0);
    expect(out).toContain('lazy, not counted: Dashboard-big.js');
  });

  it('fails without a build, and when index.html names a file that is not there', () => {
    const empty = mkdtempSync(join(tmpdir(), 'xianchang-budget-'));
    made.push(empty);
    expect(budget(empty).code).toBe(2);
    expect(budget(empty).err).toContain('npm run build');
    expect(budget(build(ENTRY, { 'index-abc.css': '' })).code).toBe(2);
  });
});
