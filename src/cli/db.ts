import type { Command } from 'commander';
import { loadConfig } from '../core/config/index.ts';
import { migrateToLatest, pendingMigrations } from '../core/db/migrate.ts';
import { openDatabase } from '../core/db/open.ts';
import { migrations } from '../modules.ts';
import { runAction } from './run.ts';

export function dbCommand(program: Command) {
  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending migrations (the server also does this at start-up)')
    .option('--dry-run', 'only list the pending migrations')
    .action((opts: { dryRun?: boolean }) =>
      runAction(async () => {
        const config = loadConfig();
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const names = opts.dryRun
            ? await pendingMigrations(database.db, migrations)
            : await migrateToLatest(database.db, migrations);
          const verb = opts.dryRun ? 'pending' : 'applied';
          process.stdout.write(
            names.length
              ? names.map((n) => `${verb} ${n}\n`).join('')
              : `no migrations ${verb}; ${database.location} is up to date\n`,
          );
        } finally {
          await database.close();
        }
      }),
    );
}
