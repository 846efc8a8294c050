// The delivery signature partners verify (README, "Outgoing webhooks"): HMAC-SHA256 with the
// subscription's secret over `${timestamp}.${body}`, sent as
// `X-TechBridge-Signature: t=<unix seconds>,v1=<hex digest>`.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-techbridge-signature';

/** A new subscription secret (shown once). */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** The hex HMAC-SHA256 of `${t}.${body}`. */
export const digest = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');

/** The signature header's value for `body` signed at `t` (unix seconds). */
export const signatureHeader = (secret: string, body: string, t: number) => `t=${t},v1=${digest(secret, t, body)}`;

/** Checks a signature header (the same scheme a partner implements); `toleranceS` bounds the timestamp's age. */
export function verifySignature(secret: string, body: string, header: string, nowS = Math.floor(Date.now() / 1000), toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowS - t) > toleranceS) return false;
  const want = Buffer.from(digest(secret, t, body), 'hex');
  const got = Buffer.from(parts.v1, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}
