import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.ts';
import { multipart } from '../../../test/multipart.ts';
import { parseExifDate, parseExifLocation } from './images.ts';
import { sniffImage } from './sniff.ts';

const MAX_BYTES = 50_000;
const HEIC_FIXTURE = path.join(import.meta.dirname, 'fixtures', 'photo-gps.heic');

let t: TestApp;
let filesDir: string;
let patroller: Client;
let street1: Client;
let street2: Client;

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'wangge-files-'));
  t = await startTestApp({ config: { attachmentMaxBytes: MAX_BYTES, filesDir } });
  patroller = await t.login('patroller');
  street1 = await t.login('street1');
  street2 = await t.login('street2');
});
afterAll(async () => {
  await t?.close();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

function upload(
  client: Client,
  data: Buffer | string,
  options: { filename?: string; contentType?: string; field?: string } = {},
) {
  const { body, contentType } = multipart([
    {
      name: options.field ?? 'file',
      data,
      filename: options.filename ?? 'photo.jpg',
      contentType: options.contentType ?? 'image/jpeg',
    },
  ]);
  return client.request('POST', '/api/attachments', body, { 'content-type': contentType });
}

/** A noisy picture, so it compresses like a photo rather than to a few bytes. */
function pixels(width: number, height: number, channels: 3 | 4 = 3): Sharp {
  const data = Buffer.alloc(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 2_654_435_761) >>> 24) & 0x3f;
  return sharp(data, { raw: { width, height, channels } });
}

/** Like an old phone's photo: stored sideways (Orientation 6), with time and GPS (39°05'30"N 117°12'E). */
function cameraJpeg(options: { offset?: string; gps?: [string, string] } = {}): Promise<Buffer> {
  const [lat, lon] = options.gps ?? ['39/1 5/1 3000/100', '117/1 12/1 0/1'];
  return pixels(320, 240)
    .jpeg({ quality: 70 })
    .withExif({
      IFD0: { Make: 'HUAWEI', Model: 'Y6 Prime' },
      IFD2: {
        DateTimeOriginal: '2024:05:17 09:30:15',
        ...(options.offset ? { OffsetTimeOriginal: options.offset } : {}),
      },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: lat, GPSLongitudeRef: 'E', GPSLongitude: lon },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('uploading photos', () => {
  it('stores a JPEG with EXIF time and GPS, and an upright JPEG thumbnail of at most 320 px', async () => {
    const jpeg = await cameraJpeg({ offset: '+08:00' });
    const res = await upload(patroller, jpeg, { filename: 'IMG_20240517_093015.jpg' });
    expect(res.statusCode).toBe(201);
    const a = res.data;
    expect(a.mime).toBe('image/jpeg');
    expect(a.sizeBytes).toBe(jpeg.length);
    // Displayed size: the sensor's 320×240 turned upright by Orientation 6.
    expect([a.width, a.height]).toEqual([240, 320]);
    expect(a.takenAt).toBe('2024-05-17T01:30:15.000Z');
    expect(a.location.lat).toBeCloseTo(39 + 5 / 60 + 30 / 3600, 9);
    expect(a.location.lon).toBeCloseTo(117.2, 9);
    expect(a.url).toBe(`/api/attachments/${a.id}`);
    expect(a.thumbnailUrl).toBe(`/api/attachments/${a.id}/thumbnail`);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.originalName).toBe('IMG_20240517_093015.jpg');

    const thumb = await patroller.get(a.thumbnailUrl);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(320);
    expect([meta.width, meta.height]).toEqual([240, 320]);
    expect(meta.exif).toBeUndefined(); // the thumbnail does not carry the GPS position along

    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'attachments.upload')
      .where('target_id', '=', a.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.target_type).toBe('attachment');
  });

  it('reads EXIF time without a zone as China Standard Time', async () => {
    const res = await upload(patroller, await cameraJpeg());
    expect(res.statusCode).toBe(201);
    expect(res.data.takenAt).toBe('2024-05-17T01:30:15.000Z');
  });

  it('treats the 0,0 of a phone without a GPS fix as no location', async () => {
    const res = await upload(patroller, await cameraJpeg({ gps: ['0/1 0/1 0/1', '0/1 0/1 0/1'] }));
    expect(res.statusCode).toBe(201);
    expect(res.data.location).toBeNull();
  });

  it('accepts PNG (with transparency) and WebP, typed by their bytes whatever the name says', async () => {
    const png = await pixels(400, 300, 4).png().toBuffer();
    const p = await upload(patroller, png, {
      filename: 'screenshot.jpg',
      contentType: 'application/octet-stream',
    });
    expect(p.statusCode).toBe(201);
    expect(p.data).toMatchObject({
      mime: 'image/png',
      width: 400,
      height: 300,
      takenAt: null,
      location: null,
    });
    const pThumb = await sharp((await patroller.get(p.data.thumbnailUrl)).rawPayload).metadata();
    expect([pThumb.format, pThumb.width, pThumb.height]).toEqual(['jpeg', 320, 240]);

    const webp = await pixels(500, 200).webp({ quality: 60 }).toBuffer();
    const w = await upload(patroller, webp, { filename: 'photo.webp', contentType: 'image/webp' });
    expect(w.statusCode).toBe(201);
    expect(w.data).toMatchObject({ mime: 'image/webp', width: 500, height: 200 });
    const wThumb = await sharp((await patroller.get(w.data.thumbnailUrl)).rawPayload).metadata();
    expect([wThumb.format, wThumb.width, wThumb.height]).toEqual(['jpeg', 320, 128]);

    const small = await pixels(100, 80).png().toBuffer();
    const s = await upload(patroller, small, { filename: 'small.png' });
    const sThumb = await sharp((await patroller.get(s.data.thumbnailUrl)).rawPayload).metadata();
    expect([sThumb.width, sThumb.height]).toEqual([100, 80]); // never enlarged
  });

  it('decodes a real HEVC HEIC (as iPhones save) with its EXIF time and GPS', async () => {
    const heic = await readFile(HEIC_FIXTURE);
    const res = await upload(patroller, heic, { filename: 'IMG_0001.HEIC', contentType: 'image/heic' });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ mime: 'image/heic', width: 480, height: 360 });
    expect(res.data.takenAt).toBe('2024-06-01T00:15:30.000Z');
    expect(res.data.location.lat).toBeCloseTo(39 + 5 / 60 + 15 / 3600, 9);
    expect(res.data.location.lon).toBeCloseTo(117 + 18 / 60 + 45 / 3600, 9);
    const thumb = await patroller.get(res.data.thumbnailUrl);
    const meta = await sharp(thumb.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);
    // The thumbnail shows the picture, not a blank: the fixture is a bright/dark checkerboard.
    const stats = await sharp(thumb.rawPayload).stats();
    expect(stats.channels[2]!.max - stats.channels[2]!.min).toBeGreaterThan(100);
    const original = await patroller.get(res.data.url);
    expect(original.headers['content-type']).toBe('image/heic');
    expect(original.rawPayload.equals(heic)).toBe(true);
  });

  it('refuses a HEIC whose header is right but whose picture cannot be decoded: 422, not 500', async () => {
    const heic = await readFile(HEIC_FIXTURE);
    // Keep the ftyp and half the meta box, then garbage.
    const broken = Buffer.concat([heic.subarray(0, 400), randomBytes(2000)]);
    const res = await upload(patroller, broken, { filename: 'broken.heic', contentType: 'image/heic' });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('undecodable_image');
    expect(res.data.error.details.field).toBe('file');

    const crafted = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
      randomBytes(500),
    ]);
    const res2 = await upload(patroller, crafted, { filename: 'x.heic', contentType: 'image/heic' });
    expect(res2.statusCode).toBe(422);
    expect(res2.data.error.code).toBe('undecodable_image');
  });

  it('refuses text named .jpg and sent as image/jpeg: 415 naming the field', async () => {
    const res = await upload(patroller, 'this is not a photo, just text\n'.repeat(20), {
      filename: 'evil.jpg',
      contentType: 'image/jpeg',
    });
    expect(res.statusCode).toBe(415);
    expect(res.data.error.code).toBe('unsupported_media_type');
    expect(res.data.error.details.field).toBe('file');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect((await upload(patroller, gif, { filename: 'a.gif' })).statusCode).toBe(415);
  });

  it('refuses a JPEG that is only a JPEG at the start, or cut short: 422 undecodable_image', async () => {
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3000)]);
    const res = await upload(patroller, garbage);
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('undecodable_image');
    expect(res.data.error.details.field).toBe('file');

    const jpeg = await cameraJpeg();
    const cut = await upload(patroller, jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
    expect(cut.statusCode).toBe(422);
    expect(cut.data.error.code).toBe('undecodable_image');
  });

  it('refuses a file over the size limit: 413 naming the field, nothing stored', async () => {
    const before = await t.db
      .withTables<{ attachments: { id: string } }>()
      .selectFrom('attachments')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(MAX_BYTES + 1000)]);
    const res = await upload(patroller, big);
    expect(res.statusCode).toBe(413);
    expect(res.data.error.code).toBe('payload_too_large');
    expect(res.data.error.details.field).toBe('file');
    const after = await t.db
      .withTables<{ attachments: { id: string } }>()
      .selectFrom('attachments')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('wants the photo in multipart field "file": 400 naming it otherwise', async () => {
    const onlyText = multipart([{ name: 'note', data: 'no photo here' }]);
    const a = await patroller.request('POST', '/api/attachments', onlyText.body, {
      'content-type': onlyText.contentType,
    });
    expect(a.statusCode).toBe(400);
    expect(a.data.error.details.field).toBe('file');

    const json = await patroller.post('/api/attachments', {});
    expect(json.statusCode).toBe(400);
    expect(json.data.error.details.field).toBe('file');

    const wrongField = await upload(patroller, await cameraJpeg(), { field: 'photo' });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.data.error.details.field).toBe('file');

    const empty = await upload(patroller, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.data.error.details.field).toBe('file');
  });

  it('needs a signed-in user with a role', async () => {
    const jpeg = await cameraJpeg();
    const anon = await upload(t.anon, jpeg);
    expect(anon.statusCode).toBe(401);

    const admin = await t.login('admin');
    const created = await admin.post('/api/users', {
      username: 'no_roles_user',
      displayName: '无角色',
      password: 'Photo2026pass',
      roles: [],
    });
    expect(created.statusCode).toBe(201);
    const noRoles = await t.login('no_roles_user', 'Photo2026pass');
    expect((await upload(noRoles, jpeg)).statusCode).toBe(403);

    const token = await t.withToken('patroller');
    expect((await upload(token, jpeg)).statusCode).toBe(201);
  });

  it('stores identical bytes once: two rows, one file', async () => {
    const jpeg = await pixels(200, 150).jpeg({ quality: 65 }).toBuffer();
    const first = await upload(patroller, jpeg, { filename: 'a.jpg' });
    const second = await upload(street1, jpeg, { filename: 'b.jpg' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.data.id).not.toBe(first.data.id);
    expect(second.data.sha256).toBe(first.data.sha256);
    const sha = first.data.sha256 as string;
    const files = (await filesUnder(filesDir)).filter((f) => f.includes(sha));
    expect(files.map((f) => path.relative(filesDir, f)).sort()).toEqual([
      `originals/${sha.slice(0, 2)}/${sha}`,
      `thumbs/${sha.slice(0, 2)}/${sha}.jpg`,
    ]);
    expect(await readFile(files.find((f) => f.includes('originals'))!)).toEqual(jpeg);
    expect((await filesUnder(filesDir)).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});

describe('reading photos', () => {
  it('serves the uploader the original bytes with the sniffed type, private caching and revalidation', async () => {
    const jpeg = await cameraJpeg();
    const up = await upload(patroller, jpeg, { filename: '现场照片.png', contentType: 'image/png' });
    const res = await patroller.get(up.data.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('private, max-age=86400');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(jpeg)).toBe(true);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('现场照片.png'));
    const again = await patroller.get(up.data.url, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const thumb = await patroller.get(up.data.thumbnailUrl);
    expect(thumb.headers['cache-control']).toBe('private, max-age=86400');
    expect(thumb.headers.etag).not.toBe(res.headers.etag);
  });

  it("hides someone else's unlinked upload: 404 for everyone else, even in the same street", async () => {
    const up = await upload(patroller, await cameraJpeg());
    for (const other of [street1, street2, await t.login('admin')]) {
      const original = await other.get(up.data.url);
      expect(original.statusCode).toBe(404);
      expect(original.data.error.code).toBe('not_found');
      expect((await other.get(up.data.thumbnailUrl)).statusCode).toBe(404);
    }
    expect((await t.anon.get(up.data.url)).statusCode).toBe(401);
    expect((await patroller.get('/api/attachments/999999999')).statusCode).toBe(404);
    expect((await patroller.get('/api/attachments/abc')).statusCode).toBe(400);
  });

  it('lets those who can see a case see its photos', async () => {
    const up = await upload(patroller, await cameraJpeg());
    const { rows: created } = await sql<{ id: string }>`
      INSERT INTO cases (code, title, category_code, source, state, lon, lat,
                         grid_id, grid_path, owner_unit_id, owner_path)
      SELECT 'ATT-TEST-1', '照片测试', (SELECT code FROM case_categories WHERE parent_code IS NOT NULL
                                       ORDER BY code LIMIT 1),
             'patrol', 'reported', 117.3, 39.1, o.id, o.path, o.id, o.path
      FROM org_units o WHERE o.code = '120110001001001'
      RETURNING id`.execute(t.db);
    await sql`UPDATE attachments SET case_id = ${created[0]!.id} WHERE id = ${up.data.id}`.execute(t.db);
    // street1's scope holds the case's grid; street2's does not.
    expect((await street1.get(up.data.url)).statusCode).toBe(200);
    expect((await street1.get(up.data.thumbnailUrl)).statusCode).toBe(200);
    expect((await street2.get(up.data.url)).statusCode).toBe(404);
    expect((await patroller.get(up.data.url)).statusCode).toBe(200);
  });
});

describe('sniffing and EXIF rules', () => {
  const ftyp = (brand: string) =>
    Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}\0\0\0\0mif1heic`, 'latin1')]);

  it('knows the formats by their first bytes only', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR', 'latin1'))).toBe('image/png');
    expect(sniffImage(Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    for (const brand of ['heic', 'heix', 'hevc']) expect(sniffImage(ftyp(brand))).toBe('image/heic');
    for (const brand of ['mif1', 'msf1']) expect(sniffImage(ftyp(brand))).toBe('image/heif');
    expect(sniffImage(ftyp('isom'))).toBeNull(); // an MP4 video
    expect(sniffImage(ftyp('avif'))).toBeNull();
    expect(sniffImage(Buffer.from('RIFF\x10\0\0\0WAVEfmt ', 'latin1'))).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });

  it('reads EXIF dates with their zone and drops impossible ones', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(parseExifDate('2024:05:17 09:30:15', '+02:00', now)?.toISOString()).toBe(
      '2024-05-17T07:30:15.000Z',
    );
    expect(parseExifDate('2024:05:17 09:30:15', undefined, now)?.toISOString()).toBe(
      '2024-05-17T01:30:15.000Z',
    );
    expect(parseExifDate('2024:02:30 09:30:15', undefined, now)).toBeNull();
    expect(parseExifDate('0000:00:00 00:00:00', undefined, now)).toBeNull();
    expect(parseExifDate('1970:01:01 08:00:00', undefined, now)).toBeNull();
    expect(parseExifDate('2031:01:01 08:00:00', undefined, now)).toBeNull();
    expect(parseExifDate(undefined, undefined, now)).toBeNull();
  });

  it('reads GPS with its hemisphere', () => {
    expect(
      parseExifLocation({
        GPSLatitude: [33, 52, 4.2],
        GPSLatitudeRef: 'S',
        GPSLongitude: [151, 12, 36],
        GPSLongitudeRef: 'E',
      }),
    ).toEqual({ lat: -(33 + 52 / 60 + 4.2 / 3600), lon: 151 + 12 / 60 + 36 / 3600 });
    expect(parseExifLocation({ GPSLatitude: [95, 0, 0], GPSLongitude: [10, 0, 0] })).toBeNull();
    expect(parseExifLocation({ GPSLatitude: [39, 5, 30] })).toBeNull();
  });
});
