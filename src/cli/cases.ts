import { Option, type Command } from 'commander';
import { caseStates, listCases, syncCases, viewCase, type CaseState } from '../cases/service.ts';
import { cliActor, printTable, runAction, withRuntime } from './run.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);

export function casesCommand(program: Command) {
  const cases = program.command('cases').description('targeting cases: detections grouped per person and actor');

  cases
    .command('list')
    .description('cases, most recently active first (people shown as pseudonyms); brings them up to date first')
    .addOption(new Option('--state <state>', 'only cases in this state').choices(caseStates))
    .option('--actor <name>', 'only cases of this actor')
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10), 50)
    .option('--json', 'print JSON')
    .action((opts: { state?: CaseState; actor?: string; limit: number; json?: boolean }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          await syncCases(ctx);
          const rows = await listCases(ctx, {
            limit: opts.limit,
            ...(opts.state ? { state: opts.state } : {}),
            ...(opts.actor ? { actor: opts.actor } : {}),
          });
          if (opts.json) return void out(JSON.stringify(rows, null, 2));
          if (rows.length === 0) return void out('no cases');
          printTable(
            rows.map((c) => ({
              case: c.id,
              state: c.state,
              actor: c.actor,
              person: c.subject_ref,
              'first seen': c.first_seen,
              'last seen': c.last_seen,
              confidence: c.confidence,
            })),
          );
        }),
      ),
    );

  cases
    .command('show <id>')
    .description('one case with its timeline and notes (the view is audited)')
    .option('--reveal', 'also show whom the case concerns (audited as such)')
    .option('--json', 'print JSON')
    .action((id: string, opts: { reveal?: boolean; json?: boolean }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const c = await viewCase(ctx, cliActor, id, { reveal: opts.reveal === true });
          if (opts.json) return void out(JSON.stringify(c, null, 2));
          out(`case ${c.id}: ${c.state}${c.state_reason ? ` (${c.state_reason})` : ''}`);
          out(`actor ${c.actor}, person ${c.subject !== undefined ? (c.subject ?? '(unknown)') : c.subject_ref}`);
          out(`seen ${c.first_seen} to ${c.last_seen}, confidence ${c.confidence}`);
          out();
          printTable(
            c.timeline.map((d) => ({
              first: d.first_seen,
              last: d.last_seen,
              matched: d.matched_value,
              events: d.count,
              retro: d.retroactive ? 'yes' : '',
            })),
          );
          for (const n of c.notes) out(`\n${n.created_at} ${n.author} (${n.kind}): ${n.body}`);
        }),
      ),
    );
}
