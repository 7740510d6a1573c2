import { createHmac, randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { open, seal } from './aes-gcm.ts';

const PREFIX = 'enc:v1:';
const ENCRYPT = 'encrypt';
const INDEX = 'index';

/**
 * Envelope encryption for fields. Data keys live in `encryption_keys`, wrapped by the master key; each
 * stored value names the data key that sealed it (`enc:v1:<keyId>:<base64>`), so several keys can be in use
 * while `accord keys rotate` re-encrypts in the background.
 */
export class Keyring {
  readonly #keys = new Map<string, Buffer>();
  #activeId: string | undefined;
  #indexKey: Buffer | undefined;

  constructor(
    private readonly db: Executor,
    private readonly masterKey: Buffer,
  ) {}

  /** Loads the data keys, creating the first ones on a new database. */
  async load(): Promise<void> {
    await this.refresh();
    if (!this.#activeId) await this.createDataKey(ENCRYPT);
    if (!this.#indexKey) await this.createDataKey(INDEX);
    await this.refresh();
  }

  /** Re-reads the key table: picks up a rotation done by another process. */
  async refresh(): Promise<void> {
    const rows = await this.db.selectFrom('encryption_keys').selectAll().orderBy('created_at').execute();
    this.#activeId = undefined;
    for (const row of rows) {
      const key = open(this.masterKey, Buffer.from(row.wrapped_key, 'base64'), `encryption_keys:${row.id}`);
      this.#keys.set(row.id, key);
      if (row.purpose === ENCRYPT && row.state === 'active') this.#activeId = row.id;
      if (row.purpose === INDEX && row.state === 'active') this.#indexKey = key;
    }
  }

  /** Creates a new data key; an encryption key becomes the active one and the others are marked retiring. */
  async createDataKey(purpose: typeof ENCRYPT | typeof INDEX): Promise<string> {
    const id = `${purpose === ENCRYPT ? 'k' : 'i'}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const key = randomBytes(32);
    const wrapped = seal(this.masterKey, key, `encryption_keys:${id}`).toString('base64');
    // The index key is created once and never rotated: rotating it would orphan every blind index.
    if (purpose === ENCRYPT) {
      await this.db
        .updateTable('encryption_keys')
        .set({ state: 'retiring' })
        .where('purpose', '=', ENCRYPT)
        .where('state', '=', 'active')
        .execute();
    }
    await this.db
      .insertInto('encryption_keys')
      .values({ id, purpose, wrapped_key: wrapped, state: 'active' })
      .execute();
    this.#keys.set(id, key);
    if (purpose === ENCRYPT) this.#activeId = id;
    else this.#indexKey ??= key;
    return id;
  }

  get activeKeyId(): string {
    if (!this.#activeId) throw new Error('keyring not loaded');
    return this.#activeId;
  }

  /** Encrypts `plaintext`; `context` (e.g. `users.totp_secret`) must be given again to decrypt. */
  encrypt(plaintext: string, context: string): string {
    const id = this.activeKeyId;
    const sealed = seal(this.#keys.get(id)!, Buffer.from(plaintext, 'utf8'), context);
    return `${PREFIX}${id}:${sealed.toString('base64')}`;
  }

  encryptBytes(plaintext: Buffer, context: string): Buffer {
    const id = this.activeKeyId;
    return Buffer.concat([Buffer.from(`${PREFIX}${id}:`), seal(this.#keys.get(id)!, plaintext, context)]);
  }

  async decrypt(value: string, context: string): Promise<string> {
    const { keyId, body } = parseEnvelope(value);
    return open(await this.#key(keyId), Buffer.from(body, 'base64'), context).toString('utf8');
  }

  async decryptBytes(value: Buffer, context: string): Promise<Buffer> {
    const end = value.indexOf(':', PREFIX.length);
    const header = value.subarray(0, end + 1).toString('utf8');
    const { keyId } = parseEnvelope(header);
    return open(await this.#key(keyId), value.subarray(end + 1), context);
  }

  /** The key id that sealed a stored value. */
  keyIdOf(value: string | Buffer): string {
    const text = typeof value === 'string' ? value : value.subarray(0, 64).toString('utf8');
    return parseEnvelope(text).keyId;
  }

  /**
   * A keyed hash for equality look-ups on encrypted values (find the cases of one account without
   * decrypting every row). Normalise the value before calling.
   */
  blindIndex(value: string, context: string): string {
    if (!this.#indexKey) throw new Error('keyring not loaded');
    return createHmac('sha256', this.#indexKey).update(context).update('\0').update(value).digest('base64url');
  }

  async #key(id: string): Promise<Buffer> {
    if (!this.#keys.has(id)) await this.refresh();
    const key = this.#keys.get(id);
    if (!key) throw new Error(`unknown data key ${id}`);
    return key;
  }
}

function parseEnvelope(value: string): { keyId: string; body: string } {
  if (!value.startsWith(PREFIX)) throw new Error('not an encrypted value');
  const end = value.indexOf(':', PREFIX.length);
  if (end < 0) throw new Error('malformed encrypted value');
  return { keyId: value.slice(PREFIX.length, end), body: value.slice(end + 1) };
}
