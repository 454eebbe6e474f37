import { createHmac, timingSafeEqual } from 'node:crypto';
import { hotlineSigningString } from '@wangge/rules';

/** Headers of a signed hotline message, pushes and call-backs alike. */
export const SIGNATURE_HEADER = 'x-wangge-signature';
export const TIMESTAMP_HEADER = 'x-wangge-timestamp';
export const NONCE_HEADER = 'x-wangge-nonce';

/** Hex HMAC-SHA256 of timestamp, nonce and body under the shared secret. */
export function signHotline(secret: string, timestamp: string, nonce: string, body: string): string {
  return createHmac('sha256', secret)
    .update(hotlineSigningString(timestamp, nonce, body))
    .digest('hex');
}

/** Constant-time comparison, so the answer's timing says nothing about how much of a guess was right. */
export function signatureMatches(
  secret: string,
  timestamp: string,
  nonce: string,
  body: string,
  given: string,
): boolean {
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = Buffer.from(signHotline(secret, timestamp, nonce, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** Headers for a message Wangge sends (the call-back), signed the same way. */
export function signedHeaders(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const nonce = crypto.randomUUID();
  return {
    'content-type': 'application/json',
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signHotline(secret, timestamp, nonce, body),
  };
}
