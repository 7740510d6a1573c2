import { type Selectable } from 'kysely';
import type { CoreContext } from '../core/context.ts';
import { lawfulDb, type RequestTable } from './store/tables.ts';

type Row = Selectable<RequestTable>;

/** The request's text fields sealed at rest (AES-256-GCM through the keyring, each bound to its own column). */
export const requestTextFields = ['legal_basis', 'issuing_authority', 'case_number'] as const;
type Field = (typeof requestTextFields)[number];
export type RequestText = Record<Field, string>;
/** A request row with its sealed text opened. */
export type OpenRequestRow = Row & RequestText;

const contextOf = (f: Field) => `lawful_requests.${f}_enc`;

/** The columns to write for `text`: sealed values, and no plaintext. */
export function sealRequestText(ctx: CoreContext, text: RequestText) {
  return {
    legal_basis: null,
    issuing_authority: null,
    case_number: null,
    legal_basis_enc: ctx.keyring.encrypt(text.legal_basis, contextOf('legal_basis')),
    issuing_authority_enc: ctx.keyring.encrypt(text.issuing_authority, contextOf('issuing_authority')),
    case_number_enc: ctx.keyring.encrypt(text.case_number, contextOf('case_number')),
  };
}

/** A row with its text opened; a row older versions wrote, not sealed yet, is read from its plaintext. */
export async function openRequestText(ctx: CoreContext, row: Row): Promise<OpenRequestRow> {
  const open = async (f: Field) => {
    const sealed = row[`${f}_enc`];
    return sealed ? ctx.keyring.decrypt(sealed, contextOf(f)) : (row[f] ?? '');
  };
  const [legal_basis, issuing_authority, case_number] = await Promise.all(requestTextFields.map(open));
  return { ...row, legal_basis: legal_basis!, issuing_authority: issuing_authority!, case_number: case_number! };
}

/**
 * Seals the text older versions stored in plaintext and empties the plaintext columns. Idempotent, in batches.
 * Run at start-up, as a migration cannot reach the keyring.
 */
export async function sealLegacyRequestText(ctx: CoreContext): Promise<number> {
  const db = lawfulDb(ctx.db);
  let sealed = 0;
  for (;;) {
    const rows = await db
      .selectFrom('lawful_requests')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('legal_basis', 'is not', null),
          eb('issuing_authority', 'is not', null),
          eb('case_number', 'is not', null),
        ]),
      )
      .limit(200)
      .execute();
    if (rows.length === 0) return sealed;
    for (const row of rows) {
      const text = await openRequestText(ctx, row);
      await db.updateTable('lawful_requests').set(sealRequestText(ctx, text)).where('id', '=', row.id).execute();
      sealed++;
    }
  }
}
