import { pino, type Logger } from 'pino';
import type { Config } from '../config/index.ts';

export type { Logger };

/**
 * Paths never written to logs. Identifiers of people at risk are never passed to the logger in the first
 * place; these paths catch credentials that travel in requests.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
];

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  routeOptions?: { url?: string };
}

/**
 * The request as the log shows it: the route's pattern (`/api/intel/search`), never the URL as sent, and a query
 * string only as `?[redacted]`. Searches carry e-mail addresses, names and phone numbers of people at risk in
 * their parameters; paths that match no route may carry anything.
 */
export function requestForLog(req: LoggedRequest) {
  const path = req.routeOptions?.url ?? '[no route]';
  const query = typeof req.url === 'string' && req.url.includes('?') ? '?[redacted]' : '';
  return { method: req.method, url: `${path}${query}`, remoteAddress: req.ip };
}

/** Creates the process logger: JSON lines to stdout, or to `ACCORD_LOG_FILE` when set. */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFile'>): Logger {
  const destination = config.logFile ? pino.destination({ dest: config.logFile, mkdir: true, sync: false }) : undefined;
  return pino(
    {
      level: config.logLevel,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: { req: requestForLog },
      base: { service: 'accord' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
