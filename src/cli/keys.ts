import type { Command } from 'commander';
import { recordAudit } from '../core/audit/index.ts';
import { rotateDataKey } from '../core/crypto/rotate.ts';
import { encryptedFields } from '../modules.ts';
import { cliActor, runAction, withRuntime } from './run.ts';

export function keysCommand(program: Command) {
  const keys = program.command('keys').description('field-encryption keys');
  keys
    .command('rotate')
    .description(
      'create a new data key and re-encrypt every protected field with it, while the service runs (PostgreSQL), batch by batch',
    )
    .action(() =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const result = await rotateDataKey(ctx.db, ctx.keyring, encryptedFields, (p) =>
            process.stderr.write(`\r${p.field}: ${p.reencrypted} re-encrypted   `),
          );
          process.stderr.write('\n');
          await ctx.db.transaction().execute((trx) =>
            recordAudit(trx, cliActor, {
              action: 'keys.rotated',
              objectType: 'encryption_key',
              objectId: result.newKeyId,
              details: { reencrypted: result.reencrypted, retired: result.retiredKeys },
            }),
          );
          const total = Object.values(result.reencrypted).reduce((a, b) => a + b, 0);
          process.stdout.write(
            `new data key ${result.newKeyId}; ${total} values re-encrypted; retired ${result.retiredKeys.join(', ') || 'none'}\n`,
          );
        }),
      ),
    );
}
