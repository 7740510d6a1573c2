import type { Command } from 'commander';
import { roles } from '../core/auth/permissions.ts';
import { setupUrl } from '../core/auth/users-routes.ts';
import {
  allUsers,
  createUser,
  getUser,
  presentUser,
  resetUserSetup,
  setUserDisabled,
} from '../core/auth/users-service.ts';
import { CliError, cliActor, exitCodes, printTable, runAction, withRuntime } from './run.ts';

export function userCommand(program: Command) {
  const user = program.command('user').description('manage users');

  user
    .command('create <username>')
    .description('create a user; prints a one-time setup link unless --password-stdin is given')
    .requiredOption('--role <role>', `one of: ${roles.join(', ')}`)
    .option('--name <display name>', 'display name')
    .option('--email <address>', 'e-mail address')
    .option('--password-stdin', 'read the password from standard input instead of issuing a setup link')
    .action((username: string, opts: { role: string; name?: string; email?: string; passwordStdin?: boolean }) =>
      runAction(async () => {
        if (!(roles as readonly string[]).includes(opts.role)) {
          throw new CliError(`--role must be one of ${roles.join(', ')}`, exitCodes.usage);
        }
        const password = opts.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
        await withRuntime(async ({ ctx }) => {
          const { user: created, setupToken } = await createUser(ctx, cliActor, {
            username,
            role: opts.role,
            ...(opts.name ? { displayName: opts.name } : {}),
            ...(opts.email ? { email: opts.email } : {}),
            ...(password !== undefined ? { password } : {}),
          });
          process.stdout.write(`created ${created.username} (${created.role}, id ${created.id})\n`);
          if (setupToken) process.stdout.write(`setup link (valid 24 h, shown once): ${setupUrl(ctx, setupToken)}\n`);
        });
      }),
    );

  user
    .command('list')
    .description('list users')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const users = (await allUsers(ctx)).map(presentUser);
          if (opts.json) return void process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
          printTable(
            users.map((u) => ({
              username: u.username,
              role: u.role,
              totp: u.totp_enabled ? 'yes' : 'no',
              disabled: u.disabled ? 'yes' : '',
              id: u.id,
            })),
          );
        }),
      ),
    );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${verb} <username>`)
      .description(`${verb} a user${disabled ? ' (ends their sessions; their API tokens stop working)' : ''}`)
      .action((username: string) =>
        runAction(() =>
          withRuntime(async ({ ctx }) => {
            const u = await setUserDisabled(ctx, cliActor, (await getUser(ctx, username)).id, disabled);
            process.stdout.write(`${u.username} ${disabled ? 'disabled' : 'enabled'}\n`);
          }),
        ),
      );
  }

  user
    .command('reset <username>')
    .description('issue a new one-time setup link (lost password); --totp also removes the second factor')
    .option('--totp', 'remove the enrolled second factor too')
    .action((username: string, opts: { totp?: boolean }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const token = await resetUserSetup(ctx, cliActor, (await getUser(ctx, username)).id, {
            resetTotp: Boolean(opts.totp),
          });
          process.stdout.write(`setup link (valid 24 h, shown once): ${setupUrl(ctx, token)}\n`);
        }),
      ),
    );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
