import { describe, expect, it } from 'vitest';
import { TLP } from '../stix/index.ts';
import { mispEvents, readMispDocument } from './misp-event.ts';

const event = (attributes: unknown[], extra: Record<string, unknown> = {}) => ({
  Event: {
    uuid: '11111111-2222-4333-8444-555555555555',
    info: 'test',
    date: '2025-01-02',
    Attribute: attributes,
    ...extra,
  },
});
const attribute = (type: string, value: string, extra: Record<string, unknown> = {}) => ({
  uuid: '0d4f6a1e-2b3c-4d5e-9f0a-1b2c3d4e5f60',
  type,
  value,
  timestamp: '1735862400',
  ...extra,
});

describe('MISP events', () => {
  it('finds events in the shapes MISP exports and its API answers', () => {
    const e = { uuid: 'x', Attribute: [] };
    expect(mispEvents({ Event: e })).toEqual([e]);
    expect(mispEvents({ response: [{ Event: e }, { Event: e }] })).toHaveLength(2);
    expect(mispEvents([{ Event: e }])).toHaveLength(1);
    expect(mispEvents({ something: 'else' })).toEqual([]);
  });

  it('keeps the attribute uuid and dates, and never makes modified earlier than created', () => {
    const [indicator] = readMispDocument(event([attribute('domain', 'evil.example')])).objects.filter(
      (o) => o.type === 'indicator',
    );
    expect(indicator).toMatchObject({
      id: 'indicator--0d4f6a1e-2b3c-4d5e-9f0a-1b2c3d4e5f60',
      created: '2025-01-02T00:00:00.000Z',
      modified: '2025-01-03T00:00:00.000Z',
    });
  });

  it('takes the address of an ip|port attribute, and the hash of a filename|hash with the file name as its name', () => {
    const objects = readMispDocument(
      event([
        attribute('ip-dst|port', '198.51.100.7|443'),
        attribute('filename|md5', 'a.apk|' + 'A'.repeat(32), { uuid: undefined }),
      ]),
    ).objects.filter((o) => o.type === 'indicator');
    expect(objects.map((o) => [o.pattern, o.name])).toEqual([
      ["[ipv4-addr:value = '198.51.100.7']", '198.51.100.7'],
      [`[file:hashes.MD5 = '${'a'.repeat(32)}']`, 'a.apk'],
    ]);
  });

  it('maps TLP tags to TLP 2.0 markings, the attribute tag winning over the event tag', () => {
    const objects = readMispDocument(
      event(
        [
          attribute('domain', 'a.example'),
          attribute('domain', 'b.example', { uuid: undefined, Tag: [{ name: 'TLP:RED' }] }),
        ],
        {
          Tag: [{ name: 'tlp:green' }],
        },
      ),
    ).objects;
    const markings = objects.filter((o) => o.type === 'indicator').map((o) => o.object_marking_refs);
    expect(markings).toEqual([[TLP.V2_GREEN.id], [TLP.V2_RED.id]]);
    expect(objects.find((o) => o.type === 'report')?.object_marking_refs).toEqual([TLP.V2_GREEN.id]);
  });

  it('refuses a composite whose parts do not line up, and a document that holds no event', () => {
    expect(readMispDocument(event([attribute('domain|ip', 'a.example')])).rejected[0]?.reason).toMatch(
      /needs 2 values separated by \|/,
    );
    expect(readMispDocument({ hello: 1 }).rejected[0]?.record).toBe('source');
  });
});
