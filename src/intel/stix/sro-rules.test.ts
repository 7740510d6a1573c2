import { describe, it } from 'vitest';
import { expectAccepted, expectRejected, withProps } from './fixtures/expect.ts';
import {
  DOMAIN,
  IDENTITY,
  INDICATOR,
  LOCATION,
  MALWARE,
  OBSERVED_DATA,
  RELATIONSHIP,
  SIGHTING,
} from './fixtures/samples.ts';
import { TLP } from './tlp.ts';

describe('relationship', () => {
  it('needs relationship_type, source_ref and target_ref', () => {
    for (const name of ['relationship_type', 'source_ref', 'target_ref']) {
      expectRejected(withProps(RELATIONSHIP, { [name]: undefined }), `/${name}`, `${name} is required`);
    }
  });

  it('relationship_type is lowercase ASCII, digits and hyphens, but otherwise open', () => {
    expectRejected(
      withProps(RELATIONSHIP, { relationship_type: 'Indicates' }),
      '/relationship_type',
      'relationship_type "Indicates" may only contain lowercase ASCII letters, digits and hyphens',
    );
    expectRejected(
      withProps(RELATIONSHIP, { relationship_type: 'delivered_by' }),
      '/relationship_type',
      /may only contain lowercase/,
    );
    expectAccepted(withProps(RELATIONSHIP, { relationship_type: 'delivered-by' }));
  });

  it('endpoints are well-formed identifiers of SDOs or SCOs', () => {
    expectRejected(
      withProps(RELATIONSHIP, { source_ref: 'indicator--05b7c427' }),
      '/source_ref',
      'source_ref "indicator--05b7c427" is not a valid STIX identifier (<object-type>--<UUID>)',
    );
    expectRejected(
      withProps(RELATIONSHIP, { target_ref: 42 }),
      '/target_ref',
      'target_ref must be an identifier string (got a number (42))',
    );
    expectRejected(
      withProps(RELATIONSHIP, { target_ref: SIGHTING.id }),
      '/target_ref',
      'target_ref must reference an SDO or SCO, not an SRO (sighting)',
    );
    expectRejected(
      withProps(RELATIONSHIP, { source_ref: TLP.V1_RED.id }),
      '/source_ref',
      'source_ref must reference an SDO or SCO, not a marking-definition',
    );
    expectRejected(
      withProps(RELATIONSHIP, { target_ref: 'bundle--44af6c39-c09b-49c5-9de2-394224b04982' }),
      '/target_ref',
      'target_ref must reference an SDO or SCO, not a bundle',
    );
    expectAccepted(withProps(RELATIONSHIP, { relationship_type: 'communicates-with', target_ref: DOMAIN.id }));
    expectAccepted(withProps(RELATIONSHIP, { target_ref: 'x-acme-thing--05b7c427-1452-437e-a19e-32590edf60c3' }));
  });

  it('stop_time must be later than start_time', () => {
    expectRejected(
      withProps(RELATIONSHIP, { start_time: '2021-01-01T00:00:00Z', stop_time: '2021-01-01T00:00:00Z' }),
      '/stop_time',
      'stop_time (2021-01-01T00:00:00Z) must be later than start_time (2021-01-01T00:00:00Z)',
    );
  });
});

describe('sighting', () => {
  it('sighting_of_ref is required and references an SDO', () => {
    expectRejected(
      withProps(SIGHTING, { sighting_of_ref: undefined }),
      '/sighting_of_ref',
      'sighting_of_ref is required',
    );
    expectRejected(
      withProps(SIGHTING, { sighting_of_ref: DOMAIN.id }),
      '/sighting_of_ref',
      'sighting_of_ref must reference an SDO, not an SCO (domain-name)',
    );
    expectRejected(
      withProps(SIGHTING, { sighting_of_ref: RELATIONSHIP.id }),
      '/sighting_of_ref',
      'sighting_of_ref must reference an SDO, not an SRO (relationship)',
    );
    expectAccepted(withProps(SIGHTING, { sighting_of_ref: MALWARE.id }));
  });

  it('count is 0..999,999,999', () => {
    expectAccepted(withProps(SIGHTING, { count: 0 }));
    expectRejected(withProps(SIGHTING, { count: -1 }), '/count', 'count must be between 0 and 999999999 (got -1)');
    expectRejected(
      withProps(SIGHTING, { count: 1_000_000_000 }),
      '/count',
      'count must be between 0 and 999999999 (got 1000000000)',
    );
    expectRejected(withProps(SIGHTING, { count: '5' }), '/count', 'count must be an integer (got a string ("5"))');
  });

  it('first_seen is not after last_seen', () => {
    expectRejected(
      withProps(SIGHTING, { first_seen: '2021-02-01T00:00:00Z', last_seen: '2021-01-01T00:00:00Z' }),
      '/last_seen',
      'last_seen (2021-01-01T00:00:00Z) must be later than or equal to first_seen (2021-02-01T00:00:00Z)',
    );
  });

  it('observed_data_refs point to observed-data, where_sighted_refs to identities or locations', () => {
    expectAccepted(
      withProps(SIGHTING, { observed_data_refs: [OBSERVED_DATA.id], where_sighted_refs: [IDENTITY.id, LOCATION.id] }),
    );
    expectRejected(
      withProps(SIGHTING, { observed_data_refs: [INDICATOR.id] }),
      '/observed_data_refs/0',
      'observed_data_refs entry must reference an object of type observed-data (got indicator)',
    );
    expectRejected(
      withProps(SIGHTING, { where_sighted_refs: [MALWARE.id] }),
      '/where_sighted_refs/0',
      'where_sighted_refs entry must reference an object of type identity or location (got malware)',
    );
    expectRejected(
      withProps(SIGHTING, { summary: 'no' }),
      '/summary',
      'summary must be true or false (got a string ("no"))',
    );
  });
});
