import { createHash, randomBytes } from 'node:crypto';

/** A random secret for cookies, setup links and CSRF tokens: 256 bits, URL-safe. */
export const randomSecret = () => randomBytes(32).toString('base64url');

/** For high-entropy, short-lived secrets (session cookies, setup links) a plain SHA-256 is enough to store. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const API_TOKEN = /^acc_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** API tokens look like `acc_<id>_<secret>`: the id finds the row, the secret is checked against its argon2 hash. */
export function newApiToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(8).toString('hex');
  const secret = randomSecret();
  return { id, secret, token: `acc_${id}_${secret}` };
}

export function parseApiToken(token: string): { id: string; secret: string } | null {
  const m = API_TOKEN.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}
