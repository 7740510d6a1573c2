import { join } from 'node:path';
import { openDatabase } from '../../src/core/db/open.ts';
import { openRuntime } from '../../src/runtime.ts';
import { testConfig } from './config.ts';

/** Creates a data directory holding a fully migrated embedded database (with the job queue's tables). */
export async function prepareTemplate(dataDir: string, masterKey: string): Promise<void> {
  const config = testConfig(masterKey, { ACCORD_DATA_DIR: dataDir, ACCORD_JOBS: 'false' });
  const database = await openDatabase({ dataDir });
  const runtime = await openRuntime(config, { work: false, database });
  await runtime.close();
  await database.close();
}

export const templateDbPath = (dataDir: string) => join(dataDir, 'db');
