import { createHash } from 'node:crypto';

/** Accord's namespace for the name-based ids of objects the importers build (a random UUID, fixed for good). */
export const IMPORTER_NAMESPACE = '5c0f3a7e-9b2d-4c61-a8e4-f0d2b7c9e315';

/**
 * `created`, `modified` and `valid_from` of objects built from sources that carry no dates (plain lists, actor names):
 * fixed, so that importing the same list again yields the same versions instead of new ones.
 */
export const UNDATED = '2000-01-01T00:00:00.000Z';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (text: unknown): text is string => typeof text === 'string' && UUID.test(text);

/**
 * A name-based version 5 UUID (RFC 9562, section 5.5: SHA-1 over the namespace's 16 bytes and the name's UTF-8).
 *
 * @example uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8') // '2ed6657d-e927-568b-95e1-2665a8aea6a2'
 */
export function uuidV5(name: string, namespace: string = IMPORTER_NAMESPACE): string {
  if (!isUuid(namespace)) throw new TypeError(`the namespace ${namespace} is not a UUID`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The STIX id of a generated object, derived from what identifies it (an indicator's pattern, an actor's name in
 * lower case, a relationship's type and ends): the same input always gives the same id, so re-imports add nothing.
 *
 * @example deterministicId('indicator', "[domain-name:value = 'evil.example']")
 */
export function deterministicId(type: string, name: string): string {
  return `${type}--${uuidV5(`${type}|${name}`)}`;
}
