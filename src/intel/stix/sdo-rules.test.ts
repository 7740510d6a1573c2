import { describe, expect, it, vi } from 'vitest';
import { expectAccepted, expectRejected, issuesOf, withProps } from './fixtures/expect.ts';
import { IDENTITY, INDICATOR, LOCATION, MALWARE, OBSERVED_DATA } from './fixtures/samples.ts';
import { SPEC_SDO_SRO_EXAMPLES } from './fixtures/spec-sdo-examples.ts';

const example = (section: string, index = 0): object => {
  const found = SPEC_SDO_SRO_EXAMPLES[section]?.[index];
  if (!found) throw new Error(`no example ${section}[${index}]`);
  return found;
};

describe('name is required', () => {
  it.each([
    ['4.1 attack-pattern'],
    ['4.2 campaign'],
    ['4.3 course-of-action'],
    ['4.5 identity'],
    ['4.6 incident'],
    ['4.8 infrastructure'],
    ['4.9 intrusion-set'],
    ['4.16 report'],
    ['4.17 threat-actor'],
    ['4.18 tool'],
    ['4.19 vulnerability'],
  ])('for %s', (section) => {
    expectRejected(withProps(example(section), { name: undefined }), '/name', 'name is required');
    expectRejected(withProps(example(section), { name: 5 }), '/name', 'name must be a string (got a number (5))');
  });
});

describe('first_seen / last_seen', () => {
  it.each([['4.2 campaign'], ['4.9 intrusion-set'], ['4.17 threat-actor'], ['4.8 infrastructure']])(
    'are ordered for %s',
    (section) => {
      const obj = withProps(example(section), {
        first_seen: '2020-06-01T00:00:00Z',
        last_seen: '2020-05-31T23:59:59Z',
      });
      expectRejected(
        obj,
        '/last_seen',
        'last_seen (2020-05-31T23:59:59Z) must be later than or equal to first_seen (2020-06-01T00:00:00Z)',
      );
      expectAccepted(withProps(obj, { last_seen: '2020-06-01T00:00:00Z' }));
    },
  );
});

describe('indicator', () => {
  it('needs pattern, pattern_type and valid_from', () => {
    expectRejected(withProps(INDICATOR, { pattern: undefined }), '/pattern', 'pattern is required');
    expectRejected(withProps(INDICATOR, { pattern: '  ' }), '/pattern', 'pattern must be a non-empty string');
    expectRejected(withProps(INDICATOR, { pattern_type: undefined }), '/pattern_type', 'pattern_type is required');
    expectRejected(withProps(INDICATOR, { valid_from: undefined }), '/valid_from', 'valid_from is required');
    expectRejected(
      withProps(INDICATOR, { valid_from: '2021-01-01' }),
      '/valid_from',
      /^valid_from \("2021-01-01"\) is not an RFC 3339/,
    );
  });

  it('valid_until must be later than valid_from', () => {
    expectRejected(
      withProps(INDICATOR, { valid_from: '2021-01-01T00:00:00Z', valid_until: '2020-01-01T00:00:00Z' }),
      '/valid_until',
      'valid_until (2020-01-01T00:00:00Z) must be later than valid_from (2021-01-01T00:00:00Z)',
    );
    expectRejected(
      withProps(INDICATOR, { valid_from: '2021-01-01T00:00:00Z', valid_until: '2021-01-01T00:00:00.000Z' }),
      '/valid_until',
      /must be later than valid_from/,
    );
    expectAccepted(
      withProps(INDICATOR, { valid_from: '2021-01-01T00:00:00Z', valid_until: '2021-01-01T00:00:00.001Z' }),
    );
  });

  it('hands the pattern to the injected checker', () => {
    const checkPattern = vi.fn((pattern: string) =>
      pattern.includes('example') ? "unknown object path 'domain-name:valeu'" : null,
    );
    expectRejected(
      INDICATOR,
      '/pattern',
      "pattern is not a valid stix pattern: unknown object path 'domain-name:valeu'",
      { checkPattern },
    );
    expect(checkPattern).toHaveBeenCalledWith(INDICATOR.pattern, 'stix');
    expectAccepted(withProps(INDICATOR, { pattern: "[ipv4-addr:value = '198.51.100.1']" }), { checkPattern });
  });

  it('reports a failing checker instead of throwing', () => {
    const checkPattern = () => {
      throw new Error('parser exploded');
    };
    expectRejected(
      INDICATOR,
      '/pattern',
      'pattern is not a valid stix pattern: the pattern checker failed (parser exploded)',
      { checkPattern },
    );
  });

  it('checks kill chain phases and does not enforce open vocabularies', () => {
    expectRejected(
      withProps(INDICATOR, { kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain' }] }),
      '/kill_chain_phases/0/phase_name',
      'phase_name is required in a kill-chain-phase',
    );
    expectAccepted(withProps(INDICATOR, { indicator_types: ['made-up-type'], pattern_type: 'sigma' }));
  });
});

describe('malware', () => {
  it('needs is_family, and a name for families', () => {
    expectRejected(withProps(MALWARE, { is_family: undefined }), '/is_family', 'is_family is required');
    expectRejected(
      withProps(MALWARE, { is_family: 'yes' }),
      '/is_family',
      'is_family must be true or false (got a string ("yes"))',
    );
    expectRejected(withProps(MALWARE, { name: undefined }), '/name', 'name is required when is_family is true');
    expectAccepted(withProps(MALWARE, { name: undefined, is_family: false }));
  });

  it('sample_refs point to files or artifacts, operating_system_refs to software', () => {
    expectRejected(
      withProps(MALWARE, { sample_refs: [INDICATOR.id] }),
      '/sample_refs/0',
      'sample_refs entry must reference an object of type file or artifact (got indicator)',
    );
    expectRejected(
      withProps(MALWARE, { operating_system_refs: ['file--949eb97a-da1e-5292-8959-03c4249dc9f3'] }),
      '/operating_system_refs/0',
      /must reference an object of type software \(got file\)/,
    );
  });
});

describe('malware-analysis', () => {
  const base = example('4.12 malware-analysis', 1);
  it('needs product and one of result or analysis_sco_refs', () => {
    expectRejected(withProps(base, { product: undefined }), '/product', 'product is required');
    expectRejected(
      withProps(base, { result: undefined }),
      '',
      'at least one of result, analysis_sco_refs must be present',
    );
    expectAccepted(
      withProps(base, { result: undefined, analysis_sco_refs: ['file--949eb97a-da1e-5292-8959-03c4249dc9f3'] }),
    );
    expectRejected(
      withProps(base, { sample_ref: MALWARE.id }),
      '/sample_ref',
      'sample_ref must reference an object of type file, network-traffic or artifact (got malware)',
    );
  });
});

describe('location', () => {
  it('needs region, country, or latitude with longitude', () => {
    expectRejected(
      withProps(LOCATION, { country: undefined, city: 'Bern' }),
      '',
      'at least one of region, country, or latitude and longitude must be present',
    );
    expectRejected(
      withProps(LOCATION, { country: undefined, latitude: 46.9 }),
      '/latitude',
      'latitude requires longitude to be present',
    );
    expectRejected(withProps(LOCATION, { longitude: 7.4 }), '/longitude', 'longitude requires latitude to be present');
    expectRejected(
      withProps(LOCATION, { precision: 100 }),
      '/precision',
      'precision requires latitude and longitude to be present',
    );
    expectAccepted(withProps(LOCATION, { country: undefined, latitude: 46.948, longitude: 7.447, precision: 500 }));
  });

  it('keeps coordinates in range', () => {
    expectRejected(
      withProps(LOCATION, { latitude: 91, longitude: 0 }),
      '/latitude',
      'latitude must be between -90 and 90 (got 91)',
    );
    expectRejected(
      withProps(LOCATION, { latitude: 0, longitude: -180.5 }),
      '/longitude',
      'longitude must be between -180 and 180 (got -180.5)',
    );
  });
});

describe('grouping, note, opinion, report', () => {
  it('grouping needs context and object_refs', () => {
    const grouping = example('4.4 grouping');
    expectRejected(withProps(grouping, { context: undefined }), '/context', 'context is required');
    expectRejected(withProps(grouping, { object_refs: [] }), '/object_refs', 'object_refs must not be an empty list');
    expectRejected(
      withProps(grouping, { object_refs: ['nope'] }),
      '/object_refs/0',
      'object_refs entry "nope" is not a valid STIX identifier (<object-type>--<UUID>)',
    );
    expectAccepted(withProps(grouping, { name: undefined }));
  });

  it('note needs content and object_refs', () => {
    const note = example('4.13 note');
    expectRejected(withProps(note, { content: undefined }), '/content', 'content is required');
    expectRejected(withProps(note, { object_refs: undefined }), '/object_refs', 'object_refs is required');
  });

  it('opinion is a closed enumeration', () => {
    const opinion = example('4.15 opinion');
    expectRejected(
      withProps(opinion, { opinion: 'maybe' }),
      '/opinion',
      'opinion must be one of strongly-disagree, disagree, neutral, agree, strongly-agree (got "maybe")',
    );
    expectRejected(withProps(opinion, { object_refs: undefined }), '/object_refs', 'object_refs is required');
  });

  it('report needs name, published and object_refs', () => {
    const report = example('4.16 report');
    expectRejected(withProps(report, { published: undefined }), '/published', 'published is required');
    expectRejected(withProps(report, { object_refs: undefined }), '/object_refs', 'object_refs is required');
  });

  it('identity_class is an open vocabulary', () => {
    expectAccepted(withProps(IDENTITY, { identity_class: 'collective' }));
    expectAccepted(withProps(IDENTITY, { identity_class: undefined }));
  });
});

describe('observed-data', () => {
  it('number_observed is 1..999,999,999', () => {
    expectRejected(
      withProps(OBSERVED_DATA, { number_observed: 0 }),
      '/number_observed',
      'number_observed must be between 1 and 999999999 (got 0)',
    );
    expectRejected(
      withProps(OBSERVED_DATA, { number_observed: 1_000_000_000 }),
      '/number_observed',
      'number_observed must be between 1 and 999999999 (got 1000000000)',
    );
    expectRejected(
      withProps(OBSERVED_DATA, { number_observed: undefined }),
      '/number_observed',
      'number_observed is required',
    );
  });

  it('needs exactly one of objects or object_refs, with at least one SCO', () => {
    expectRejected(
      withProps(OBSERVED_DATA, { object_refs: undefined }),
      '',
      'exactly one of objects or object_refs must be present',
    );
    expectRejected(
      withProps(OBSERVED_DATA, { objects: { '0': { type: 'ipv4-addr', value: '198.51.100.2' } } }),
      '/objects',
      'objects must not be present together with object_refs',
    );
    expectAccepted(
      withProps(OBSERVED_DATA, {
        object_refs: undefined,
        objects: { '0': { type: 'ipv4-addr', value: '198.51.100.2' } },
      }),
    );
    expectRejected(
      withProps(OBSERVED_DATA, { object_refs: undefined, objects: {} }),
      '/objects',
      'objects must be a dictionary holding at least one cyber-observable object',
    );
    expectRejected(
      withProps(OBSERVED_DATA, { object_refs: [INDICATOR.id] }),
      '/object_refs/0',
      'object_refs may only reference SCOs and SROs (got indicator)',
    );
    expectRejected(
      withProps(OBSERVED_DATA, { object_refs: ['relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad'] }),
      '/object_refs',
      'object_refs must contain at least one SCO reference',
    );
  });

  it('last_observed is not before first_observed', () => {
    expectRejected(
      withProps(OBSERVED_DATA, { last_observed: '2015-12-21T18:59:59Z' }),
      '/last_observed',
      'last_observed (2015-12-21T18:59:59Z) must be later than or equal to first_observed (2015-12-21T19:00:00Z)',
    );
  });
});

describe('external ids with a fixed form', () => {
  it('CAPEC ids on attack patterns, CVE ids on vulnerabilities', () => {
    expectRejected(
      withProps(example('4.1 attack-pattern'), { external_references: [{ source_name: 'capec', external_id: '163' }] }),
      '/external_references/0/external_id',
      'external_id "163" for source_name "capec" must be formatted as CAPEC-[id]',
    );
    expectRejected(
      withProps(example('4.19 vulnerability'), {
        external_references: [{ source_name: 'cve', external_id: 'cve-2016-1234' }],
      }),
      '/external_references/0/external_id',
      /for source_name "cve" must be formatted as CVE-YYYY-NNNN/,
    );
  });
});

it('collects every problem of an object, not only the first', () => {
  const issues = issuesOf(withProps(INDICATOR, { pattern: undefined, valid_from: 'yesterday', confidence: -1 }));
  expect(issues.map((i) => i.path).sort()).toEqual(['/confidence', '/pattern', '/valid_from']);
});
