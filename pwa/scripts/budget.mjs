#!/usr/bin/env node
/**
 * The app shell's size budget, a check that fails: the JS and CSS index.html loads at start
 * (module scripts, modulepreload and stylesheet links), each gzipped at level 9, must add up to
 * at most 150 KB. Chunks loaded later by import() are listed apart and not counted. The same
 * measurement as bench/pwa.py (a).
 *
 *   node scripts/budget.mjs [dist]     (after `vite build`; default pwa/dist)
 *
 * Exit 0 within the budget, 1 over it, 2 when the build is missing or incomplete.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
const BUDGET = 150 * KB;
const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** The attributes of every <script> and <link> tag in the page. */
function tags(html) {
  const found = [];
  for (const [, name, body] of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attrs = {};
    for (const [, key, , dq, sq, bare] of body.matchAll(
      /([\w-]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g,
    )) {
      attrs[key.toLowerCase()] = dq ?? sq ?? bare ?? '';
    }
    found.push({ name: name.toLowerCase(), attrs });
  }
  return found;
}

/** The JS and CSS files index.html makes the browser fetch before the app runs. */
function eagerFiles(html) {
  const files = [];
  for (const { name, attrs } of tags(html)) {
    const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    if (name === 'script' && attrs.type === 'module' && attrs.src) files.push(attrs.src);
    else if (
      name === 'link' &&
      attrs.href &&
      (rel.includes('stylesheet') || rel.includes('modulepreload'))
    )
      files.push(attrs.href);
  }
  return [...new Set(files.filter((f) => /\.(js|css)$/.test(f.split(/[?#]/)[0])))];
}

const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const kb = (bytes) => (bytes / KB).toFixed(1).padStart(6);

function fail(message) {
  console.error(`shell budget: ${message}`);
  process.exit(2);
}

const index = join(dist, 'index.html');
if (!existsSync(index)) fail(`${index} is missing: run \`npm run build\` first`);
const eager = eagerFiles(readFileSync(index, 'utf8')).map((src) =>
  join(dist, src.split(/[?#]/)[0].replace(/^\//, '')),
);
if (!eager.length) fail(`${index} loads no JS or CSS: not a build of the app`);

console.log('app shell, JS + CSS loaded at start by index.html, gzip -9:');
let total = 0;
for (const path of eager) {
  if (!existsSync(path)) fail(`${path} (named in index.html) is missing`);
  const size = gz(path);
  total += size;
  console.log(
    `  ${relative(dist, path).padEnd(46)} ${kb(statSync(path).size)} KB → ${kb(size)} KB`,
  );
}
const assets = join(dist, 'assets');
if (existsSync(assets)) {
  for (const name of readdirSync(assets).sort()) {
    const path = join(assets, name);
    if (name.endsWith('.js') && !eager.includes(path))
      console.log(`  lazy, not counted: ${name.padEnd(34)} ${kb(gz(path))} KB`);
  }
}
const over = total > BUDGET;
const verdict = over ? 'OVER' : 'ok';
console.log(
  `shell total ${(total / KB).toFixed(1)} KB gzipped, budget ${BUDGET / KB} KB: ${verdict}`,
);
if (over) {
  const excess = ((total - BUDGET) / KB).toFixed(1);
  console.error(`shell budget: ${excess} KB over; load the page that grew with import()`);
  process.exit(1);
}
