import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Env } from '../../config/env.js';

/** What a certificate states, as signed: any change of it (or of the id) breaks the signature. */
export interface SignedCertificate {
  id: string;
  minutes: number;
  entries: number;
  period_from: string;
  period_to: string;
  issued_at: Date;
}

/** The signing key: CERTIFICATE_SIGNING_SECRET, or a key derived from JWT_SECRET for this one use. */
export const certificateKey = (env: Env): Buffer =>
  env.CERTIFICATE_SIGNING_SECRET
    ? Buffer.from(env.CERTIFICATE_SIGNING_SECRET)
    : createHmac('sha256', env.JWT_SECRET).update('sanshe volunteer certificates v1').digest();

const payload = (c: SignedCertificate) =>
  ['v1', c.id, c.minutes, c.entries, c.period_from, c.period_to, c.issued_at.toISOString()].join('|');

/** HMAC-SHA256 of the certificate's statement, base64url. */
export const signCertificate = (key: Buffer, c: SignedCertificate): string =>
  createHmac('sha256', key).update(payload(c)).digest('base64url');

/** Whether `signature` is this certificate's, compared in constant time. */
export function certificateSignatureMatches(key: Buffer, c: SignedCertificate, signature: string): boolean {
  const expected = Buffer.from(signCertificate(key, c));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
