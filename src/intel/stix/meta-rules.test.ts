import { describe, it } from 'vitest';
import { expectAccepted, expectRejected, withProps } from './fixtures/expect.ts';
import { SPEC_META_EXAMPLES } from './fixtures/spec-other-examples.ts';

const meta = (section: string, index: number): object => {
  const found = SPEC_META_EXAMPLES[section]?.[index];
  if (!found) throw new Error(`no example ${section}[${index}]`);
  return found;
};

describe('language-content (section 7.1)', () => {
  const lc = meta('7.1 language-content', 1);
  it('needs object_ref and contents keyed by language code', () => {
    expectRejected(withProps(lc, { object_ref: undefined }), '/object_ref', 'object_ref is required');
    expectRejected(withProps(lc, { contents: undefined }), '/contents', 'contents is required');
    expectRejected(
      withProps(lc, { contents: { 'not a language': { name: 'x' } } }),
      '/contents/not a language',
      'contents key "not a language" is not an RFC 5646 language code',
    );
    expectRejected(
      withProps(lc, { contents: { de: 'Bank Angriff' } }),
      '/contents/de',
      'contents[de] must be a non-empty object mirroring the translated properties',
    );
    expectRejected(
      withProps(lc, { object_modified: 'yesterday' }),
      '/object_modified',
      /^object_modified \("yesterday"\) is not an RFC 3339/,
    );
  });
});

describe('extension-definition (section 7.3)', () => {
  const def = meta('7.3 extension-definition', 4);
  it('needs created_by_ref, name, schema, version and extension_types', () => {
    expectAccepted(def);
    expectRejected(
      withProps(def, { created_by_ref: undefined }),
      '/created_by_ref',
      'created_by_ref is required for extension-definition objects',
    );
    for (const name of ['name', 'schema', 'version', 'extension_types']) {
      expectRejected(withProps(def, { [name]: undefined }), `/${name}`, `${name} is required`);
    }
  });

  it('extension_types come from extension-type-enum; extension_properties need toplevel-property-extension', () => {
    expectRejected(
      withProps(def, { extension_types: ['new-smo'] }),
      '/extension_types/0',
      /^extension_types entries must be one of new-sdo, new-sco, new-sro/,
    );
    expectRejected(
      withProps(def, { extension_types: ['property-extension'] }),
      '/extension_properties',
      'extension_properties may only be used when extension_types includes toplevel-property-extension',
    );
    expectRejected(
      withProps(def, { extension_properties: ['Rank'] }),
      '/extension_properties/0',
      'extension property name "Rank" must be 3-250 characters of a-z, 0-9 and _',
    );
  });
});
