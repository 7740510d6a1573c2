import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transparency_releases')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'timestamptz')
    .addUniqueConstraint('transparency_releases_period_version', ['period', 'version'])
    .execute();

  // A published release is a public record: the database itself refuses to change or remove it, whatever the code
  // above it does. Corrections are new versions.
  await sql`
    create function transparency_release_immutable() returns trigger language plpgsql as $$
    begin
      if old.state = 'published' then
        raise exception 'transparency release % (% v%) is published and cannot be altered', old.id, old.period, old.version
          using errcode = 'check_violation';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`
    create trigger transparency_release_immutable before update or delete on transparency_releases
    for each row execute function transparency_release_immutable()`.execute(db);
}
