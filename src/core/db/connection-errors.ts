import { AppError } from '../errors.ts';

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  '3D000', // database does not exist
  '28P01', // wrong password
  '28000',
]);

/** True for errors that mean "the database is not reachable", as opposed to a bad query. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: string; message?: string };
  if (code && connectionCodes.has(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|connection error and is not queryable/i.test(
    message ?? '',
  );
}

/** Turns a failed connection into one clear sentence, never a stack trace. */
export function describeConnectionError(error: unknown, location: string): AppError {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const reason = code ? `${code}${message && !message.includes(code) ? `: ${message}` : ''}` : (message ?? 'unknown');
  return new AppError(
    'database_unavailable',
    503,
    'Database unavailable',
    `cannot connect to the database ${location} (${reason})`,
  );
}
