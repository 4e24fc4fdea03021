/**
 * Photos on the phone: SHA-256 on the device, a downscale that keeps the original EXIF (time,
 * GPS, make/model are evidence the server checks). Capture (bytes + `photo.attach` queued in one
 * transaction) is in ./capture, re-exported here.
 *
 * Orientation: every current browser decodes with the EXIF orientation applied (`<img>`, and
 * `createImageBitmap`, whose `imageOrientation: 'none'` historically meant "honour EXIF" and was
 * renamed `'from-image'`; see whatwg/html#8085). So the re-encoded pixels are upright and the
 * spliced EXIF gets Orientation = 1 — unless the decoder visibly did not rotate (a 90° tag with
 * unswapped dimensions), when the original tag is kept. Either way pixels and tag agree.
 */

// --- hashing ----------------------------------------------------------------------------------

async function toArrayBuffer(data: Blob | ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer> {
  if (data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) {
    return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  }
  if (typeof (data as Blob).arrayBuffer === 'function') return (data as Blob).arrayBuffer();
  return new Response(data as Blob).arrayBuffer();
}

export async function readBytes(data: Blob | ArrayBuffer | ArrayBufferView): Promise<Uint8Array> {
  return new Uint8Array(await toArrayBuffer(data));
}

/** Lower-case hex SHA-256 (WebCrypto), as the server computes it. */
export async function sha256Hex(data: Blob | ArrayBuffer | ArrayBufferView): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', await toArrayBuffer(data));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

// --- JPEG / EXIF bytes ----------------------------------------------------------------------

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"
const ORIENTATION_TAG = 0x0112;

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

interface Segment {
  marker: number;
  /** Offset of the 0xFF of the marker. */
  start: number;
  /** Offset just past the segment. */
  end: number;
}

/** The marker segments between SOI and SOS (or EOI); stops at anything malformed. */
function headerSegments(jpeg: Uint8Array): Segment[] {
  const out: Segment[] = [];
  if (!isJpeg(jpeg)) return out;
  let i = 2;
  while (i + 1 < jpeg.length) {
    if (jpeg[i] !== 0xff) break;
    const marker = jpeg[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2; // standalone markers
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // image data starts / ends
    if (i + 3 >= jpeg.length) break;
    const length = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    if (length < 2 || i + 2 + length > jpeg.length) break;
    out.push({ marker, start: i, end: i + 2 + length });
    i += 2 + length;
  }
  return out;
}

function isExifSegment(jpeg: Uint8Array, seg: Segment): boolean {
  if (seg.marker !== 0xe1 || seg.end - seg.start < 4 + EXIF_HEADER.length) return false;
  return EXIF_HEADER.every((b, k) => jpeg[seg.start + 4 + k] === b);
}

/** The whole APP1 "Exif" segment (marker, length and payload) of a JPEG, or null. */
export function extractExif(jpeg: Uint8Array): Uint8Array | null {
  const seg = headerSegments(jpeg).find((s) => isExifSegment(jpeg, s));
  return seg ? jpeg.slice(seg.start, seg.end) : null;
}

/**
 * `jpeg` with the APP1 segment `app1` placed right after SOI (any Exif APP1 it had is removed;
 * its other segments, e.g. a JFIF APP0, follow unchanged).
 */
export function spliceExif(jpeg: Uint8Array, app1: Uint8Array): Uint8Array {
  if (!isJpeg(jpeg)) throw new Error('not a JPEG');
  if (app1.length < 4 || app1[0] !== 0xff || app1[1] !== 0xe1)
    throw new Error('not an APP1 segment');
  const drop = headerSegments(jpeg).filter((s) => isExifSegment(jpeg, s));
  const kept = drop.reduce((n, s) => n - (s.end - s.start), jpeg.length - 2);
  const out = new Uint8Array(2 + app1.length + kept);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(app1, 2);
  let at = 2 + app1.length;
  let from = 2;
  for (const s of drop) {
    out.set(jpeg.subarray(from, s.start), at);
    at += s.start - from;
    from = s.end;
  }
  out.set(jpeg.subarray(from), at);
  return out;
}

/** Where IFD0's Orientation value sits in an APP1 Exif segment, and its byte order. */
function orientationSlot(app1: Uint8Array): { offset: number; little: boolean } | null {
  const tiff = 4 + EXIF_HEADER.length; // FF E1, length (2), "Exif\0\0"
  if (app1.length < tiff + 8) return null;
  const view = new DataView(app1.buffer, app1.byteOffset, app1.byteLength);
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const little = order === 0x4949;
  const ifd0 = tiff + view.getUint32(tiff + 4, little);
  if (ifd0 + 2 > app1.length) return null;
  const entries = view.getUint16(ifd0, little);
  for (let k = 0; k < entries; k++) {
    const entry = ifd0 + 2 + k * 12;
    if (entry + 12 > app1.length) return null;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      // SHORT, count 1: the value is the first two bytes of the value field
      return view.getUint16(entry + 2, little) === 3 ? { offset: entry + 8, little } : null;
    }
  }
  return null;
}

/** The EXIF Orientation (1–8) of an APP1 Exif segment, or null when it has none. */
export function exifOrientation(app1: Uint8Array): number | null {
  const slot = orientationSlot(app1);
  if (!slot) return null;
  return new DataView(app1.buffer, app1.byteOffset, app1.byteLength).getUint16(
    slot.offset,
    slot.little,
  );
}

/** A copy of the APP1 Exif segment with Orientation set to `value` (unchanged if it has none). */
export function withExifOrientation(app1: Uint8Array, value: number): Uint8Array {
  const copy = app1.slice();
  const slot = orientationSlot(copy);
  if (slot)
    new DataView(copy.buffer, copy.byteOffset, copy.byteLength).setUint16(
      slot.offset,
      value,
      slot.little,
    );
  return copy;
}

/** The stored (unrotated) pixel size from the JPEG's SOF segment. */
export function jpegDimensions(jpeg: Uint8Array): { width: number; height: number } | null {
  for (const s of headerSegments(jpeg)) {
    const m = s.marker;
    const sof = m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
    if (sof && s.end - s.start >= 9) {
      return {
        height: (jpeg[s.start + 5]! << 8) | jpeg[s.start + 6]!,
        width: (jpeg[s.start + 7]! << 8) | jpeg[s.start + 8]!,
      };
    }
  }
  return null;
}

export function sniffImageType(bytes: Uint8Array): string | null {
  if (isJpeg(bytes)) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'image/png';
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46)
    return 'image/webp';
  const brand = String.fromCharCode(...bytes.subarray(4, 12));
  if (/^ftyp(heic|heix|mif1|msf1|hevc)/.test(brand)) return 'image/heic';
  return null;
}

// --- downscale ----------------------------------------------------------------------------

export interface DecodedImage {
  width: number;
  height: number;
  source: unknown;
  close(): void;
}

/** How pixels are decoded and re-encoded (the browser's canvas by default; tests pass a fake). */
export interface ImageCodec {
  decode(file: Blob): Promise<DecodedImage>;
  /** Draw `image` at `width` × `height` and encode a JPEG. */
  encodeJpeg(image: DecodedImage, width: number, height: number, quality: number): Promise<Blob>;
}

/** createImageBitmap (EXIF orientation applied) + OffscreenCanvas, or an `<img>` + `<canvas>`. */
export const browserCodec: ImageCodec = {
  async decode(file) {
    if (typeof createImageBitmap === 'function') {
      let bitmap: ImageBitmap;
      try {
        bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      } catch {
        bitmap = await createImageBitmap(file); // older engines: unknown enum value
      }
      return {
        width: bitmap.width,
        height: bitmap.height,
        source: bitmap,
        close: () => bitmap.close(),
      };
    }
    const url = URL.createObjectURL(file);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      return {
        width: img.naturalWidth,
        height: img.naturalHeight,
        source: img,
        close: () => undefined,
      };
    } finally {
      URL.revokeObjectURL(url);
    }
  },
  async encodeJpeg(image, width, height, quality) {
    const source = image.source as CanvasImageSource;
    if (typeof OffscreenCanvas === 'function') {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(source, 0, 0, width, height);
      return canvas.convertToBlob({ type: 'image/jpeg', quality });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(source, 0, 0, width, height);
    return new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('canvas.toBlob failed'))),
        'image/jpeg',
        quality,
      ),
    );
  },
};

export interface DownscaleOptions {
  maxSide?: number;
  quality?: number;
  codec?: ImageCodec;
}

/**
 * A JPEG whose longer side is at most `maxSide`, carrying the original's EXIF segment. Returns
 * the file itself when it is small enough already, or when it cannot be decoded here (HEIC on
 * most browsers): the server gets the original then.
 */
export async function downscale(
  file: Blob,
  maxSide = 1600,
  quality = 0.8,
  opts: DownscaleOptions = {},
): Promise<Blob> {
  const codec = opts.codec ?? browserCodec;
  const original = await readBytes(file);
  let image: DecodedImage;
  try {
    image = await codec.decode(file);
  } catch {
    return file;
  }
  try {
    const longest = Math.max(image.width, image.height);
    if (longest <= maxSide && (isJpeg(original) || longest === 0)) return file;
    const scale = Math.min(1, maxSide / longest);
    const width = Math.max(1, Math.round(image.width * scale));
    const height = Math.max(1, Math.round(image.height * scale));
    const encoded = await readBytes(await codec.encodeJpeg(image, width, height, quality));
    const exif = isJpeg(original) ? extractExif(original) : null;
    if (!exif || !isJpeg(encoded)) return new Blob([encoded as BlobPart], { type: 'image/jpeg' });
    return new Blob([spliceExif(encoded, fixOrientation(exif, original, image)) as BlobPart], {
      type: 'image/jpeg',
    });
  } finally {
    image.close();
  }
}

/** Orientation 1 when the decoder rotated the pixels (the usual case), else the original tag. */
function fixOrientation(exif: Uint8Array, original: Uint8Array, image: DecodedImage): Uint8Array {
  const orientation = exifOrientation(exif);
  if (orientation === null || orientation === 1) return exif;
  const stored = jpegDimensions(original);
  const quarterTurn = orientation >= 5 && orientation <= 8;
  if (quarterTurn && stored && stored.width !== stored.height) {
    const rotated = image.width === stored.height && image.height === stored.width;
    if (!rotated) return exif; // this decoder ignored the tag: keep it so viewers still rotate
  }
  return withExifOrientation(exif, 1);
}

export {
  capturePhoto,
  getKeepOriginals,
  setKeepOriginals,
  type CaptureOptions,
  type CapturedPhoto,
  type PhotoOwnerType,
} from './capture';
