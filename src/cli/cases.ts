import { Option, type Command } from 'commander';
import { caseStates, listCases, revealCaseSubject, syncCases, viewCase, type CaseState } from '../cases/service.ts';
import { badRequest } from '../core/errors.ts';
import { isRevealReason, revealReasonLength } from '../core/http/reveal-reason.ts';
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
    .option(
      '--reveal <reason>',
      `also show whom the case concerns; the reason (${revealReasonLength.min}–${revealReasonLength.max} characters) goes into the audit log`,
    )
    .option('--json', 'print JSON')
    .action((id: string, opts: { reveal?: string; json?: boolean }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const reason = opts.reveal;
          if (reason !== undefined && !isRevealReason(reason))
            throw badRequest(
              `--reveal needs a reason of ${revealReasonLength.min} to ${revealReasonLength.max} characters`,
            );
          const viewed = await viewCase(ctx, cliActor, id);
          const c =
            reason === undefined ? viewed : { ...viewed, ...(await revealCaseSubject(ctx, cliActor, id, reason)) };
          if (opts.json) return void out(JSON.stringify(c, null, 2));
          out(`case ${c.id}: ${c.state}${c.state_reason ? ` (${c.state_reason})` : ''}`);
          out(`actor ${c.actor}, person ${'subject' in c ? (c.subject ?? '(unknown)') : c.subject_ref}`);
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
