/**
 * A column holding values sealed by the keyring. Modules declare theirs (in src/modules.ts) so that
 * `accord keys rotate` can re-encrypt them without knowing the module.
 */
export interface EncryptedField {
  readonly table: string;
  /** The primary-key column, used to update rows one batch at a time. */
  readonly key: string;
  readonly column: string;
  /** `text` for `enc:v1:` strings, `bytea` for sealed documents. */
  readonly storage: 'text' | 'bytea';
}

/** The context string bound into each value: a value copied to another column will not decrypt. */
export const fieldContext = (field: Pick<EncryptedField, 'table' | 'column'>) => `${field.table}.${field.column}`;
