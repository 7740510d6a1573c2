import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  createCollection,
  findSubscription,
  listCollections,
  publishObjects,
  publishSightings,
  pullSubscription,
  subscribe,
} from '../share/service.ts';
import { CliError, cliActor, printTable, runAction, withRuntime } from './run.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').filter(Boolean)];

/** `accord share collections|publish`: TAXII collections and what is published in them. */
export function shareCommand(program: Command) {
  const share = program.command('share').description('sharing with peers over TAXII 2.1');

  share
    .command('collections')
    .description('list the TAXII collections, or create one with --create')
    .option('--create <title>', 'create a collection with this title')
    .option('--alias <alias>', 'a short name usable in TAXII URLs instead of the id')
    .option('--description <text>', 'what the collection holds')
    .option('--read <selectors>', 'who may read: role:<role> or user:<username>, comma-separated', list)
    .option('--write <selectors>', 'who may add objects over TAXII', list)
    .option('--amber <selectors>', 'readers who may also receive TLP:AMBER and TLP:AMBER+STRICT', list)
    .option('--json', 'print JSON')
    .action(
      (opts: {
        create?: string;
        alias?: string;
        description?: string;
        read?: string[];
        write?: string[];
        amber?: string[];
        json?: boolean;
      }) =>
        runAction(() =>
          withRuntime(async ({ ctx }) => {
            if (!opts.create && (opts.read || opts.write || opts.amber || opts.alias)) {
              throw new CliError('--read, --write, --amber and --alias go with --create', 2);
            }
            if (opts.create) {
              const created = await createCollection(ctx, cliActor, {
                title: opts.create,
                ...(opts.alias ? { alias: opts.alias } : {}),
                ...(opts.description ? { description: opts.description } : {}),
                readGroups: opts.read ?? [],
                writeGroups: opts.write ?? [],
                amberGroups: opts.amber ?? [],
              });
              out(opts.json ? JSON.stringify(created, null, 2) : `created collection ${created.id}`);
              return;
            }
            const collections = await listCollections(ctx);
            if (opts.json) {
              out(JSON.stringify(collections, null, 2));
              return;
            }
            printTable(
              collections.map((c) => ({
                id: c.id,
                alias: c.alias,
                title: c.title,
                read: c.readGroups.join(','),
                write: c.writeGroups.join(','),
                amber: c.amberGroups.join(','),
              })),
            );
          }),
        ),
    );

  share
    .command('publish <collection> <ids...>')
    .description('publish intel objects (every stored version) to a collection, by id or alias')
    .action((collection: string, ids: string[]) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const r = await publishObjects(ctx, cliActor, collection, ids);
          printTable([
            { what: 'versions published', count: r.published },
            { what: 'already published', count: r.alreadyPublished },
            { what: 'withheld from peers (TLP:RED, unknown or granular markings)', count: r.withheld },
            { what: 'not in the intel store', count: r.missing.length },
          ]);
          for (const id of r.missing) out(`missing: ${id}`);
          return r.missing.length > 0 ? 1 : 0;
        }),
      ),
    );

  share
    .command('subscribe <name> <url>')
    .description('subscribe to a remote TAXII 2.1 collection (its URL ends in /collections/<id>/)')
    .option('--user <name>', 'the user name for HTTP Basic authentication')
    .option(
      '--secret-env <variable>',
      'read the password or API token from this environment variable (never from argv)',
    )
    .option('--interval <seconds>', 'how often the server pulls it', (v) => Number.parseInt(v, 10), 3600)
    .action((name: string, url: string, opts: { user?: string; secretFile?: string; interval: number }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          let secret: string | undefined;
          if (opts.secretFile) {
            try {
              secret = readFileSync(opts.secretFile, 'utf8').trim();
            } catch (error) {
              throw new CliError(
                `--secret-file: cannot read ${opts.secretFile} (${(error as NodeJS.ErrnoException).code})`,
                2,
              );
            }
          }
          const { id } = await subscribe(ctx, cliActor, {
            name,
            url,
            ...(opts.user ? { username: opts.user } : {}),
            ...(secret ? { secret } : {}),
            interval_seconds: opts.interval,
          });
          out(`subscribed ${name} (${id})`);
        }),
      ),
    );

  share
    .command('pull <subscription>')
    .description('pull now what a subscribed collection added since the last pull (by name or id)')
    .action((which: string) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const sub = await findSubscription(ctx, which);
          const r = await pullSubscription(ctx, sub.id);
          out(
            `${sub.name}: ${r.received} objects in ${r.pages} pages, ${r.inserted} new versions, ${r.rejected} refused`,
          );
        }),
      ),
    );

  share
    .command('sightings <collection>')
    .description('publish anonymised sightings from confirmed targeting cases to a collection')
    .action((collection: string) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const r = await publishSightings(ctx, cliActor, collection);
          out(`${r.sightings} sightings published to ${collection}`);
          for (const a of r.unknownActors) out(`not shared: ${a} is not an object in the intelligence store`);
        }),
      ),
    );
}
