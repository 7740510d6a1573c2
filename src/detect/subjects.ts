import { recordAudit, type Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { badRequest } from '../core/errors.ts';
import { normaliseLanguageTag } from './language-tag.ts';
import { subjectIndexOf } from './record-hits.ts';
import { getSubject, putSubjectLanguage } from './store/subjects-store.ts';
import { detectDb, type LanguageSource } from './store/tables.ts';

export interface SubjectLanguage {
  language: string;
  source: LanguageSource;
}

/**
 * A person's preferred language, by the keyed hash of their account, or null when none is known. It comes from a
 * locale their telemetry gave, from the provider's account data (`PUT /api/subjects/language`) or from an analyst
 * (`PUT /api/cases/:id/language`); a choice is never overwritten by telemetry.
 */
export async function subjectLanguage(ctx: CoreContext, subjectIndex: string): Promise<SubjectLanguage | null> {
  const row = await getSubject(detectDb(ctx.db), subjectIndex);
  return row?.language && row.language_source ? { language: row.language, source: row.language_source } : null;
}

/**
 * Sets a person's preferred language (any well-formed BCP 47 tag or locale, normalised: `pt_BR` is `pt-BR`), as the
 * provider's account data or an analyst's choice. Audited by keyed hash, never the account; a tag that names no
 * language is a 400. `about` adds context to the audit entry (the case an analyst set it from).
 */
export async function setSubjectLanguage(
  ctx: CoreContext,
  actor: Actor,
  subjectIndex: string,
  raw: string,
  source: Exclude<LanguageSource, 'telemetry'>,
  about: Record<string, string> = {},
): Promise<SubjectLanguage> {
  const language = normaliseLanguageTag(raw);
  if (!language) throw badRequest(`${JSON.stringify(raw)} is not a language tag (such as fr, pt-BR)`);
  await ctx.db.transaction().execute(async (trx) => {
    await putSubjectLanguage(detectDb(trx), subjectIndex, language, source);
    await recordAudit(trx, actor, {
      action: 'subject.language_set',
      objectType: 'subject',
      objectId: subjectIndex.slice(0, 16),
      details: { language, source, ...about },
    });
  });
  return { language, source };
}

/** The provider's account data: the language of the person with this account (never stored in clear). */
export const setAccountLanguage = (ctx: CoreContext, actor: Actor, account: string, language: string) =>
  setSubjectLanguage(ctx, actor, subjectIndexOf(ctx, account), language, 'provider');
