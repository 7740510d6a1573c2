import type { Issues, JsonObject } from './issues.ts';
import type { PropTable } from './props.ts';
import type { ValidationContext } from './types.ts';

/**
 * How the common properties apply (section 3.2 table): `custom` covers `x-` types and types declared by
 * an extension definition whose kind is unknown.
 */
export type Category = 'sdo' | 'sro' | 'sco' | 'marking' | 'language-content' | 'extension-definition' | 'custom';

/** Everything the validator knows about one object type. */
export interface TypeRule {
  readonly category: Category;
  /** The type-specific properties (common properties are handled separately). */
  readonly props: PropTable;
  /** Rules relating several properties, run after the property table. */
  readonly check?: (obj: JsonObject, out: Issues, ctx: ValidationContext) => void;
}
