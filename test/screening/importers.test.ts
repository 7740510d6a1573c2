import { describe, expect, it } from 'vitest';
import { parseCslCsv } from '../../src/screening/importers/csl-csv.ts';
import { parseCslJson } from '../../src/screening/importers/csl-json.ts';
import { parseFtm } from '../../src/screening/importers/ftm.ts';
import { parsePlainCsv } from '../../src/screening/importers/plain-csv.ts';

const CSL_HEADER =
  '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';

describe('list importers', () => {
  it('CSL JSON: results[] with aliases, countries and per-record errors', () => {
    const doc = {
      results: [
        {
          id: 'a1',
          name: 'Acme Spyware Ltd',
          alt_names: ['Acme Intel'],
          source: 'Entity List (EL)',
          addresses: [{ country: 'GR' }],
          programs: ['EAR'],
        },
        { id: 'a2', alt_names: [] },
        'nonsense',
      ],
    };
    const parsed = parseCslJson(JSON.stringify(doc));
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]).toMatchObject({
      externalId: 'a1',
      countries: ['GR'],
      aliases: [{ name: 'Acme Intel', kind: 'alias' }],
    });
    expect(parsed.rejected).toEqual([
      { record: 2, reason: 'no name' },
      { record: 3, reason: 'not an object' },
    ]);
    expect(() => parseCslJson('{"foo": 1}')).toThrow(/results/);
    expect(() => parseCslJson('{')).toThrow(/not JSON/);
  });

  it('CSL CSV: trade.gov columns, ";"-separated alternative names, country from addresses', () => {
    const row = (id: string, name: string, alt: string, addresses: string) =>
      [
        id,
        'Entity List (EL) - Bureau of Industry and Security',
        '',
        'Entity',
        'EAR',
        name,
        '',
        `"${addresses}"`,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        'https://example.test/list',
        `"${alt}"`,
        '',
        '',
        '',
        '',
        '',
        '',
      ].join(',');
    const csv = [
      CSL_HEADER,
      row('x1', 'Candiru', 'Saito Tech Ltd.; Taveta Ltd.', '21 Haarbaa, Tel Aviv, IL'),
      row('x2', '', '', ''),
    ].join('\n');
    const parsed = parseCslCsv(csv);
    expect(parsed.records[0]).toMatchObject({
      externalId: 'x1',
      name: 'Candiru',
      countries: ['IL'],
      aliases: [
        { name: 'Saito Tech Ltd.', kind: 'alias' },
        { name: 'Taveta Ltd.', kind: 'alias' },
      ],
      sourceUrl: 'https://example.test/list',
    });
    expect(parsed.rejected).toEqual([{ record: 3, reason: 'no name' }]);
  });

  it('FollowTheMoney JSON lines: names, aliases, previous names, websites; other schemata skipped', () => {
    const lines = [
      JSON.stringify({
        id: 'os-1',
        schema: 'Company',
        properties: {
          name: ['Intellexa S.A.'],
          alias: ['Intellexa'],
          previousName: ['Cytrox Hellas'],
          country: ['gr'],
          website: ['https://www.intellexa.com'],
        },
        datasets: ['us_ofac_sdn'],
      }),
      JSON.stringify({ id: 'os-2', schema: 'Sanction', properties: {} }),
      '{broken',
      JSON.stringify({ id: 'os-3', schema: 'Person', properties: {} }),
    ].join('\n');
    const parsed = parseFtm(lines);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]).toMatchObject({
      externalId: 'os-1',
      countries: ['GR'],
      domains: ['intellexa.com'],
      aliases: [
        { name: 'Intellexa', kind: 'alias' },
        { name: 'Cytrox Hellas', kind: 'previous_name' },
      ],
      programs: ['us_ofac_sdn'],
    });
    expect(parsed.rejected).toEqual([
      { record: 3, reason: 'not a JSON object' },
      { record: 4, reason: 'os-3 has no name' },
    ]);
  });

  it('plain CSV: name,aliases,country,list,source_url', () => {
    const parsed = parsePlainCsv(
      'name,aliases,country,list,source_url\nAcme Spyware,Acme;Acme Labs,GR,internal,https://example.test\n,,,,\nBeta,,Greece,internal,\n',
    );
    expect(parsed.records[0]).toMatchObject({ name: 'Acme Spyware', countries: ['GR'], programs: ['internal'] });
    expect(parsed.records[0]!.aliases).toHaveLength(2);
    expect(parsed.rejected).toEqual([
      { record: 3, reason: 'no name' },
      { record: 4, reason: 'Greece is not an ISO country code' },
    ]);
  });
});
