import { hash, verify } from '@node-rs/argon2';
import { checkPassword } from '@wangge/rules';
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

/** The policy of @wangge/rules; a broken rule is a 400 on `password` with the rule's code as reason. */
export function checkPasswordPolicy(plain: string, username: string): void {
  const problem = checkPassword(plain, { username });
  if (problem) throw badRequest('password', problem.message, { reason: problem.code });
}
