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

/** Creates the process logger: JSON lines to stdout, or to `ACCORD_LOG_FILE` when set. */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFile'>): Logger {
  const destination = config.logFile ? pino.destination({ dest: config.logFile, mkdir: true, sync: false }) : undefined;
  return pino(
    {
      level: config.logLevel,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: { service: 'accord' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
