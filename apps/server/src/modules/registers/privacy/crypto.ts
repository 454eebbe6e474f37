// Personal data at rest: AES-256-GCM for ID and phone numbers, keyed HMAC-SHA256 for exact lookup
// and for search fragments. One master key (config WANGGE_DATA_KEY, or a generated key file);
// separate sub-keys derived with HKDF so the encryption key never doubles as the hashing key.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../../config.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Fragment digests are truncated: 128 bits are plenty to tell 10^4–10^8 values apart. */
const FRAGMENT_BYTES = 16;

function parseKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} must be 32 bytes in base64, got ${key.length} bytes`);
  return key;
}

/**
 * The master key: from configuration, else ${dataDir}/keys/data.key, generated (mode 0600) on the
 * first start of a no-setup single box. Losing that file makes the encrypted columns unreadable.
 */
export async function resolveDataKey(config: Pick<Config, 'dataKey' | 'dataDir'>): Promise<Buffer> {
  if (config.dataKey) return parseKey(config.dataKey, 'WANGGE_DATA_KEY');
  const dir = path.join(config.dataDir, 'keys');
  const file = path.join(dir, 'data.key');
  try {
    return parseKey(await readFile(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    // 'wx': two processes starting together must not overwrite each other's key.
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return parseKey(await readFile(file, 'utf8'), file);
    throw err;
  }
}

/** Windows of digits that searches may match; the name is hashed with the digits. */
export type DigitWindow = 'id6r' | 'id8b' | 'id4t' | 'id6t' | 'ph4t';

export class DataCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(master: Buffer) {
    if (master.length !== 32) throw new Error('data key must be 32 bytes');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
    this.encKey = derive('wangge registers aes-256-gcm v1');
    this.macKey = derive('wangge registers hmac-sha256 v1');
  }

  /** iv (12) ‖ tag (16) ‖ ciphertext; a fresh random iv each time. */
  encrypt(plain: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, blob.subarray(0, IV_BYTES));
    decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Keyed hash of a whole normalised value ('id' or 'phone'), for exact lookup and uniqueness. */
  hash(kind: 'id' | 'phone', normalized: string): Buffer {
    return createHmac('sha256', this.macKey).update(`${kind}:${normalized}`).digest();
  }

  fragment(window: DigitWindow, digits: string): Buffer {
    return createHmac('sha256', this.macKey)
      .update(`${window}:${digits}`)
      .digest()
      .subarray(0, FRAGMENT_BYTES);
  }

  /** The searchable windows of an ID number and a phone number (see 0008_registers.sql). */
  fragmentsOf(idNumber: string, phone: string | null): Buffer[] {
    const out = [
      this.fragment('id6r', idNumber.slice(0, 6)),
      this.fragment('id8b', idNumber.slice(6, 14)),
      this.fragment('id4t', idNumber.slice(14, 18)),
      this.fragment('id6t', idNumber.slice(12, 18)),
    ];
    if (phone && phone.length >= 4) out.push(this.fragment('ph4t', phone.slice(-4)));
    return out;
  }
}
