import { Option, type Command } from 'commander';
import { noticeVerifyVariables } from '../core/http/public-url.ts';
import { noticeLanguages, renderNotice, requestNotice, type NoticeLanguage } from '../notify/service.ts';
import { cliActor, runAction, withRuntime } from './run.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const language = () =>
  new Option('--language <code>', 'the language of the notice').choices(noticeLanguages).default('en');

export function notifyCommand(program: Command) {
  const notify = program.command('notify').description('notices to people whose accounts were targeted');

  notify
    .command('preview')
    .description('print a notice as the person would receive it (subject and text, or HTML)')
    .addOption(language())
    .option('--name <name>', "the person's display name, if known (else a neutral greeting)")
    .option('--html', 'print the HTML instead of the text')
    .action((opts: { language: NoticeLanguage; name?: string; html?: boolean }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const notice = renderNotice(opts.language, {
            name: opts.name,
            provider: ctx.config.providerName,
            help_url: ctx.config.notifyHelpUrl,
            ...noticeVerifyVariables(ctx.config),
            date: new Date().toISOString().slice(0, 10),
          });
          out(`Subject: ${notice.subject}`);
          out();
          out(opts.html ? notice.html : notice.text);
        }),
      ),
    );

  notify
    .command('send <case-id>')
    .description('ask for a notice to the person a confirmed case concerns (the campaign policy decides approvals)')
    .addOption(language())
    .action((caseId: string, opts: { language: NoticeLanguage }) =>
      runAction(() =>
        withRuntime(async ({ ctx }) => {
          const result = await requestNotice(ctx, cliActor, caseId, opts.language);
          out(`notice ${result.notice.id}: ${result.outcome}, ${result.notice.state.replace('_', ' ')}`);
        }),
      ),
    );
}
