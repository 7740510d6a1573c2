import { Command, CommanderError } from 'commander';
import { settings } from '../core/config/index.ts';
import { auditCommand } from './audit.ts';
import { casesCommand } from './cases.ts';
import { notifyCommand } from './notify.ts';
import { lawfulCommand } from './lawful.ts';
import { dbCommand } from './db.ts';
import { intelCommand } from './intel.ts';
import { scanCommand } from './scan.ts';
import { keysCommand } from './keys.ts';
import { exitCodes } from './run.ts';
import { serveCommand } from './serve.ts';
import { screeningCommand } from './screening.ts';
import { shareCommand } from './share.ts';
import { tokenCommand } from './token.ts';
import { transparencyCommand } from './transparency.ts';
import { userCommand } from './user.ts';

const program = new Command('accord')
  .description(
    'Accord: detect cyber-mercenary activity, notify the people targeted, share, and safeguard lawful requests',
  )
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride()
  .addHelpText(
    'after',
    `
Configuration comes from environment variables (or a JSON file named by ACCORD_CONFIG):
${Object.values(settings)
  .map((s) => `  ${s.env}`)
  .join('\n')}
With no DATABASE_URL the embedded database in ACCORD_DATA_DIR (default ./.accord) is used; it can be open in
one process at a time, so stop the server before running other commands on it (or use PostgreSQL).

Exit codes: 0 success, 1 failure (reason on one line), 2 usage error, 3 audit chain broken (altered, cut
or rewritten), 4 audit checkpoint not signed by the key, 5 malformed checkpoint or key file, 130 stopped by Ctrl-C.`,
  );

serveCommand(program);
dbCommand(program);
userCommand(program);
tokenCommand(program);
auditCommand(program);
keysCommand(program);
intelCommand(program);
scanCommand(program);
casesCommand(program);
notifyCommand(program);
lawfulCommand(program);
shareCommand(program);
transparencyCommand(program);
screeningCommand(program);

// Output piped into `head` and the like: stop quietly when the reader goes away.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  } else {
    process.stderr.write(`accord: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = exitCodes.failure;
  }
}
