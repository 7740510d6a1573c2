import { sql, type Kysely } from 'kysely';

// A request's legal basis, issuing authority and case number name people and cases: they are sealed like its
// targets. The plaintext columns stay (nullable) until start-up seals what older versions wrote there and empties
// them (sealLegacyRequestText), since a migration cannot reach the keyring; reads fall back to them until then.
const fields = ['legal_basis', 'issuing_authority', 'case_number'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('lawful_requests')
    .addColumn('legal_basis_enc', 'text')
    .addColumn('issuing_authority_enc', 'text')
    .addColumn('case_number_enc', 'text')
    .execute();
  for (const f of fields)
    await db.schema
      .alterTable('lawful_requests')
      .alterColumn(f, (c) => c.dropNotNull())
      .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sealed = await sql<{ n: number }>`select count(*)::int as n from lawful_requests
    where legal_basis is null or issuing_authority is null or case_number is null`.execute(db);
  if ((sealed.rows[0]?.n ?? 0) > 0)
    throw new Error('lawful requests hold sealed text: going back would lose it (open it into the plaintext first)');
  for (const f of fields)
    await db.schema
      .alterTable('lawful_requests')
      .alterColumn(f, (c) => c.setNotNull())
      .execute();
  await db.schema
    .alterTable('lawful_requests')
    .dropColumn('case_number_enc')
    .dropColumn('issuing_authority_enc')
    .dropColumn('legal_basis_enc')
    .execute();
}
