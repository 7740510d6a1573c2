import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from '../config/index.ts';

export interface MasterKey {
  readonly key: Buffer;
  /** Where it came from, for the start-up message. */
  readonly source: string;
  readonly generated: boolean;
}

/**
 * The master key wraps the data keys. It comes from ACCORD_MASTER_KEY (base64 of 32 bytes) or the file named
 * by ACCORD_MASTER_KEY_FILE; with neither, a key file is created in the data directory so the quick start works
 * (operators should move it off the database host: see docs/operations.md).
 */
export function loadMasterKey(config: Pick<Config, 'masterKey' | 'masterKeyFile' | 'dataDir'>): MasterKey {
  if (config.masterKey)
    return { key: decode(config.masterKey, 'ACCORD_MASTER_KEY'), source: 'ACCORD_MASTER_KEY', generated: false };
  if (config.masterKeyFile) return fromFile(config.masterKeyFile, 'ACCORD_MASTER_KEY_FILE', false);
  const path = join(config.dataDir, 'master.key');
  if (existsSync(path)) return fromFile(path, 'ACCORD_DATA_DIR', false);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { ...fromFile(path, 'ACCORD_DATA_DIR', true), generated: true };
}

function fromFile(path: string, variable: string, generated: boolean): MasterKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(variable, `cannot read master key file ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  return { key: decode(text, variable), source: path, generated };
}

function decode(text: string, variable: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text) {
    throw new ConfigError(variable, 'the master key must be 32 random bytes in base64 (openssl rand -base64 32)');
  }
  return key;
}
