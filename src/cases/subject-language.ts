import type { Actor } from '../core/audit/index.ts';
import type { CoreContext } from '../core/context.ts';
import { notFound } from '../core/errors.ts';
import { setSubjectLanguage, subjectLanguage, type SubjectLanguage } from '../detect/service.ts';
import { getCaseRow } from './store/cases-store.ts';
import { casesDb } from './store/tables.ts';

/** An analyst's choice of the language of the person a case concerns (their notices use it). Audited. */
export async function setCaseSubjectLanguage(
  ctx: CoreContext,
  actor: Actor,
  caseId: string,
  language: string,
): Promise<SubjectLanguage> {
  const row = await getCaseRow(casesDb(ctx.db), caseId);
  if (!row) throw notFound(`no case ${caseId}`);
  return setSubjectLanguage(ctx, actor, row.subject_index, language, 'analyst', { case: caseId });
}

/** The preferred language of the person a case concerns, or null when none is known. */
export async function caseSubjectLanguage(ctx: CoreContext, caseId: string): Promise<SubjectLanguage | null> {
  const row = await getCaseRow(casesDb(ctx.db), caseId);
  if (!row) throw notFound(`no case ${caseId}`);
  return subjectLanguage(ctx, row.subject_index);
}
