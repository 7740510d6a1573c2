import { parseIdentifier } from './identifier.ts';
import { type Issues, at, isPlainObject, kindOf, own, show, type JsonObject } from './issues.ts';
import { EXTENSION_TYPES } from './meta-rules.ts';
import { isSpecType } from './object-types.ts';

/**
 * The `extensions` common property (sections 3.2, 7.3): a non-empty dictionary whose values are
 * non-empty objects. Keys naming an extension definition must be valid `extension-definition--<UUID>`
 * identifiers, and such extensions must state an `extension_type` from extension-type-enum.
 */

const KEY_RE = /^[a-zA-Z0-9_-]{1,250}$/;
const NEW_OBJECT_KINDS: Readonly<Record<string, 'sdo' | 'sco' | 'sro'>> = {
  'new-sdo': 'sdo',
  'new-sco': 'sco',
  'new-sro': 'sro',
};

/** The kind of object an extension declares this object to be (`new-sdo`, ...), if any. */
export function declaredObjectKind(o: JsonObject): 'sdo' | 'sco' | 'sro' | null {
  const extensions = own(o, 'extensions');
  if (!isPlainObject(extensions)) return null;
  for (const [key, value] of Object.entries(extensions)) {
    if (!key.startsWith('extension-definition--') || !isPlainObject(value)) continue;
    const kind = NEW_OBJECT_KINDS[String(own(value, 'extension_type'))];
    if (kind) return kind;
  }
  return null;
}

export function checkExtensions(o: JsonObject, type: string, out: Issues): void {
  const extensions = own(o, 'extensions');
  if (extensions === undefined) return;
  const base = '/extensions';
  if (!isPlainObject(extensions)) {
    out.add(base, `extensions must be a dictionary (got ${kindOf(extensions)})`);
    return;
  }
  if (Object.keys(extensions).length === 0) out.add(base, 'extensions must not be an empty dictionary');
  for (const [key, value] of Object.entries(extensions)) {
    const path = at(base, key);
    const isDefinitionKey = key.startsWith('extension-definition--');
    if (isDefinitionKey && parseIdentifier(key)?.type !== 'extension-definition') {
      out.add(path, `extensions key ${show(key)} is not a valid extension-definition identifier`);
    } else if (!KEY_RE.test(key)) {
      out.add(path, `extensions key ${show(key)} must be at most 250 characters of a-z, A-Z, 0-9, '-' or '_'`);
    }
    if (!isPlainObject(value)) {
      out.add(path, `the ${key} extension must be an object (got ${kindOf(value)})`);
      continue;
    }
    if (Object.keys(value).length === 0) out.add(path, `the ${key} extension must not be empty`);
    const extensionType = own(value, 'extension_type');
    const typePath = at(path, 'extension_type');
    if (extensionType === undefined) {
      if (isDefinitionKey)
        out.add(typePath, 'extension_type is required for extensions defined by an extension-definition');
      continue;
    }
    if (typeof extensionType !== 'string' || !(EXTENSION_TYPES as readonly string[]).includes(extensionType)) {
      out.add(typePath, `extension_type must be one of ${EXTENSION_TYPES.join(', ')} (got ${show(extensionType)})`);
      continue;
    }
    if (NEW_OBJECT_KINDS[extensionType] && isSpecType(type)) {
      out.add(
        typePath,
        `extension_type ${extensionType} cannot be used on a ${type}: standard object types must not be redefined`,
      );
    }
  }
}
