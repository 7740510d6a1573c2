/**
 * A small vocabulary for property tables: each object type lists its properties with one of these
 * specs, and `checkProps` (prop-checks.ts) validates presence and data type (section 2). Cross-property rules live
 * with each type's rule.
 */
export type PropSpec = { required?: boolean } & (
  | { kind: 'string'; nonEmpty?: boolean; pattern?: RegExp; hint?: string }
  | { kind: 'boolean' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'float'; min?: number; max?: number }
  | { kind: 'timestamp' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enumList'; values: readonly string[] }
  | { kind: 'stringList' }
  | { kind: 'ref'; types?: readonly string[] }
  | { kind: 'refList'; types?: readonly string[] }
  | { kind: 'killChain' }
  | { kind: 'hashes' }
  | { kind: 'dictionary'; values?: 'string' | 'stringList' | 'integer' | 'integerOrString' }
  | { kind: 'object' }
  | { kind: 'objectList' }
  | { kind: 'any' }
);

export type PropTable = Readonly<Record<string, PropSpec>>;

export const str = (o: { nonEmpty?: boolean; pattern?: RegExp; hint?: string } = {}): PropSpec => ({
  kind: 'string',
  ...o,
});
export const bool = (): PropSpec => ({ kind: 'boolean' });
export const int = (min?: number, max?: number): PropSpec => ({ kind: 'integer', min, max });
export const float = (min?: number, max?: number): PropSpec => ({ kind: 'float', min, max });
export const ts = (): PropSpec => ({ kind: 'timestamp' });
export const enumOf = (...values: string[]): PropSpec => ({ kind: 'enum', values });
export const enumList = (...values: string[]): PropSpec => ({ kind: 'enumList', values });
export const strList = (): PropSpec => ({ kind: 'stringList' });
export const ref = (...types: string[]): PropSpec => ({ kind: 'ref', types: types.length ? types : undefined });
export const refs = (...types: string[]): PropSpec => ({ kind: 'refList', types: types.length ? types : undefined });
export const killChain = (): PropSpec => ({ kind: 'killChain' });
export const hashes = (): PropSpec => ({ kind: 'hashes' });
export const dict = (values?: 'string' | 'stringList' | 'integer' | 'integerOrString'): PropSpec => ({
  kind: 'dictionary',
  values,
});
export const obj = (): PropSpec => ({ kind: 'object' });
export const objList = (): PropSpec => ({ kind: 'objectList' });
/** A known property whose value is checked by the type's own rule. */
export const any = (): PropSpec => ({ kind: 'any' });
export const required = (spec: PropSpec): PropSpec => ({ ...spec, required: true });
