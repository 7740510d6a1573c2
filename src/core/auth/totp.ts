import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

function totpFor(secretBase32: string, label: string) {
  return new TOTP({
    issuer: 'Accord',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(label: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpFor(secret, label).toString() };
}

/** The otpauth:// URI of a secret, for authenticator apps. */
export const totpUri = (secretBase32: string, label: string) => totpFor(secretBase32, label).toString();

/**
 * Checks a code, allowing one step of clock drift either way. Returns the time step the code belongs to,
 * so that the caller can refuse a code already used (replay), or null when the code is wrong.
 */
export function checkTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, 'check').validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code (tests and the CLI's enrolment check use it). */
export const currentTotp = (secretBase32: string, now = Date.now()) =>
  totpFor(secretBase32, 'code').generate({ timestamp: now });
