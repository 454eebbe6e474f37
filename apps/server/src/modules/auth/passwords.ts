import { hash, verify } from '@node-rs/argon2';
import { badRequest } from '../../http/errors.ts';

// argon2id (the library default) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, PARAMS);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-never-used');
  return decoy;
}

export function checkPasswordPolicy(plain: string, field = 'password'): void {
  if (plain.length < 8 || plain.length > 128) {
    throw badRequest(field, '密码长度须为 8–128 位 (password must be 8–128 characters)');
  }
  if (!/[A-Za-z]/.test(plain) || !/[0-9]/.test(plain)) {
    throw badRequest(field, '密码须同时包含字母和数字 (password needs letters and digits)');
  }
}
