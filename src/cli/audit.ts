import type { Command } from 'commander';
import type { KeyObject } from 'node:crypto';
import { loadConfig } from '../core/config/index.ts';
import {
  checkpointFilePath,
  checkpointSignatureProblem,
  latestCheckpoint,
  loadAuditSigningKey,
  publicKeyPem,
  verifyAuditChain,
  writeCheckpoint,
  type Checkpoint,
} from '../core/audit/index.ts';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/errors.ts';
import { readCheckpointFile, readPublicKeyFile } from './audit-files.ts';
import { CliError, exitCodes, runAction, withRuntime } from './run.ts';

interface VerifyFlags {
  checkpoint?: string;
  publicKey?: string;
}

export function auditCommand(program: Command) {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      `check the hash chain; exits ${exitCodes.auditBroken} and names the first broken entry if any was altered or removed, ` +
        `or (with --checkpoint) if the chain was cut or rewritten before a signed checkpoint; ` +
        `${exitCodes.checkpointRefused} if a checkpoint is not signed by the key, ${exitCodes.checkpointMalformed} if a file is malformed`,
    )
    .option(
      '--checkpoint <file>',
      'signed checkpoints kept outside the database (the checkpoint file, or saved answers)',
    )
    .option('--public-key <file>', "the signing key's public half (PEM); default: this installation's key")
    .action((flags: VerifyFlags) =>
      runAction(async () => {
        const given = flags.checkpoint ? readCheckpointFile(flags.checkpoint) : undefined;
        const key = flags.publicKey ? readPublicKeyFile(flags.publicKey) : undefined;
        // Checked before the database is opened: a third party with the key needs none for this.
        if (given && key) refuseUnsigned(given, key);
        return withRuntime(async ({ ctx }) => {
          const publicKey = key ?? ctx.auditKey.publicKey;
          const stored = given ? [] : [await latestCheckpoint(ctx.db)].filter((c) => c !== undefined);
          // A stored checkpoint is only a hint (the database may have been rewritten): used when its signature holds.
          const checkpoints = given ?? stored.filter((c) => !checkpointSignatureProblem(c, publicKey));
          if (given) refuseUnsigned(given, publicKey);
          return verifyAgainst(ctx.db, checkpoints);
        });
      }),
    );

  audit
    .command('checkpoint')
    .description('sign a checkpoint of the chain head now and append it to ACCORD_AUDIT_CHECKPOINT_FILE')
    .action(() =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const result = await writeCheckpoint(ctx).catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'audit_chain_broken')
              throw new CliError(error.detail, exitCodes.auditBroken);
            throw error;
          });
          const c = result.checkpoint;
          if (!c) return void process.stdout.write('the audit chain is empty: nothing to sign\n');
          process.stdout.write(
            result.written
              ? `checkpoint signed: entry ${c.seq} (${c.hash.slice(0, 16)}…), key ${c.key_id}, appended to ${checkpointFilePath(ctx.config)}\n`
              : `the chain's head, entry ${c.seq}, is covered already by the checkpoint signed ${c.signed_at}\n`,
          );
        }),
      ),
    );

  audit
    .command('public-key')
    .description('print the public key that signs audit checkpoints (PEM), for third parties to keep')
    .action(() =>
      runAction(async () => {
        const key = loadAuditSigningKey(loadConfig());
        process.stdout.write(publicKeyPem(key.publicKey));
        process.stderr.write(`key id ${key.keyId} (${key.path}${key.generated ? ', new' : ''})\n`);
      }),
    );
}

function refuseUnsigned(checkpoints: readonly Checkpoint[], publicKey: KeyObject) {
  for (const c of checkpoints) {
    const problem = checkpointSignatureProblem(c, publicKey);
    if (problem) throw new CliError(`checkpoint refused: ${problem}`, exitCodes.checkpointRefused);
  }
}

async function verifyAgainst(db: Db, checkpoints: readonly Checkpoint[]): Promise<number> {
  const pinned = new Map<number, string>();
  for (const c of checkpoints) {
    const other = pinned.get(c.seq);
    if (other !== undefined && other !== c.hash) {
      process.stdout.write(`audit chain BROKEN at entry ${c.seq}: two signed checkpoints give it different hashes\n`);
      return exitCodes.auditBroken;
    }
    pinned.set(c.seq, c.hash);
  }
  const status = await verifyAuditChain(db, {
    pinned,
    onProgress: (n) => process.stderr.write(`\rchecked ${n} entries`),
  });
  process.stderr.write('\n');
  if (status.ok) {
    const upTo = [...pinned.keys()].reduce((a, b) => Math.max(a, b), 0);
    const signed = pinned.size
      ? `; matches ${pinned.size} signed checkpoint${pinned.size > 1 ? 's' : ''} up to entry ${upTo}`
      : '';
    process.stdout.write(
      `audit chain intact: ${status.entries} entries, last ${status.lastSeq} (${status.lastHash.slice(0, 16)}…)${signed}\n`,
    );
    return exitCodes.ok;
  }
  process.stdout.write(
    `audit chain BROKEN at entry ${status.firstBreak!.seq}: ${status.firstBreak!.reason} (${status.entries} entries before it are intact)\n`,
  );
  return exitCodes.auditBroken;
}
