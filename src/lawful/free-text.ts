import { sql, type Selectable } from 'kysely';
import type { CoreContext } from '../core/context.ts';
import { asciiDigits } from '../core/identifiers/index.ts';
import { subjectIndexOf, subjectMatchIndexOf } from '../detect/service.ts';
import { lawfulDb, type ReviewStepTable } from './store/tables.ts';

/** The step details that people write freely, and so may hold identifiers: sealed at rest, never in `details`. */
export const STEP_TEXT_KEYS = ['question', 'answer', 'reasons', 'notes', 'checklist'] as const;
export const STEP_TEXT_CONTEXT = 'lawful_review_steps.text_enc';

// Things in free text that may be a phone number, an e-mail address or a handle (compared in canonical form).
export const PHONE_LIKE = /(?:tel:)?\+?[\d\s().\-\u2010-\u2015]{6,}\d/giu;
export const EMAIL_LIKE = /[^\s<>"',;:()]+@[^\s<>"',;:()]+/gu;
const HANDLE_LIKE = /(?<![\w@])@[\p{L}\p{N}_.]{2,}/gu;

/** Every string inside a value (a checklist's notes are nested). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The identifier-like parts of a text, invisible characters dropped first (`+1\u200B202…` is the same number). */
export function identifiersInText(text: string): string[] {
  const clean = asciiDigits(text.replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '').normalize('NFKC'));
  const emails = clean.match(EMAIL_LIKE) ?? [];
  const rest = emails.reduce((t, e) => t.replace(e, ' '), clean);
  return [...emails, ...(rest.match(PHONE_LIKE) ?? []), ...(rest.match(HANDLE_LIKE) ?? [])].map((s) => s.trim());
}

/**
 * Splits a step's details into what stays readable (outcome, decision, flags) and its free text, sealed as JSON,
 * with the keyed indexes of every identifier found in that text for the targeted-account cross-check.
 */
export function sealStepDetails(ctx: CoreContext, details: Record<string, unknown>) {
  const structured: Record<string, unknown> = {};
  const text: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if ((STEP_TEXT_KEYS as readonly string[]).includes(k)) text[k] = v;
    else structured[k] = v;
  }
  const found = [...new Set(stringsIn(text).flatMap(identifiersInText))];
  return {
    details: JSON.stringify(structured),
    text_enc: Object.keys(text).length > 0 ? ctx.keyring.encrypt(JSON.stringify(text), STEP_TEXT_CONTEXT) : null,
    text_indexes: JSON.stringify([...new Set(found.map((f) => subjectIndexOf(ctx, f)))]),
    text_match_indexes: JSON.stringify([...new Set(found.map((f) => subjectMatchIndexOf(ctx, f)))]),
  };
}

type Step = Selectable<ReviewStepTable>;

/** Steps with their sealed free text opened back into `details`: for the people entitled to read the trail. */
export const openStepText = (ctx: CoreContext, steps: readonly Step[]): Promise<Step[]> =>
  Promise.all(
    steps.map(async (s) =>
      s.text_enc
        ? {
            ...s,
            details: {
              ...s.details,
              ...(JSON.parse(await ctx.keyring.decrypt(s.text_enc, STEP_TEXT_CONTEXT)) as Record<string, unknown>),
            },
          }
        : s,
    ),
  );

/**
 * Seals the free text of steps written before it was sealed (plaintext in `details`), and indexes it. Idempotent:
 * a step whose details no longer hold text is left alone. Run at start-up, as a migration cannot reach the keyring.
 */
export async function sealLegacyStepText(ctx: CoreContext): Promise<number> {
  const db = lawfulDb(ctx.db);
  const keys = [...STEP_TEXT_KEYS];
  let sealed = 0;
  for (;;) {
    const rows = await db
      .selectFrom('lawful_review_steps')
      .selectAll()
      .where(sql<boolean>`details ?| array[${sql.join(keys)}]::text[]`)
      .limit(200)
      .execute();
    if (rows.length === 0) return sealed;
    for (const row of rows) {
      const previous = row.text_enc
        ? (JSON.parse(await ctx.keyring.decrypt(row.text_enc, STEP_TEXT_CONTEXT)) as Record<string, unknown>)
        : {};
      await db
        .updateTable('lawful_review_steps')
        .set(sealStepDetails(ctx, { ...previous, ...row.details }))
        .where('id', '=', row.id)
        .execute();
      sealed++;
    }
  }
}
