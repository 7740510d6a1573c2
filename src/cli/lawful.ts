import type { Command } from 'commander';
import type { Principal } from '../core/auth/principal.ts';
import {
  countryRisks,
  listAgencies,
  reviewerRequest,
  reviewerRequests,
  riskLevels,
  setCountryRisk,
  type RiskLevel,
} from '../lawful/service.ts';
import { CliError, cliActor, printTable, runAction, withRuntime } from './run.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
// The CLI is run by an operator with the database's keys in hand: it acts as staff (never as an agency officer).
const operator: Principal = {
  kind: 'token',
  userId: 'cli',
  username: cliActor.label,
  role: 'admin',
  mfaVerified: true,
};

export function lawfulCommand(program: Command) {
  const lawful = program.command('lawful').description('lawful requests from government agencies');

  lawful
    .command('agencies')
    .description('registered agencies, their verified domains and status')
    .action(() =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const agencies = await listAgencies(ctx);
          if (agencies.length === 0) return void out('no agencies registered');
          printTable(
            agencies.map((a) => ({
              agency: a.name,
              id: a.id,
              country: a.country,
              domains: a.email_domains.join(' '),
              status: a.status,
            })),
          );
        }),
      ),
    );

  lawful
    .command('country-risk')
    .description('the country human-rights-risk table; --set CC=level changes one country')
    .option('--set <country=level>', `e.g. XY=high (levels: ${riskLevels.join(', ')})`)
    .option('--source <text>', 'where the assessment comes from (required with --set)')
    .option('--note <text>', 'what the reviewers should know')
    .action((opts: { set?: string; source?: string; note?: string }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          if (opts.set) {
            const [country = '', level = ''] = opts.set.split('=');
            if (!(riskLevels as readonly string[]).includes(level))
              throw new CliError(`--set expects COUNTRY=LEVEL with a level among ${riskLevels.join(', ')}`);
            if (!opts.source) throw new CliError('--set needs --source: where the assessment comes from');
            await setCountryRisk(ctx, cliActor, {
              country,
              level: level as RiskLevel,
              source: opts.source,
              ...(opts.note ? { note: opts.note } : {}),
            });
          }
          const rows = await countryRisks(ctx);
          if (rows.length === 0) return void out('the country-risk table is empty');
          printTable(rows.map((r) => ({ country: r.country, level: r.level, source: r.source, note: r.note ?? '' })));
        }),
      ),
    );

  lawful
    .command('requests')
    .description('requests, newest first, with what their safeguards found')
    .option('--state <state>', 'only requests in this state')
    .action((opts: { state?: string }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const requests = await reviewerRequests(ctx, cliActor, opts.state);
          if (requests.length === 0) return void out('no requests');
          printTable(
            requests.map((r) => ({
              request: r.id,
              type: r.request_type,
              state: r.state,
              blocks: r.assessment.filter((s) => s.level === 'block').length,
              escalations: r.assessment.filter((s) => s.level === 'escalate').length,
              warnings: r.assessment.filter((s) => s.level === 'warn').length,
              submitted: r.submitted_at,
            })),
          );
        }),
      ),
    );

  lawful
    .command('review <id>')
    .description("a request's safeguard assessment and review trail (the view is audited)")
    .action((id: string) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const r = await reviewerRequest(ctx, cliActor, operator, id);
          out(
            `${r.request_type} ${r.case_number} from ${r.sender_email}: ${r.state}${r.decision ? ` (${r.decision})` : ''}`,
          );
          out(
            `legal basis: ${r.legal_basis}; issued by ${r.issuing_authority}; ${r.targets} target(s); ${r.data_categories.join(', ')}`,
          );
          out();
          printTable(r.assessment.map((s) => ({ level: s.level, safeguard: s.id, finding: s.message })));
          if (r.steps.length > 0) {
            out();
            printTable(r.steps.map((s) => ({ at: s.at, step: s.kind, by: s.reviewer })));
          }
        }),
      ),
    );
}
