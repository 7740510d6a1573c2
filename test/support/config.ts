import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/core/config/index.ts';

export function tempDir(prefix = 'accord-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A configuration for tests: quiet logs, a random port, the run's master key. */
export function testConfig(masterKey: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    ACCORD_DATA_DIR: tempDir(),
    ACCORD_MASTER_KEY: masterKey,
    ACCORD_LOG_LEVEL: 'silent',
    ACCORD_PORT: '0',
    ACCORD_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...overrides,
  });
}
