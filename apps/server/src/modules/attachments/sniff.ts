import { AppError } from '../../http/errors.ts';

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'image/heif';

export const ACCEPTED_MIMES: readonly ImageMime[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
];

// ISO-BMFF major brands of HEIF still images and sequences. heic/heix/hevc/hevx say the
// pictures are HEVC-coded; mif1/msf1 are the generic HEIF brands (any codec).
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ascii(data: Buffer, start: number, end: number): string {
  return data.subarray(start, end).toString('latin1');
}

/** The image type from the file's first bytes, or null. The name and the client's content-type are never consulted. */
export function sniffImage(data: Buffer): ImageMime | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (data.length >= 12 && ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 12) === 'WEBP') return 'image/webp';
  if (data.length >= 12 && ascii(data, 4, 8) === 'ftyp') {
    const boxSize = data.readUInt32BE(0);
    // A real ftyp box holds at least size, type, major brand and minor version (16 bytes).
    if (boxSize < 16 || boxSize > data.length) return null;
    const brand = ascii(data, 8, 12);
    if (HEIC_BRANDS.has(brand)) return 'image/heic';
    if (HEIF_BRANDS.has(brand)) return 'image/heif';
  }
  return null;
}

/** 415 naming the field, for anything that is not one of the accepted photo formats. */
export function assertImage(data: Buffer): ImageMime {
  const mime = sniffImage(data);
  if (!mime) {
    throw new AppError(
      415,
      'unsupported_media_type',
      '只接受 JPEG、PNG、WebP 或 HEIC 格式的照片 (only JPEG, PNG, WebP or HEIC photos are accepted)',
      { field: 'file', accepted: ACCEPTED_MIMES },
    );
  }
  return mime;
}
