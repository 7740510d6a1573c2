import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { fieldContext, type EncryptedField } from './encrypted-fields.ts';
import type { Keyring } from './keyring.ts';

export interface RotationProgress {
  field: string;
  reencrypted: number;
}

export interface RotationResult {
  newKeyId: string;
  reencrypted: Record<string, number>;
  retiredKeys: string[];
}

const BATCH = 500;

/**
 * Creates a new data key and re-encrypts every registered field with it, one batch per transaction, while the
 * service keeps running: values sealed with older keys stay readable until they are rewritten. Passes repeat
 * until none is left, so values written meanwhile by a process that had not yet seen the new key are caught.
 */
export async function rotateDataKey(
  db: Db,
  keyring: Keyring,
  fields: readonly EncryptedField[],
  onProgress: (p: RotationProgress) => void = () => {},
): Promise<RotationResult> {
  const newKeyId = await keyring.createDataKey('encrypt');
  const reencrypted: Record<string, number> = {};
  for (let pass = 0; pass < 10; pass++) {
    let changed = 0;
    for (const field of fields) {
      const name = fieldContext(field);
      const n = await reencryptField(db, keyring, field, newKeyId, (count) =>
        onProgress({ field: name, reencrypted: count }),
      );
      reencrypted[name] = (reencrypted[name] ?? 0) + n;
      changed += n;
    }
    if (changed === 0) break;
  }
  const retired = await db
    .updateTable('encryption_keys')
    .set({ state: 'retired' })
    .where('purpose', '=', 'encrypt')
    .where('state', '=', 'retiring')
    .returning('id')
    .execute();
  return { newKeyId, reencrypted, retiredKeys: retired.map((r) => r.id) };
}

async function reencryptField(
  db: Db,
  keyring: Keyring,
  field: EncryptedField,
  keyId: string,
  onBatch: (total: number) => void,
): Promise<number> {
  const context = fieldContext(field);
  const current = `enc:v1:${keyId}:`;
  const value = sql.ref(field.column);
  const stale =
    field.storage === 'text'
      ? sql<boolean>`${value} is not null and left(${value}, ${current.length}) <> ${current}`
      : sql<boolean>`${value} is not null and substring(${value} from 1 for ${current.length}) <> convert_to(${current}, 'UTF8')`;
  let total = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const rows = await sql<{ k: string; v: string | Buffer }>`
        select ${sql.ref(field.key)} as k, ${value} as v from ${sql.table(field.table)}
        where ${stale} limit ${BATCH} for update skip locked`.execute(trx);
      for (const row of rows.rows) {
        const next =
          typeof row.v === 'string'
            ? keyring.encrypt(await keyring.decrypt(row.v, context), context)
            : keyring.encryptBytes(await keyring.decryptBytes(Buffer.from(row.v), context), context);
        await sql`update ${sql.table(field.table)} set ${value} = ${next} where ${sql.ref(field.key)} = ${row.k}`.execute(
          trx,
        );
      }
      return rows.rows.length;
    });
    total += count;
    onBatch(total);
    if (count < BATCH) return total;
  }
}
