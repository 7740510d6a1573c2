import type { Kysely } from 'kysely';

// Other modules (cases) follow detections as they are created and folded into, by (updated_at, id).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('detect_detections_changes')
    .on('detect_detections')
    .columns(['updated_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('detect_detections_changes').execute();
}
