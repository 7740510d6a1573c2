import type { CoreContext } from '../core/context.ts';
import { badRequest } from '../core/errors.ts';
import { asciiDigits, canonicalIdentifier, identifierRules } from '../core/identifiers/index.ts';
import { EMAIL_LIKE, PHONE_LIKE } from './free-text.ts';
import { NARRATIVE_CONTEXT, TARGETS_CONTEXT } from './intake.ts';
import { openRequestText } from './request-text.ts';
import type { LawfulDb, RequestTable } from './store/tables.ts';
import type { Selectable } from 'kysely';

type Row = Selectable<RequestTable>;

/**
 * The canonical identifiers a request itself carries: its targets, the sender, and every number or address written
 * in its text (legal basis, authority, case number, emergency narrative). A contact whose number is among them was
 * (or may have been) taken from the request, which is what a forger controls.
 */
async function identifiersInRequest(ctx: CoreContext, row: Row): Promise<Set<string>> {
  const rules = identifierRules(ctx.config);
  const targets = JSON.parse(await ctx.keyring.decrypt(row.targets_enc, TARGETS_CONTEXT)) as string[];
  const narrative = row.emergency_narrative_enc
    ? await ctx.keyring.decrypt(row.emergency_narrative_enc, NARRATIVE_CONTEXT)
    : '';
  // Invisible characters dropped first: `+1\u200B202…` is the same number to the eye and to canonical comparison.
  const { legal_basis, issuing_authority, case_number } = await openRequestText(ctx, row);
  // Digits of any script as ASCII: `+١٢٠٢…` is the number `+1202…` written in Arabic-Indic digits.
  const text = asciiDigits(
    [legal_basis, issuing_authority, case_number, narrative, ...targets]
      .join('\n')
      .replace(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu, '')
      .normalize('NFKC'),
  );
  const found = [...targets, row.sender_email, ...(text.match(PHONE_LIKE) ?? []), ...(text.match(EMAIL_LIKE) ?? [])];
  // The skeleton too: `202-555-0199` with no region configured is not placed, but is a possible match of
  // `+1 202 555 0199`, and a number that may be the request's own never counts.
  return new Set(
    found.flatMap((f) => {
      const { canonical, skeleton } = canonicalIdentifier(f, rules);
      return [canonical, skeleton];
    }),
  );
}

/**
 * Whether a callback through `contactId` may confirm this request: a contact of the request's agency, verified by a
 * second person before the request arrived, whose number does not appear in the request. Returns the contact.
 */
export async function callbackContactFor(ctx: CoreContext, db: LawfulDb, row: Row, contactId: string) {
  const contact = await db.selectFrom('lawful_contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
  if (!contact || contact.agency_id !== row.agency_id) {
    throw badRequest("the callback must go through a contact registered for the request's agency");
  }
  if (!contact.verified_at) throw badRequest('the contact is not verified yet: a second person verifies it first');
  if (new Date(contact.verified_at).getTime() >= new Date(row.submitted_at).getTime()) {
    throw badRequest('the contact was verified after the request arrived: only contacts verified before count');
  }
  const phone = canonicalIdentifier(contact.phone, identifierRules(ctx.config));
  const inRequest = await identifiersInRequest(ctx, row);
  if (inRequest.has(phone.canonical) || inRequest.has(phone.skeleton)) {
    throw badRequest("the contact's number appears in the request itself: a number from the request never counts");
  }
  return contact;
}
