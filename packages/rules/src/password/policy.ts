// The password policy (等保 2.0 identity authentication, OWASP ASVS V2.1): length, not the
// username, not a well-known password, and more than one kind of character.
import { COMMON_PASSWORDS } from './common-passwords.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
// Below this, "contains the username" would reject innocent passwords (a username "li" is in "olive").
const USERNAME_CONTAINED_FROM = 4;

export type PasswordProblemCode = 'too_short' | 'too_long' | 'username' | 'common' | 'too_few_kinds';

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

const MESSAGES: Record<PasswordProblemCode, string> = {
  too_short: `密码至少 ${PASSWORD_MIN_LENGTH} 位 (password must have at least ${PASSWORD_MIN_LENGTH} characters)`,
  too_long: `密码最多 ${PASSWORD_MAX_LENGTH} 位 (password must have at most ${PASSWORD_MAX_LENGTH} characters)`,
  username: '密码不能与用户名相同或包含用户名 (password must not be or contain the username)',
  common: '密码过于常见，容易被猜中 (password is too common and easily guessed)',
  too_few_kinds:
    '密码须包含字母、数字、其他符号中的至少两类 (password needs two of: letters, digits, other characters)',
};

let common: ReadonlySet<string> | null = null;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(COMMON_PASSWORDS.split('\n').filter(Boolean));
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

function reversed(text: string): string {
  return [...text].reverse().join('');
}

function resemblesUsername(password: string, username: string): boolean {
  const name = username.trim().toLowerCase();
  if (!name) return false;
  const plain = password.toLowerCase();
  const forms = [name, reversed(name)];
  if (forms.includes(plain)) return true;
  return [...name].length >= USERNAME_CONTAINED_FROM && forms.some((form) => plain.includes(form));
}

function kindsOf(password: string): number {
  const letters = /\p{L}/u.test(password);
  const digits = /\p{Nd}/u.test(password);
  const other = /[^\p{L}\p{Nd}]/u.test(password);
  return Number(letters) + Number(digits) + Number(other);
}

/** The first rule the password breaks, or null when it may be used. Length counts characters, not UTF-16 units. */
export function checkPassword(password: string, context: { username: string }): PasswordProblem | null {
  const length = [...password].length;
  const code: PasswordProblemCode | null =
    length < PASSWORD_MIN_LENGTH
      ? 'too_short'
      : length > PASSWORD_MAX_LENGTH
        ? 'too_long'
        : resemblesUsername(password, context.username)
          ? 'username'
          : isCommonPassword(password)
            ? 'common'
            : kindsOf(password) < 2
              ? 'too_few_kinds'
              : null;
  return code ? { code, message: MESSAGES[code] } : null;
}
