import { AppError } from '../../core/errors.ts';

/**
 * The `next` token: the last `seq` a page returned, wrapped so clients treat it as opaque. The filters are
 * not in it: TAXII clients repeat them with every page, as the specification asks.
 */
export const encodeNext = (seq: number) => Buffer.from(`s1:${seq}`).toString('base64url');

/** The `seq` to continue after, or a 400 for a token this server did not issue. */
export function decodeNext(token: string): number {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  const match = /^s1:(\d{1,15})$/.exec(text);
  if (!match) throw new AppError('bad_next', 400, 'Invalid next', `'${token}' is not a next value this server issued`);
  return Number(match[1]);
}
