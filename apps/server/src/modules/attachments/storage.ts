import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where attachment bytes live. Keys are content-addressed (derived from the SHA-256 of the
 * original upload), so a key always names the same bytes and identical uploads share one object.
 *
 * LocalDiskStorage below serves a single server. In production with more than one app server the
 * option is an S3-compatible object store (MinIO, OSS, COS …) implementing this same interface
 * (put = PutObject, get = GetObject, exists = HeadObject); it is not built here.
 */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
}

// Lower-case segments that start with a letter or digit: no '..', no absolute paths.
const KEY = /^[a-z0-9]+(\/[a-z0-9][a-z0-9._-]*)*$/;

export function originalKey(sha256: string): string {
  return `originals/${sha256.slice(0, 2)}/${sha256}`;
}

export function thumbnailKey(sha256: string): string {
  return `thumbs/${sha256.slice(0, 2)}/${sha256}.jpg`;
}

/** Files under one root directory; writes are atomic (temp file in the same directory, fsync, rename). */
export class LocalDiskStorage implements FileStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (err) {
      await handle.close();
      await unlink(temp).catch(() => {});
      throw err;
    }
    await handle.close();
    try {
      // Readers see either no file or the whole file, never a partial one.
      await rename(temp, target);
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }
}
