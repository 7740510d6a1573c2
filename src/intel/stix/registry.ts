import { declaredObjectKind } from './extensions.ts';
import type { JsonObject } from './issues.ts';
import { MARKING_RULE } from './marking.ts';
import { META_RULES } from './meta-rules.ts';
import type { TypeRule } from './rule.ts';
import { SCO_RULES } from './sco-rules.ts';
import { SDO_RULES } from './sdo-rules.ts';
import { SRO_RULES } from './sro-rules.ts';

/** Maps an object type to its rule (a Map, so names like `constructor` never hit Object.prototype). */
const RULES: ReadonlyMap<string, TypeRule> = new Map(
  Object.entries({ ...SDO_RULES, ...SRO_RULES, ...SCO_RULES, ...META_RULES, 'marking-definition': MARKING_RULE }),
);

const EXTENSION_OBJECT: Readonly<Record<'sdo' | 'sco' | 'sro', TypeRule>> = {
  sdo: { category: 'sdo', props: {} },
  sco: { category: 'sco', props: {} },
  sro: { category: 'sro', props: {} },
};

const CUSTOM: TypeRule = { category: 'custom', props: {} };

/**
 * The rule for a type. Specification types have their own rule. Other types are accepted when an
 * extension declares them (`extension_type` new-sdo / new-sco / new-sro, section 7.3), which then
 * get that kind's common-property rules, or when they use the `x-` custom-object prefix
 * (section 11.2), which only get the common checks.
 */
export function ruleFor(type: string, o: JsonObject): TypeRule | { problem: string } {
  const known = RULES.get(type);
  if (known) return known;
  const declared = declaredObjectKind(o);
  if (declared) return EXTENSION_OBJECT[declared];
  if (type.startsWith('x-')) return CUSTOM;
  return {
    problem: `unknown object type '${type}'; custom types must start with x- (or be declared by an extension-definition with extension_type new-sdo, new-sco or new-sro)`,
  };
}
