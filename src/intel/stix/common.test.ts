import { describe, expect, it } from 'vitest';
import { expectAccepted, expectRejected, issuesOf, withProps } from './fixtures/expect.ts';
import { COURSE, DOMAIN, INDICATOR, MALWARE } from './fixtures/samples.ts';
import { validateStixObject } from './validate-object.ts';

const EXT = 'extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e';

describe('what counts as an object', () => {
  it.each([
    [null, 'null'],
    [[], 'a list'],
    ['indicator', 'a string ("indicator")'],
    [42, 'a number (42)'],
    [undefined, 'a undefined'],
  ])('refuses %j', (value, kind) => {
    expect(validateStixObject(value)).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message:
            kind === 'a undefined'
              ? 'a undefined is not a JSON value'
              : `a STIX object must be a JSON object (got ${kind})`,
        },
      ],
    });
  });

  it('reports id and type of a rejected object', () => {
    const result = validateStixObject(withProps(INDICATOR, { pattern: '' }));
    expect(result).toMatchObject({ ok: false, id: INDICATOR.id, type: 'indicator' });
  });

  it('returns the input object itself when accepted', () => {
    const result = validateStixObject(INDICATOR);
    expect(result.ok && result.object).toBe(INDICATOR);
  });
});

describe('type', () => {
  it('is required and must be a valid type name', () => {
    expectRejected(withProps(INDICATOR, { type: undefined }), '/type', 'type is required');
    expectRejected(withProps(INDICATOR, { type: 7 }), '/type', 'type must be a string (got a number (7))');
    expectRejected(
      withProps(INDICATOR, { type: 'In-dicator' }),
      '/type',
      'type "In-dicator" may only contain lowercase ASCII letters, digits and hyphens',
    );
    expectRejected(
      withProps(INDICATOR, { type: 'x--a' }),
      '/type',
      'type "x--a" must not contain two consecutive hyphens',
    );
  });

  it('refuses unknown types that are neither x- custom nor declared by an extension', () => {
    const obj = { type: 'foo', id: 'foo--e2e1a340-4415-4ba8-9671-f7343fbf0836' };
    expectRejected(obj, '/type', /^unknown object type 'foo'; custom types must start with x-/);
    expectRejected(
      { type: 'constructor', id: 'constructor--e2e1a340-4415-4ba8-9671-f7343fbf0836' },
      '/type',
      /unknown object type 'constructor'/,
    );
  });

  it('refuses a bundle given as an object', () => {
    expectRejected(
      { type: 'bundle', id: 'bundle--e2e1a340-4415-4ba8-9671-f7343fbf0836' },
      '/type',
      'a bundle is not a STIX object; validate it with validateBundle',
    );
  });

  it('accepts x- custom objects with only the common checks', () => {
    expectAccepted({
      type: 'x-acme-widget',
      id: 'x-acme-widget--e2e1a340-4415-4ba8-9671-f7343fbf0836',
      x_acme_size: 3,
    });
    expectRejected({ type: 'x-acme-widget', id: 'x-acme-widget--nope' }, '/id', /must end in an RFC 4122 UUID/);
    expectRejected(
      { type: 'x-acme-widget', id: 'x-acme-widget--e2e1a340-4415-4ba8-9671-f7343fbf0836', spec_version: '2.0' },
      '/spec_version',
      'spec_version must be "2.1" (got "2.0")',
    );
  });

  it('accepts extension-declared object types with the rules of their kind', () => {
    const sdo = {
      type: 'my-favorite-sdo',
      spec_version: '2.1',
      id: 'my-favorite-sdo--ac97aae4-83f1-46ca-a351-7aeb76678189',
      created: '2014-02-20T09:16:08.989Z',
      modified: '2014-02-20T09:16:08.989Z',
      extensions: { [EXT]: { extension_type: 'new-sdo' } },
    };
    expectAccepted(sdo);
    expectRejected(
      withProps(sdo, { modified: undefined }),
      '/modified',
      'modified is required for my-favorite-sdo objects',
    );
    expectRejected(
      withProps(INDICATOR, { extensions: { [EXT]: { extension_type: 'new-sdo' } } }),
      `/extensions/${EXT}/extension_type`,
      /cannot be used on a indicator/,
    );
  });
});

describe('spec_version and id', () => {
  it('requires spec_version "2.1" on SDOs; SCOs may omit it', () => {
    expectRejected(
      withProps(INDICATOR, { spec_version: undefined }),
      '/spec_version',
      'spec_version is required for indicator objects',
    );
    expectRejected(
      withProps(INDICATOR, { spec_version: '2.0' }),
      '/spec_version',
      'spec_version must be "2.1" (got "2.0")',
    );
    expectAccepted(withProps(DOMAIN, { spec_version: undefined }));
    expectRejected(withProps(DOMAIN, { spec_version: 2.1 }), '/spec_version', 'spec_version must be "2.1" (got 2.1)');
  });

  it('requires an id of the object own type followed by a UUID', () => {
    expectRejected(withProps(INDICATOR, { id: undefined }), '/id', 'id is required for indicator objects');
    expectRejected(
      withProps(INDICATOR, { id: MALWARE.id }),
      '/id',
      `id "${MALWARE.id}" must start with "indicator--" to match the object's type`,
    );
    expectRejected(
      withProps(INDICATOR, { id: 'indicator--1234' }),
      '/id',
      'id "indicator--1234" must end in an RFC 4122 UUID (8-4-4-4-12 hexadecimal digits)',
    );
    expectRejected(withProps(DOMAIN, { id: 42 }), '/id', 'id must be a string (got a number (42))');
  });
});

describe('created and modified', () => {
  it('must be UTC timestamps with at least millisecond precision', () => {
    expectRejected(
      withProps(INDICATOR, { created: '2016-01-01T00:00:00Z', modified: '2016-01-01T00:00:00Z' }),
      '/created',
      'created (2016-01-01T00:00:00Z) must be precise to at least the millisecond (three fractional digits)',
    );
    expectRejected(
      withProps(INDICATOR, { modified: '2024-01-26 21:28:21.013Z' }),
      '/modified',
      'modified ("2024-01-26 21:28:21.013Z") is not an RFC 3339 UTC timestamp of the form YYYY-MM-DDTHH:mm:ss[.s+]Z',
    );
    expectRejected(
      withProps(INDICATOR, { created: '2016-13-01T00:00:00.000Z' }),
      '/created',
      'created ("2016-13-01T00:00:00.000Z") has month 13, which does not exist',
    );
    expectRejected(
      withProps(INDICATOR, { created: 1453417200000 }),
      '/created',
      'created must be a timestamp string (got a number (1453417200000))',
    );
    expectAccepted(
      withProps(INDICATOR, { created: '2024-01-26T21:28:21.013109Z', modified: '2024-01-26T21:28:21.0131091Z' }),
    );
  });

  it('modified must not be earlier than created', () => {
    expectRejected(
      withProps(INDICATOR, { created: '2021-01-01T00:00:00.000Z', modified: '2020-12-31T23:59:59.999Z' }),
      '/modified',
      'modified (2020-12-31T23:59:59.999Z) must be later than or equal to created (2021-01-01T00:00:00.000Z)',
    );
  });
});

describe('optional common properties', () => {
  it('created_by_ref is an identity identifier', () => {
    expectRejected(
      withProps(INDICATOR, { created_by_ref: MALWARE.id }),
      '/created_by_ref',
      'created_by_ref must reference an object of type identity (got malware)',
    );
    expectRejected(
      withProps(INDICATOR, { created_by_ref: 'Amnesty' }),
      '/created_by_ref',
      'created_by_ref "Amnesty" is not a valid STIX identifier (<object-type>--<UUID>)',
    );
  });

  it('revoked, labels, confidence and lang have their types', () => {
    expectRejected(
      withProps(INDICATOR, { revoked: 'true' }),
      '/revoked',
      'revoked must be true or false (got a string ("true"))',
    );
    expectRejected(withProps(INDICATOR, { labels: [] }), '/labels', 'labels must not be an empty list');
    expectRejected(
      withProps(INDICATOR, { labels: ['a', 1] }),
      '/labels/1',
      'labels entries must be strings (got a number (1))',
    );
    expectRejected(
      withProps(INDICATOR, { confidence: 101 }),
      '/confidence',
      'confidence must be between 0 and 100 (got 101)',
    );
    expectRejected(
      withProps(INDICATOR, { confidence: 50.5 }),
      '/confidence',
      'confidence must be an integer (got a number (50.5))',
    );
    expectRejected(
      withProps(INDICATOR, { lang: 'english language' }),
      '/lang',
      'lang "english language" is not an RFC 5646 language code',
    );
    expectAccepted(withProps(INDICATOR, { revoked: true, labels: ['apt'], confidence: 0, lang: 'de-CH' }));
  });

  it('external references need source_name plus description, url or external_id', () => {
    expectRejected(
      withProps(INDICATOR, { external_references: [{ url: 'https://x.example' }] }),
      '/external_references/0/source_name',
      'source_name is required in an external reference',
    );
    expectRejected(
      withProps(INDICATOR, { external_references: [{ source_name: 'amnesty' }] }),
      '/external_references/0',
      'an external reference needs at least one of description, url or external_id besides source_name',
    );
    expectRejected(
      withProps(INDICATOR, {
        external_references: [{ source_name: 'x', url: 'https://x.example/a', hashes: { 'SHA-256': 'abc' } }],
      }),
      '/external_references/0/hashes/SHA-256',
      'SHA-256 hash must be 64 hex digits (got 3)',
    );
    expectRejected(
      withProps(INDICATOR, { external_references: [] }),
      '/external_references',
      'external_references must not be an empty list',
    );
  });

  it('object_marking_refs are marking-definition identifiers', () => {
    expectRejected(
      withProps(INDICATOR, { object_marking_refs: [MALWARE.id] }),
      '/object_marking_refs/0',
      'object_marking_refs entry must reference an object of type marking-definition (got malware)',
    );
  });

  it('defanged is for SCOs only', () => {
    expectRejected(
      withProps(INDICATOR, { defanged: true }),
      '/defanged',
      'defanged must not be used on indicator objects (only on SCOs)',
    );
    expectAccepted(withProps(DOMAIN, { defanged: true }));
    expectRejected(
      withProps(DOMAIN, { defanged: 'yes' }),
      '/defanged',
      'defanged must be true or false (got a string ("yes"))',
    );
  });
});

describe('granular markings', () => {
  const marked = (markings: unknown) => withProps(INDICATOR, { labels: ['a', 'b'], granular_markings: markings });
  const green = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';

  it('accept selectors that resolve', () => {
    expectAccepted(
      marked([
        { marking_ref: green, selectors: ['pattern', 'labels.[1]', 'labels'] },
        { lang: 'en', selectors: ['pattern'] },
      ]),
    );
  });

  it('need exactly one of marking_ref or lang', () => {
    expectRejected(
      marked([{ selectors: ['pattern'] }]),
      '/granular_markings/0',
      'a granular marking must have exactly one of marking_ref or lang',
    );
    expectRejected(
      marked([{ selectors: ['pattern'], lang: 'en', marking_ref: green }]),
      '/granular_markings/0',
      'a granular marking must have exactly one of marking_ref or lang',
    );
    expectRejected(
      marked([{ selectors: ['pattern'], marking_ref: MALWARE.id }]),
      '/granular_markings/0/marking_ref',
      'marking_ref must reference an object of type marking-definition (got malware)',
    );
  });

  it('need selectors that select content present in the object', () => {
    expectRejected(
      marked([{ marking_ref: green }]),
      '/granular_markings/0/selectors',
      'selectors is required in a granular marking',
    );
    expectRejected(
      marked([{ marking_ref: green, selectors: [] }]),
      '/granular_markings/0/selectors',
      'selectors must not be an empty list',
    );
    expectRejected(
      marked([{ marking_ref: green, selectors: ['name'] }]),
      '/granular_markings/0/selectors/0',
      'selector "name" names "name", which is not present',
    );
    expectRejected(
      marked([{ marking_ref: green, selectors: ['labels.[2]'] }]),
      '/granular_markings/0/selectors/0',
      'selector "labels.[2]" uses [2] but labels has only 2 entries',
    );
    expectRejected(
      marked([{ marking_ref: green, selectors: ['pattern.[0]'] }]),
      '/granular_markings/0/selectors/0',
      'selector "pattern.[0]" uses [0] but pattern is not a list',
    );
    expectRejected(
      marked([{ marking_ref: green, selectors: ['labels.name'] }]),
      '/granular_markings/0/selectors/0',
      'selector "labels.name" names "name" but labels is not an object',
    );
  });
});

describe('extensions', () => {
  it('is a non-empty dictionary of non-empty objects', () => {
    expectRejected(
      withProps(INDICATOR, { extensions: {} }),
      '/extensions',
      'extensions must not be an empty dictionary',
    );
    expectRejected(
      withProps(INDICATOR, { extensions: [] }),
      '/extensions',
      'extensions must be a dictionary (got a list)',
    );
    expectRejected(
      withProps(INDICATOR, { extensions: { [EXT]: 'x' } }),
      `/extensions/${EXT}`,
      `the ${EXT} extension must be an object (got a string ("x"))`,
    );
  });

  it('definition-based extensions need a valid key and an extension_type from the enumeration', () => {
    expectRejected(
      withProps(INDICATOR, { extensions: { 'extension-definition--nope': { extension_type: 'property-extension' } } }),
      '/extensions/extension-definition--nope',
      'extensions key "extension-definition--nope" is not a valid extension-definition identifier',
    );
    expectRejected(
      withProps(INDICATOR, { extensions: { [EXT]: { rank: 5 } } }),
      `/extensions/${EXT}/extension_type`,
      'extension_type is required for extensions defined by an extension-definition',
    );
    expectRejected(
      withProps(INDICATOR, { extensions: { [EXT]: { extension_type: 'property' } } }),
      `/extensions/${EXT}/extension_type`,
      /^extension_type must be one of new-sdo, new-sco, new-sro, property-extension, toplevel-property-extension \(got "property"\)$/,
    );
  });
});

describe('property names', () => {
  it('accepts custom properties of 3-250 characters a-z, 0-9 and _', () => {
    expectAccepted(withProps(INDICATOR, { x_acme_org_score: 10, acme_flag: true }));
  });

  it('refuses other custom property names', () => {
    expectRejected(
      withProps(INDICATOR, { 'X-Score': 1 }),
      '/X-Score',
      'property name "X-Score" is invalid: custom property names must be 3-250 characters of a-z, 0-9 and _',
    );
    expectRejected(withProps(INDICATOR, { xs: 1 }), '/xs', /custom property names must be 3-250 characters/);
  });

  it('refuses the reserved names of section 3.8', () => {
    for (const name of ['severity', 'username', 'phone_number']) {
      expectRejected(
        withProps(INDICATOR, { [name]: 'x' }),
        `/${name}`,
        `property "${name}" is reserved by STIX 2.1 (section 3.8) and must not be used`,
      );
    }
    expectRejected(
      withProps(COURSE, { action: {} }),
      '/action',
      'property "action" is reserved by STIX 2.1 (section 3.8) and must not be used',
    );
  });

  it('refuses __proto__ keys before anything else', () => {
    const parsed: unknown = JSON.parse(JSON.stringify(INDICATOR).replace(/}$/, ',"__proto__":{"isAdmin":true}}'));
    expect(issuesOf(parsed)).toEqual([{ path: '/__proto__', message: 'property name "__proto__" is not accepted' }]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
