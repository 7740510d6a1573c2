import { type Issues, at, has, isPlainObject, own, show, type JsonObject } from './issues.ts';
import { any, str } from './props.ts';
import type { TypeRule } from './rule.ts';
import { TLP, TLP1_DEFINITION, TLP2_EXTENSION_DEFINITION_ID, tlpMarkingOf } from './tlp.ts';

/**
 * Marking definitions (section 7.2.1). A definition is given either by the deprecated
 * `definition_type` + `definition` pair (statement, tlp, or another type) or by an extension such as
 * TLP 2.0. Only the four predefined TLP 1.0 objects may use `definition_type: "tlp"`, and TLP 2.0
 * markings must use the ids OASIS published for their level.
 */

const TLP2_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;

function checkDefinitionPair(o: JsonObject, out: Issues) {
  const hasType = has(o, 'definition_type');
  const hasDefinition = has(o, 'definition');
  if (!has(o, 'extensions') && !hasType && !hasDefinition) {
    out.add('/definition_type', 'definition_type and definition are required when extensions is absent');
    return;
  }
  if (hasType && !hasDefinition) out.add('/definition', 'definition is required when definition_type is present');
  if (hasDefinition && !hasType) out.add('/definition_type', 'definition_type is required when definition is present');
  const type = own(o, 'definition_type');
  const definition = own(o, 'definition');
  if (typeof type !== 'string' || !isPlainObject(definition)) return;
  if (type === 'statement') {
    const statement = own(definition, 'statement');
    if (typeof statement !== 'string')
      out.add('/definition/statement', 'a statement marking needs definition.statement as a string');
  }
  if (type === 'tlp') checkTlp1(o, definition, out);
}

function checkTlp1(o: JsonObject, definition: JsonObject, out: Issues) {
  const id = own(o, 'id');
  const level = own(definition, 'tlp');
  if (typeof level !== 'string' || !['white', 'green', 'amber', 'red'].includes(level)) {
    out.add('/definition/tlp', `definition.tlp must be one of white, green, amber, red (got ${show(level)})`);
    return;
  }
  const expected = typeof id === 'string' ? TLP1_DEFINITION[id] : undefined;
  if (expected === undefined) {
    out.add(
      '/id',
      `id ${show(id)} is not one of the four predefined TLP marking definitions; other TLP marking definitions must not be created (section 7.2.1.4)`,
    );
  } else if (expected !== level) {
    out.add(
      '/definition/tlp',
      `definition.tlp ("${level}") does not match the predefined TLP:${expected.toUpperCase()} marking definition ${String(id)}`,
    );
  }
}

function checkTlp2(o: JsonObject, out: Issues) {
  const extensions = own(o, 'extensions');
  if (!isPlainObject(extensions) || !has(extensions, TLP2_EXTENSION_DEFINITION_ID)) return;
  const base = at('/extensions', TLP2_EXTENSION_DEFINITION_ID);
  const ext = own(extensions, TLP2_EXTENSION_DEFINITION_ID);
  if (!isPlainObject(ext)) return; // reported by the common extensions check
  if (own(ext, 'extension_type') !== 'property-extension') {
    out.add(at(base, 'extension_type'), 'the TLP 2.0 extension must have extension_type "property-extension"');
  }
  const level = own(ext, 'tlp_2_0');
  if (typeof level !== 'string' || !(TLP2_LEVELS as readonly string[]).includes(level)) {
    out.add(at(base, 'tlp_2_0'), `tlp_2_0 must be one of ${TLP2_LEVELS.join(', ')} (got ${show(level)})`);
    return;
  }
  const published = Object.values(TLP).find((m) => m.version === '2.0' && m.level === level);
  if (!published) return;
  const id = own(o, 'id');
  if (id !== published.id) {
    out.add('/id', `a TLP 2.0 ${level} marking must use the published id ${published.id} (got ${show(id)})`);
  }
  const name = own(o, 'name');
  if (name !== undefined && name !== published.name) {
    out.add('/name', `name must be "${published.name}" for the TLP 2.0 ${level} marking (got ${show(name)})`);
  }
}

/** A standard TLP id used with some other kind of definition would forge that marking. */
function checkTlpIdUse(o: JsonObject, out: Issues) {
  const id = own(o, 'id');
  const tlp = typeof id === 'string' ? tlpMarkingOf(id) : null;
  if (!tlp) return;
  if (tlp.version === '1.0' && own(o, 'definition_type') !== 'tlp') {
    out.add('/definition_type', `${tlp.name} (${tlp.id}) must have definition_type "tlp"`);
  }
  const extensions = own(o, 'extensions');
  if (tlp.version === '2.0' && (!isPlainObject(extensions) || !has(extensions, TLP2_EXTENSION_DEFINITION_ID))) {
    out.add('/extensions', `${tlp.name} (${tlp.id}) must carry the TLP 2.0 extension ${TLP2_EXTENSION_DEFINITION_ID}`);
  }
}

export const MARKING_RULE: TypeRule = {
  category: 'marking',
  props: { name: str(), definition_type: str({ nonEmpty: true }), definition: any() },
  check: (o, out) => {
    if (has(o, 'definition') && !isPlainObject(own(o, 'definition'))) {
      out.add('/definition', 'definition must be an object');
    }
    checkDefinitionPair(o, out);
    checkTlp2(o, out);
    checkTlpIdUse(o, out);
  },
};
