import { checkOrder } from './cross-checks.ts';
import { checkExtensions } from './extensions.ts';
import { checkExternalReferences } from './external-reference.ts';
import { checkGranularMarkings } from './granular.ts';
import { isUuid } from './identifier.ts';
import { type Issues, at, has, isPlainObject, kindOf, own, show, type JsonObject } from './issues.ts';
import { isLanguageTag } from './language-tag.ts';
import { checkProp, checkProps, checkTimestamp } from './prop-checks.ts';
import { bool, int, ref, refs, strList, type PropTable } from './props.ts';
import type { Category, TypeRule } from './rule.ts';

/** The common properties (section 3.2), reserved names (3.8) and custom property names (11.1). */

export const COMMON_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  'type',
  'spec_version',
  'id',
  'created_by_ref',
  'created',
  'modified',
  'revoked',
  'labels',
  'confidence',
  'lang',
  'external_references',
  'object_marking_refs',
  'granular_markings',
  'defanged',
  'extensions',
]);

/** Section 3.8: reserved across all STIX Objects. */
export const RESERVED_PROPERTY_NAMES: ReadonlySet<string> = new Set(['severity', 'username', 'phone_number', 'action']);

const CUSTOM_NAME_RE = /^[a-z0-9_]{3,250}$/;
const VERSIONED = ['spec_version', 'id', 'created', 'modified'];

/** Common properties each kind of object must carry (section 3.2 table and each object's table). */
const REQUIRED_COMMON: Readonly<Record<Category, readonly string[]>> = {
  sdo: VERSIONED,
  sro: VERSIONED,
  'language-content': VERSIONED,
  'extension-definition': [...VERSIONED, 'created_by_ref'],
  marking: ['spec_version', 'id', 'created'],
  sco: ['id'],
  custom: ['id'],
};

function checkId(o: JsonObject, type: string, out: Issues) {
  const id = own(o, 'id');
  if (id === undefined) return;
  if (typeof id !== 'string') {
    out.add('/id', `id must be a string (got ${kindOf(id)})`);
  } else if (!id.startsWith(`${type}--`)) {
    out.add('/id', `id ${show(id)} must start with "${type}--" to match the object's type`);
  } else if (!isUuid(id.slice(type.length + 2))) {
    out.add('/id', `id ${show(id)} must end in an RFC 4122 UUID (8-4-4-4-12 hexadecimal digits)`);
  }
}

/** Marking definitions must not mark themselves (section 3.2, object_marking_refs / granular_markings). */
function checkSelfMarking(o: JsonObject, out: Issues) {
  const id = own(o, 'id');
  const omr = own(o, 'object_marking_refs');
  if (Array.isArray(omr)) {
    omr.forEach((r, i) => {
      if (r === id)
        out.add(at('/object_marking_refs', i), 'a marking definition must not reference itself (circular reference)');
    });
  }
  const gm = own(o, 'granular_markings');
  if (Array.isArray(gm)) {
    gm.forEach((m, i) => {
      if (isPlainObject(m) && own(m, 'marking_ref') === id) {
        out.add(
          at(at('/granular_markings', i), 'marking_ref'),
          'a marking definition must not reference itself (circular reference)',
        );
      }
    });
  }
}

function checkPropertyNames(o: JsonObject, rule: TypeRule, out: Issues) {
  for (const key of Object.keys(o)) {
    // The path is built only for a name that is refused: this loop sees every property of every object.
    if (RESERVED_PROPERTY_NAMES.has(key)) {
      out.add(at('', key), `property ${show(key)} is reserved by STIX 2.1 (section 3.8) and must not be used`);
    } else if (!COMMON_PROPERTY_NAMES.has(key) && !has(rule.props, key) && !CUSTOM_NAME_RE.test(key)) {
      out.add(
        at('', key),
        `property name ${show(key)} is invalid: custom property names must be 3-250 characters of a-z, 0-9 and _`,
      );
    }
  }
}

// The specs of the plainer common properties, made once rather than for every object checked.
const SIMPLE_COMMON: PropTable = {
  created_by_ref: ref('identity'),
  revoked: bool(),
  labels: strList(),
  confidence: int(0, 100),
};
const MARKING_REFS = refs('marking-definition');
const DEFANGED = bool();

export function checkCommon(o: JsonObject, type: string, rule: TypeRule, out: Issues): void {
  for (const name of REQUIRED_COMMON[rule.category]) {
    if (!has(o, name)) out.add(at('', name), `${name} is required for ${type} objects`);
  }
  const specVersion = own(o, 'spec_version');
  if (specVersion !== undefined && specVersion !== '2.1') {
    out.add('/spec_version', `spec_version must be "2.1" (got ${show(specVersion)})`);
  }
  checkId(o, type, out);
  let timesValid = true;
  for (const name of ['created', 'modified']) {
    if (has(o, name)) timesValid = checkTimestamp(own(o, name), at('', name), name, true, out) && timesValid;
  }
  if (timesValid) checkOrder(o, 'created', 'modified', false, out);
  // None of these is required, so the table check is exactly "check each one that is present".
  checkProps(SIMPLE_COMMON, o, '', out);
  if (has(o, 'lang') && !isLanguageTag(own(o, 'lang'))) {
    out.add('/lang', `lang ${show(own(o, 'lang'))} is not an RFC 5646 language code`);
  }
  if (has(o, 'external_references')) checkExternalReferences(own(o, 'external_references'), out);
  if (has(o, 'object_marking_refs')) {
    checkProp('object_marking_refs', MARKING_REFS, own(o, 'object_marking_refs'), '/object_marking_refs', out);
  }
  checkGranularMarkings(o, out);
  if (rule.category === 'marking') checkSelfMarking(o, out);
  checkExtensions(o, type, out);
  if (has(o, 'defanged')) {
    if (rule.category !== 'sco' && rule.category !== 'custom') {
      out.add('/defanged', `defanged must not be used on ${type} objects (only on SCOs)`);
    } else {
      checkProp('defanged', DEFANGED, own(o, 'defanged'), '/defanged', out);
    }
  }
  checkPropertyNames(o, rule, out);
}
