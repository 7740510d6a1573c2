import type { Command } from 'commander';
import { createApiToken, presentApiToken, revokeToken, tokensOf } from '../core/auth/api-tokens-service.ts';
import { getUser } from '../core/auth/users-service.ts';
import { CliError, cliActor, exitCodes, printTable, runAction, withRuntime } from './run.ts';

export function tokenCommand(program: Command) {
  const token = program.command('token').description('manage API tokens for machines');

  token
    .command('create <username>')
    .description('create an API token owned by <username>; the token is printed once and stored only as a hash')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--scope <permission...>', "limit the token to these permissions (default: all of the owner's role)")
    .option('--expires-in-days <days>', 'lifetime in days (1-366)', '90')
    .action((username: string, opts: { name: string; scope?: string[]; expiresInDays: string }) =>
      runAction(async () => {
        const days = Number(opts.expiresInDays);
        if (!Number.isInteger(days)) throw new CliError('--expires-in-days must be a whole number', exitCodes.usage);
        await withRuntime(async ({ ctx }) => {
          const owner = await getUser(ctx, username);
          const created = await createApiToken(ctx, cliActor, owner, {
            name: opts.name,
            scopes: opts.scope ?? [],
            expiresInDays: days,
          });
          process.stdout.write(`${created.token}\n`);
          process.stderr.write(
            `token ${created.id} for ${owner.username}, expires ${created.expiresAt.toISOString()}; it is not shown again\n`,
          );
        });
      }),
    );

  token
    .command('list')
    .description('list API tokens')
    .option('--user <username>', "only this user's tokens")
    .action((opts: { user?: string }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const userId = opts.user ? (await getUser(ctx, opts.user)).id : undefined;
          printTable(
            (await tokensOf(ctx, userId)).map(presentApiToken).map((t) => ({
              id: t.id,
              name: t.name,
              scopes: t.scopes.join(' ') || '(role)',
              expires: t.expires_at,
              revoked: t.revoked ? 'yes' : '',
            })),
          );
        }),
      ),
    );

  token
    .command('revoke <id>')
    .description('revoke an API token at once')
    .action((id: string) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          await revokeToken(ctx, cliActor, id);
          process.stdout.write(`token ${id} revoked\n`);
        }),
      ),
    );
}
