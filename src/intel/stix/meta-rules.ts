import { type Issues, at, isPlainObject, kindOf, own, show, type JsonObject } from './issues.ts';
import { isLanguageTag } from './language-tag.ts';
import { any, enumList, ref, required, str, strList, ts } from './props.ts';
import type { TypeRule } from './rule.ts';

/** Language content (section 7.1) and extension definitions (section 7.3). */

export const EXTENSION_TYPES = [
  'new-sdo',
  'new-sco',
  'new-sro',
  'property-extension',
  'toplevel-property-extension',
] as const;

function languageContents(o: JsonObject, out: Issues) {
  const contents = own(o, 'contents');
  if (contents === undefined) return;
  if (!isPlainObject(contents) || Object.keys(contents).length === 0) {
    out.add('/contents', `contents must be a non-empty dictionary keyed by language code (got ${kindOf(contents)})`);
    return;
  }
  for (const [lang, translation] of Object.entries(contents)) {
    const path = at('/contents', lang);
    if (!isLanguageTag(lang)) out.add(path, `contents key ${show(lang)} is not an RFC 5646 language code`);
    if (!isPlainObject(translation) || Object.keys(translation).length === 0) {
      out.add(path, `contents[${lang}] must be a non-empty object mirroring the translated properties`);
    }
  }
}

function extensionProperties(o: JsonObject, out: Issues) {
  const types = own(o, 'extension_types');
  const props = own(o, 'extension_properties');
  if (props === undefined) return;
  if (Array.isArray(types) && !types.includes('toplevel-property-extension')) {
    out.add(
      '/extension_properties',
      'extension_properties may only be used when extension_types includes toplevel-property-extension',
    );
  }
  if (!Array.isArray(props)) return;
  props.forEach((name, i) => {
    if (typeof name === 'string' && !/^[a-z0-9_]{3,250}$/.test(name)) {
      out.add(
        at('/extension_properties', i),
        `extension property name ${show(name)} must be 3-250 characters of a-z, 0-9 and _`,
      );
    }
  });
}

export const META_RULES: Readonly<Record<string, TypeRule>> = {
  'language-content': {
    category: 'language-content',
    props: { object_ref: required(ref()), object_modified: ts(), contents: required(any()) },
    check: languageContents,
  },
  'extension-definition': {
    category: 'extension-definition',
    props: {
      name: required(str()),
      description: str(),
      schema: required(str({ nonEmpty: true })),
      version: required(str({ nonEmpty: true })),
      extension_types: required(enumList(...EXTENSION_TYPES)),
      extension_properties: strList(),
    },
    check: extensionProperties,
  },
};
