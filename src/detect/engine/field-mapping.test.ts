import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/config/index.ts';
import { configuredFieldMapping, FieldMappingError, loadFieldMapping } from './field-mapping.ts';
import { DEFAULT_MAPPING } from './ndjson-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'accord-mapping-'));
const file = (name: string, body: string) => {
  writeFileSync(join(dir, name), body);
  return join(dir, name);
};

describe('field mappings', () => {
  it('replaces the lists it gives and keeps the default for the rest', () => {
    const mapping = loadFieldMapping(
      file('m.json', JSON.stringify({ values: { 'domain-name:value': ['dest_host'] } })),
    );
    expect(mapping.values['domain-name:value']).toEqual(['dest_host']);
    expect(mapping.values['url:value']).toEqual(DEFAULT_MAPPING.values['url:value']);
    expect(mapping.subject).toEqual(DEFAULT_MAPPING.subject);
  });

  it('says what is wrong, and where', () => {
    expect(() => loadFieldMapping(join(dir, 'missing.json'))).toThrow(/cannot read the field mapping .* \(ENOENT\)/);
    expect(() => loadFieldMapping(file('a.json', '{"subject": "login"}'))).toThrow(/\/subject/);
    expect(() => loadFieldMapping(file('b.json', '{"value": {}}'))).toThrow(FieldMappingError);
    expect(() => loadFieldMapping(file('c.json', '{"values": {"domain": ["x"]}}'))).toThrow(/\/values/);
  });

  it('is a configuration error naming its variable when the server is given a bad one', () => {
    expect(() => configuredFieldMapping({ detectFieldMapping: file('d.json', 'not json') })).toThrow(ConfigError);
    expect(() => configuredFieldMapping({ detectFieldMapping: file('e.json', 'not json') })).toThrow(
      /^ACCORD_DETECT_FIELD_MAPPING: cannot read the field mapping/,
    );
    expect(configuredFieldMapping({ detectFieldMapping: undefined })).toBe(DEFAULT_MAPPING);
  });
});
