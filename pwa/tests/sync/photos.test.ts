import { freshDbName } from './setup';
import { describe, expect, it } from 'vitest';
import { openSyncDb } from '../../src/sync/db';
import { pending } from '../../src/sync/outbox';
import {
  capturePhoto,
  downscale,
  exifOrientation,
  extractExif,
  jpegDimensions,
  readBytes,
  sha256Hex,
  spliceExif,
  withExifOrientation,
  type ImageCodec,
} from '../../src/sync/photos';

const OWNER = '22222222-2222-4222-8222-222222222222';

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

/** APP1 "Exif\0\0" + a little-endian TIFF with IFD0 holding Orientation (and Make). */
function exifApp1(orientation: number): Uint8Array<ArrayBuffer> {
  const tiff = [
    0x49,
    0x49,
    0x2a,
    0x00,
    0x08,
    0x00,
    0x00,
    0x00, // II, 42, IFD0 at 8
    0x02,
    0x00, // 2 entries
    0x0f,
    0x01,
    0x02,
    0x00,
    0x04,
    0x00,
    0x00,
    0x00,
    0x41,
    0x42,
    0x43,
    0x00, // Make ASCII "ABC\0"
    0x12,
    0x01,
    0x03,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00,
    orientation,
    0x00,
    0x00,
    0x00, // Orientation SHORT
    0x00,
    0x00,
    0x00,
    0x00, // no IFD1
  ];
  return new Uint8Array(segment(0xe1, [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]));
}

const APP0 = segment(
  0xe0,
  [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00],
);
const SCAN = [
  ...segment(0xda, [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
  0x12,
  0x34,
  0xff,
  0x00,
  0x56,
  0xff,
  0xd9,
];

function sof(width: number, height: number): number[] {
  return segment(0xc0, [
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x01,
    0x01,
    0x11,
    0x00,
  ]);
}

/** A camera JPEG: SOI, APP1 Exif, SOF, scan, EOI. */
function cameraJpeg(orientation: number, width = 4000, height = 3000): Uint8Array<ArrayBuffer> {
  return new Uint8Array([0xff, 0xd8, ...exifApp1(orientation), ...sof(width, height), ...SCAN]);
}

/** What a canvas encodes: SOI, JFIF APP0, SOF, scan, EOI — no Exif. */
function canvasJpeg(width: number, height: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array([0xff, 0xd8, ...APP0, ...sof(width, height), ...SCAN]);
}

function fakeCodec(decoded: {
  width: number;
  height: number;
}): ImageCodec & { encoded: [number, number][] } {
  const encoded: [number, number][] = [];
  return {
    encoded,
    decode: () => Promise.resolve({ ...decoded, source: null, close: () => undefined }),
    encodeJpeg: (_img, width, height) => {
      encoded.push([width, height]);
      return Promise.resolve(new Blob([canvasJpeg(width, height)], { type: 'image/jpeg' }));
    },
  };
}

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 vector for "abc"', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await sha256Hex(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('EXIF splice', () => {
  it('finds the APP1 Exif segment of a JPEG', () => {
    const app1 = exifApp1(6);
    expect(extractExif(cameraJpeg(6))).toEqual(app1);
    expect(extractExif(canvasJpeg(10, 10))).toBeNull();
    expect(exifOrientation(app1)).toBe(6);
    expect(jpegDimensions(cameraJpeg(6, 640, 480))).toEqual({ width: 640, height: 480 });
  });

  it('puts the same APP1 bytes right after SOI and keeps the rest', () => {
    const app1 = exifApp1(3);
    const target = canvasJpeg(1600, 1200);
    const out = spliceExif(target, app1);
    expect(Array.from(out.subarray(0, 2))).toEqual([0xff, 0xd8]);
    expect(out.subarray(2, 2 + app1.length)).toEqual(app1);
    expect(out.subarray(2 + app1.length)).toEqual(target.subarray(2));
    expect(extractExif(out)).toEqual(app1);
  });

  it('replaces an Exif segment the target already had', () => {
    const out = spliceExif(cameraJpeg(1), exifApp1(8));
    expect(extractExif(out)).toEqual(exifApp1(8));
    expect(out.length).toBe(cameraJpeg(1).length);
  });

  it('rewrites only the Orientation value', () => {
    const app1 = exifApp1(6);
    const fixed = withExifOrientation(app1, 1);
    expect(exifOrientation(fixed)).toBe(1);
    expect(exifOrientation(app1)).toBe(6); // the input is left alone
    expect(Array.from(fixed).filter((b, i) => b !== app1[i]).length).toBe(1);
  });
});

describe('downscale', () => {
  it('re-encodes to at most maxSide and keeps the EXIF (oriented pixels: Orientation 1)', async () => {
    const original = cameraJpeg(6, 4000, 3000);
    // the decoder applied the 90° orientation: 3000 × 4000
    const codec = fakeCodec({ width: 3000, height: 4000 });
    const out = await readBytes(
      await downscale(new Blob([original], { type: 'image/jpeg' }), 1600, 0.8, { codec }),
    );
    expect(codec.encoded).toEqual([[1200, 1600]]);
    const exif = extractExif(out)!;
    expect(exif).toEqual(withExifOrientation(exifApp1(6), 1));
  });

  it('keeps the original Orientation when the decoder did not rotate', async () => {
    const codec = fakeCodec({ width: 4000, height: 3000 });
    const out = await readBytes(
      await downscale(new Blob([cameraJpeg(6, 4000, 3000)]), 1600, 0.8, { codec }),
    );
    expect(extractExif(out)).toEqual(exifApp1(6));
  });

  it('returns a small JPEG unchanged', async () => {
    const file = new Blob([cameraJpeg(1, 800, 600)], { type: 'image/jpeg' });
    const codec = fakeCodec({ width: 800, height: 600 });
    expect(await downscale(file, 1600, 0.8, { codec })).toBe(file);
    expect(codec.encoded).toEqual([]);
  });
});

describe('capturePhoto', () => {
  it('keeps the original bytes and queues photo.attach with their sha256 (keepOriginals)', async () => {
    const db = await openSyncDb({ name: freshDbName() });
    const file = new Blob([cameraJpeg(1)], { type: 'image/jpeg' });
    const location = { lat: 28.2, lon: 112.9, accuracy_m: 8, at: '2025-05-01T08:00:00Z' };
    const shot = await capturePhoto(db, file, 'inspection', OWNER, location, {
      keepOriginals: true,
    });
    expect(shot.sha256).toBe(await sha256Hex(file));
    const [entry] = await pending(db);
    expect(entry).toMatchObject({
      id: 1,
      name: 'photo.attach',
      args: {
        id: shot.photoId,
        sha256: shot.sha256,
        size: file.size,
        content_type: 'image/jpeg',
        owner_type: 'inspection',
        owner_id: OWNER,
        location,
      },
    });
    const stored = await db.get('blobs', shot.sha256);
    expect(stored).toMatchObject({
      sha256: shot.sha256,
      size: file.size,
      type: 'image/jpeg',
      uploaded: false,
    });
    expect(await sha256Hex(stored!.bytes)).toBe(shot.sha256);
    expect(await db.get('drafts', ['photo', shot.photoId])).toMatchObject({ mutation_id: 1 });
    db.close();
  });

  it('hashes the downscaled bytes, which are what will be uploaded', async () => {
    const db = await openSyncDb({ name: freshDbName() });
    const file = new Blob([cameraJpeg(1, 4000, 3000)], { type: 'image/jpeg' });
    const codec = fakeCodec({ width: 4000, height: 3000 });
    const shot = await capturePhoto(db, file, 'issue', OWNER, null, { codec });
    const stored = await db.get('blobs', shot.sha256);
    expect(shot.sha256).not.toBe(await sha256Hex(file));
    expect(await sha256Hex(stored!.bytes)).toBe(shot.sha256);
    expect(jpegDimensions(await readBytes(stored!.bytes))).toEqual({ width: 1600, height: 1200 });
    expect(extractExif(await readBytes(stored!.bytes))).toEqual(exifApp1(1));
    db.close();
  });

  it('queues a photo id once: capturing it again (保存 retried after a reload) adds nothing', async () => {
    const db = await openSyncDb({ name: freshDbName() });
    const file = new Blob([cameraJpeg(1)], { type: 'image/jpeg' });
    const photoId = '33333333-3333-4333-8333-333333333333';
    const opts = { keepOriginals: true, photoId };
    const first = await capturePhoto(db, file, 'issue', OWNER, null, opts);
    const again = await capturePhoto(db, file, 'issue', OWNER, null, opts);
    expect(first.mutation).not.toBeNull();
    expect(again).toMatchObject({ photoId, sha256: first.sha256, mutation: null });
    expect((await pending(db)).map((m) => m.args.id)).toEqual([photoId]);
    db.close();
  });
});
