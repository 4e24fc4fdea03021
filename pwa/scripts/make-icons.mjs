#!/usr/bin/env node
/**
 * Draw the app icon — a white magnifying glass with a tick on 现场 red — as SVG and as
 * 192/512 px PNGs in public/icons/. No dependencies: shapes are distance functions,
 * 4×4 supersampled, and the PNG is written with node:zlib.
 *
 *   node scripts/make-icons.mjs
 *
 * The drawing stays inside the central 80 % circle, so the same files serve as maskable icons.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const BG = [0xa6, 0x1b, 0x1b];
const FG = [0xff, 0xff, 0xff];

// Geometry in a 0..1 square.
const LENS = { x: 0.44, y: 0.44, r: 0.2, w: 0.075 };
const HANDLE = { ax: 0.585, ay: 0.585, bx: 0.72, by: 0.72, w: 0.1 };
const TICK = [
  { ax: 0.355, ay: 0.445, bx: 0.425, by: 0.515, w: 0.06 },
  { ax: 0.425, ay: 0.515, bx: 0.545, by: 0.375, w: 0.06 },
];

function segDist(px, py, s) {
  const dx = s.bx - s.ax;
  const dy = s.by - s.ay;
  const h = Math.max(0, Math.min(1, ((px - s.ax) * dx + (py - s.ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - s.ax - dx * h, py - s.ay - dy * h);
}

function inside(x, y) {
  if (Math.abs(Math.hypot(x - LENS.x, y - LENS.y) - LENS.r) <= LENS.w / 2) return true;
  if (segDist(x, y, HANDLE) <= HANDLE.w / 2) return true;
  return TICK.some((s) => segDist(x, y, s) <= s.w / 2);
}

function render(size) {
  const SS = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++)
          if (inside((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size)) hits++;
      const a = hits / (SS * SS);
      for (let c = 0; c < 3; c++) row[1 + px * 3 + c] = Math.round(BG[c] * (1 - a) + FG[c] * a);
    }
    rows.push(row);
  }
  return png(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(width, height, raw) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const s = (v) => +(v * 512).toFixed(1);
  const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
  const line = (g) =>
    `<line x1="${s(g.ax)}" y1="${s(g.ay)}" x2="${s(g.bx)}" y2="${s(g.by)}" stroke-width="${s(g.w)}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
<rect width="512" height="512" fill="${hex(BG)}"/>
<g fill="none" stroke="${hex(FG)}" stroke-linecap="round" stroke-linejoin="round">
<circle cx="${s(LENS.x)}" cy="${s(LENS.y)}" r="${s(LENS.r)}" stroke-width="${s(LENS.w)}"/>
${line(HANDLE)}
<polyline points="${s(TICK[0].ax)},${s(TICK[0].ay)} ${s(TICK[0].bx)},${s(TICK[0].by)} ${s(TICK[1].bx)},${s(TICK[1].by)}" stroke-width="${s(TICK[0].w)}"/>
</g>
</svg>
`;
}

mkdirSync(OUT, { recursive: true });
for (const size of [192, 512]) {
  const file = join(OUT, `icon-${size}.png`);
  const data = render(size);
  writeFileSync(file, data);
  console.log(`${file} ${data.length} bytes`);
}
writeFileSync(join(OUT, 'icon.svg'), svg());
console.log(join(OUT, 'icon.svg'));
