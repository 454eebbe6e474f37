import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import exifr from 'exifr';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { unprocessable } from '../../http/errors.ts';
import type { ImageMime } from './sniff.ts';

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_MAX_PX = 320;
/** Larger than any phone photo at its default setting (a 108 MP sensor saves 12 MP by default). */
export const MAX_PIXELS = 100_000_000;
/**
 * EXIF DateTimeOriginal carries no zone. Without OffsetTimeOriginal (older phones do not write
 * it) the photo's local time is taken as China Standard Time, which has no daylight saving.
 */
const DEFAULT_UTC_OFFSET = '+08:00';
const HEIC_TIMEOUT_MS = 60_000;
const HEIC_CONCURRENCY = 2;

export interface PhotoFacts {
  /** As displayed, i.e. after the EXIF orientation is applied. */
  width: number;
  height: number;
  takenAt: Date | null;
  location: { lon: number; lat: number } | null;
  /** JPEG, longest side ≤ THUMBNAIL_MAX_PX, upright, without metadata (no GPS). */
  thumbnail: Buffer;
}

const undecodable = (reason: unknown) =>
  unprocessable('undecodable_image', '照片已损坏或无法解码 (the photo is damaged or cannot be decoded)', {
    field: 'file',
    reason: String((reason as Error)?.message ?? reason)
      .split('\n')[0]
      ?.slice(0, 200),
  });

const tooLarge = (width: number, height: number) =>
  unprocessable('image_too_large', `照片像素过多 (${width}×${height}, more than ${MAX_PIXELS} pixels)`, {
    field: 'file',
    width,
    height,
    maxPixels: MAX_PIXELS,
  });

// ---------------------------------------------------------------------------------------------
// EXIF

interface RawExif {
  DateTimeOriginal?: unknown;
  OffsetTimeOriginal?: unknown;
  GPSLatitude?: unknown;
  GPSLatitudeRef?: unknown;
  GPSLongitude?: unknown;
  GPSLongitudeRef?: unknown;
}

/** 'YYYY:MM:DD HH:MM:SS' in the given (or default) zone; null when absent, malformed or implausible. */
export function parseExifDate(raw: unknown, offset: unknown, now = new Date()): Date | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : null;
  const [, sign, oh, om] = /^([+-])(\d{2}):(\d{2})$/.exec(zone ?? DEFAULT_UTC_OFFSET)!;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject 2024:02:30 and friends rather than letting Date roll them over.
  if (
    local.getUTCFullYear() !== y ||
    local.getUTCMonth() !== mo - 1 ||
    local.getUTCDate() !== d ||
    local.getUTCHours() !== h ||
    local.getUTCMinutes() !== mi ||
    local.getUTCSeconds() !== s
  ) {
    return null;
  }
  const at = new Date(local.getTime() - offsetMinutes * 60_000);
  // A phone whose clock was reset says 1970 or 2000-01-01 or some day in the future: not a time.
  if (y < 1990 || at.getTime() > now.getTime() + 86_400_000) return null;
  return at;
}

function degrees(value: unknown): number | null {
  const parts = Array.isArray(value) ? value : [value];
  if (
    parts.length === 0 ||
    parts.length > 3 ||
    !parts.every((p) => typeof p === 'number' && Number.isFinite(p))
  )
    return null;
  const [d = 0, m = 0, s = 0] = parts as number[];
  return d + m / 60 + s / 3600;
}

/** WGS-84 position from EXIF GPS; null when absent, out of range, or the 0,0 of a phone without a fix. */
export function parseExifLocation(exif: RawExif): { lon: number; lat: number } | null {
  let lat = degrees(exif.GPSLatitude);
  let lon = degrees(exif.GPSLongitude);
  if (lat === null || lon === null) return null;
  if (
    String(exif.GPSLatitudeRef ?? '')
      .toUpperCase()
      .startsWith('S')
  )
    lat = -lat;
  if (
    String(exif.GPSLongitudeRef ?? '')
      .toUpperCase()
      .startsWith('W')
  )
    lon = -lon;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  if (lat === 0 && lon === 0) return null;
  return { lon, lat };
}

/**
 * EXIF of the original bytes (before any re-encoding). libvips finds the EXIF block in every
 * accepted container (JPEG APP1, PNG eXIf, WebP EXIF chunk, HEIF Exif item) without decoding
 * pixels; exifr then reads the TIFF structure. exifr alone cannot read WebP, and mislocates the
 * Exif item of HEIF files whose iloc box uses base offsets (as libheif writes them).
 */
async function readExif(exifBlock: Buffer | undefined): Promise<Pick<PhotoFacts, 'takenAt' | 'location'>> {
  if (!exifBlock || exifBlock.length < 8) return { takenAt: null, location: null };
  const tiff = exifBlock.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exifBlock.subarray(6) : exifBlock;
  let exif: RawExif | undefined;
  try {
    exif = await exifr.parse(tiff, {
      pick: [
        'DateTimeOriginal',
        'OffsetTimeOriginal',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
      ],
      reviveValues: false,
      translateValues: false,
    });
  } catch {
    exif = undefined;
  }
  if (!exif) return { takenAt: null, location: null };
  return {
    takenAt: parseExifDate(exif.DateTimeOriginal, exif.OffsetTimeOriginal),
    location: parseExifLocation(exif),
  };
}

// ---------------------------------------------------------------------------------------------
// HEIC: the prebuilt libvips of sharp decodes HEIF only with the AV1 codec (HEVC is left out for
// patent reasons), so HEVC pictures are decoded by libheif compiled to WebAssembly (heic-decode).
// That decoder is synchronous and takes ~1.7 s for a 12 MP photo, so it runs in a worker thread:
// the event loop stays free and a crash of the decoder cannot take the server down.

const HEIC_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// libheif reports why it gave up on the console; keep the last lines for the error instead.
const said = [];
console.log = console.info = console.warn = console.error = (...args) => said.push(args.join(' ').slice(0, 200));
const decode = require(workerData.modulePath);
(async () => {
  const images = await decode.all({ buffer: workerData.data });
  try {
    const first = images[0];
    if (first.width * first.height > workerData.maxPixels) {
      parentPort.postMessage({ error: 'too_large', width: first.width, height: first.height });
      return;
    }
    const image = await first.decode();
    parentPort.postMessage({ width: image.width, height: image.height, pixels: image.data }, [image.data.buffer]);
  } finally {
    images.dispose();
  }
})().catch((err) => {
  const message = [...said.slice(-3), String((err && err.message) || err)].join('; ');
  parentPort.postMessage({ error: 'undecodable', message });
});
`;

interface HeicResult {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}

let heicModulePath: string | null = null;
let heicRunning = 0;
const heicQueue: (() => void)[] = [];

/** At most HEIC_CONCURRENCY decoders at once (each holds the whole RGBA picture); a finished one hands its slot on. */
async function withHeicSlot<T>(run: () => Promise<T>): Promise<T> {
  if (heicRunning < HEIC_CONCURRENCY) heicRunning++;
  else await new Promise<void>((resolve) => heicQueue.push(resolve));
  try {
    return await run();
  } finally {
    const next = heicQueue.shift();
    if (next) next();
    else heicRunning--;
  }
}

function decodeHeicInWorker(data: Buffer): Promise<HeicResult> {
  heicModulePath ??= createRequire(import.meta.url).resolve('heic-decode');
  const worker = new Worker(HEIC_WORKER_SOURCE, {
    eval: true,
    workerData: { modulePath: heicModulePath, data, maxPixels: MAX_PIXELS },
  });
  return new Promise<HeicResult>((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      settle();
      reject(new Error('HEIC decoding timed out'));
    }, HEIC_TIMEOUT_MS);
    worker.once('message', (message: HeicResult & { error?: string; message?: string }) => {
      settle();
      if (message.error === 'too_large') reject(tooLarge(message.width, message.height));
      else if (message.error) reject(new Error(message.message ?? 'HEIC decoding failed'));
      else resolve(message);
    });
    worker.once('error', (err) => {
      settle();
      reject(err);
    });
    // After a message this is the terminate() above and the promise is already settled.
    worker.once('exit', (code) => {
      settle();
      reject(new Error(`HEIC decoder stopped (exit ${code})`));
    });
  });
}

// ---------------------------------------------------------------------------------------------

function thumbnailPipeline(image: Sharp): Sharp {
  return image
    .resize({ width: THUMBNAIL_MAX_PX, height: THUMBNAIL_MAX_PX, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80 });
}

const SHARP_INPUT: SharpOptions = { failOn: 'truncated', limitInputPixels: MAX_PIXELS };

/**
 * Reads what the platform keeps of a photo: displayed size, EXIF time and place, and a thumbnail.
 * Fails with 422 undecodable_image when the bytes (right magic, wrong content) cannot be decoded.
 */
export async function analysePhoto(data: Buffer, mime: ImageMime): Promise<PhotoFacts> {
  const isHeif = mime === 'image/heic' || mime === 'image/heif';
  let metadata: Metadata | null = null;
  try {
    metadata = await sharp(data, SHARP_INPUT).metadata();
  } catch (err) {
    // libvips reads the header of HEVC HEIF files too; if even that fails, still let libheif try.
    if (!isHeif) throw undecodable(err);
  }
  if (metadata?.width && metadata.height && metadata.width * metadata.height > MAX_PIXELS) {
    throw tooLarge(metadata.width, metadata.height);
  }
  const { takenAt, location } = await readExif(metadata?.exif);

  if (!isHeif) {
    try {
      // autoOrient: phones store pictures sideways and say so in EXIF Orientation.
      const thumbnail = await thumbnailPipeline(sharp(data, SHARP_INPUT).autoOrient()).toBuffer();
      const width = metadata!.autoOrient?.width ?? metadata!.width!;
      const height = metadata!.autoOrient?.height ?? metadata!.height!;
      return { width, height, takenAt, location, thumbnail };
    } catch (err) {
      throw undecodable(err);
    }
  }

  // HEIF: libheif applies the container's own rotation (irot/imir), so no EXIF orientation here.
  if (metadata?.width && metadata.height) {
    try {
      const thumbnail = await thumbnailPipeline(sharp(data, SHARP_INPUT)).toBuffer();
      return { width: metadata.width, height: metadata.height, takenAt, location, thumbnail };
    } catch {
      // Expected for HEVC with the prebuilt libvips (a system libvips with libde265 succeeds
      // above): fall through to libheif compiled to WebAssembly.
    }
  }
  let decoded: HeicResult;
  try {
    decoded = await withHeicSlot(() => decodeHeicInWorker(data));
  } catch (err) {
    if ((err as { code?: string }).code === 'image_too_large') throw err;
    throw undecodable(err);
  }
  try {
    const thumbnail = await thumbnailPipeline(
      sharp(decoded.pixels, { raw: { width: decoded.width, height: decoded.height, channels: 4 } }),
    ).toBuffer();
    return { width: decoded.width, height: decoded.height, takenAt, location, thumbnail };
  } catch (err) {
    throw undecodable(err);
  }
}
