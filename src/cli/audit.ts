import type { Command } from 'commander';
import { verifyAuditChain } from '../core/audit/index.ts';
import { exitCodes, runAction, withRuntime } from './run.ts';

export function auditCommand(program: Command) {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      `check the hash chain; exits ${exitCodes.auditBroken} and names the first broken entry if any was altered or removed`,
    )
    .action(() =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const status = await verifyAuditChain(ctx.db, (n) => process.stderr.write(`\rchecked ${n} entries`));
          process.stderr.write('\n');
          if (status.ok) {
            process.stdout.write(
              `audit chain intact: ${status.entries} entries, last ${status.lastSeq} (${status.lastHash.slice(0, 16)}…)\n`,
            );
            return exitCodes.ok;
          }
          process.stdout.write(
            `audit chain BROKEN at entry ${status.firstBreak!.seq}: ${status.firstBreak!.reason} (${status.entries} entries before it are intact)\n`,
          );
          return exitCodes.auditBroken;
        }),
      ),
    );
}
