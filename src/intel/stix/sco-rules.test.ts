import { describe, it } from 'vitest';
import { expectAccepted, expectRejected, withProps } from './fixtures/expect.ts';
import { DOMAIN, FILE } from './fixtures/samples.ts';

const sco = (type: string, props: Record<string, unknown>) => ({
  type,
  spec_version: '2.1',
  id: `${type}--0a58d0c1-59e6-5afd-8252-dcd3f13e5622`,
  ...props,
});

describe('required value properties', () => {
  it.each([
    ['domain-name', 'value'],
    ['ipv4-addr', 'value'],
    ['ipv6-addr', 'value'],
    ['url', 'value'],
    ['email-addr', 'value'],
    ['mac-addr', 'value'],
    ['mutex', 'name'],
    ['software', 'name'],
    ['directory', 'path'],
    ['autonomous-system', 'number'],
  ])('%s needs %s', (type, name) => expectRejected(sco(type, {}), `/${name}`, `${name} is required`));
});

describe('address and name formats', () => {
  it('ipv4-addr: address or CIDR block', () => {
    expectAccepted(sco('ipv4-addr', { value: '198.51.100.3' }));
    expectAccepted(sco('ipv4-addr', { value: '198.51.100.0/24' }));
    expectRejected(
      sco('ipv4-addr', { value: '198.51.100.300' }),
      '/value',
      'value "198.51.100.300" is not an IPv4 address or CIDR block',
    );
    expectRejected(sco('ipv4-addr', { value: '198.51.100.0/33' }), '/value', /is not an IPv4 address/);
  });

  it('ipv6-addr: address or CIDR block', () => {
    expectAccepted(sco('ipv6-addr', { value: '2001:0db8::/96' }));
    expectRejected(
      sco('ipv6-addr', { value: '198.51.100.3' }),
      '/value',
      'value "198.51.100.3" is not an IPv6 address or CIDR block',
    );
  });

  it('mac-addr: colon-delimited lowercase MAC-48', () => {
    expectRejected(
      sco('mac-addr', { value: 'D2:FB:49:24:37:18' }),
      '/value',
      'value "D2:FB:49:24:37:18" must be a colon-delimited lowercase MAC-48 address',
    );
  });

  it('email-addr: addr-spec without display name', () => {
    expectRejected(
      sco('email-addr', { value: 'John Doe <john@example.com>' }),
      '/value',
      /is not an addr-spec email address/,
    );
  });

  it('domain-name: no whitespace', () => {
    expectRejected(
      withProps(DOMAIN, { value: 'exa mple.com' }),
      '/value',
      'value "exa mple.com" is not a domain name (it is empty or contains whitespace)',
    );
    expectRejected(
      withProps(DOMAIN, { resolves_to_refs: [FILE.id] }),
      '/resolves_to_refs/0',
      'resolves_to_refs entry must reference an object of type ipv4-addr, ipv6-addr or domain-name (got file)',
    );
  });
});

describe('file', () => {
  it('needs hashes or name', () => {
    expectRejected(withProps(FILE, { name: undefined, size: 10 }), '', 'at least one of hashes, name must be present');
    expectAccepted(
      withProps(FILE, {
        name: undefined,
        hashes: { sha256: 'fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db' },
      }),
    );
  });

  it('checks hashes, size and references', () => {
    expectRejected(
      withProps(FILE, { hashes: { 'SHA-256': 'fe90' } }),
      '/hashes/SHA-256',
      'SHA-256 hash must be 64 hex digits (got 4)',
    );
    expectRejected(withProps(FILE, { size: -1 }), '/size', 'size must be at least 0 (got -1)');
    expectRejected(
      withProps(FILE, { parent_directory_ref: DOMAIN.id }),
      '/parent_directory_ref',
      'parent_directory_ref must reference an object of type directory (got domain-name)',
    );
    expectRejected(
      withProps(FILE, { name: undefined, hashes: { MD5: '3773a88f65a5e780c8dff9cdc3a056f3' }, name_enc: 'utf-8' }),
      '/name_enc',
      'name_enc requires name to be present',
    );
  });

  it('checks predefined extensions', () => {
    expectRejected(
      withProps(FILE, { extensions: { 'archive-ext': { comment: 'x' } } }),
      '/extensions/archive-ext/contains_refs',
      'contains_refs is required',
    );
    expectRejected(
      withProps(FILE, { extensions: { 'windows-pebinary-ext': { number_of_sections: 4 } } }),
      '/extensions/windows-pebinary-ext/pe_type',
      'pe_type is required',
    );
  });
});

describe('artifact', () => {
  it('needs exactly one of payload_bin or url, and hashes with url', () => {
    expectRejected(sco('artifact', { mime_type: 'image/png' }), '', 'at least one of payload_bin, url must be present');
    expectRejected(
      sco('artifact', { payload_bin: 'aGVsbG8=', url: 'https://x.example/a' }),
      '/url',
      'url must not be present together with payload_bin',
    );
    expectRejected(
      sco('artifact', { url: 'https://x.example/a' }),
      '/hashes',
      'hashes is required when url is present',
    );
    expectRejected(
      sco('artifact', { payload_bin: 'aGVsbG8=', decryption_key: 'k' }),
      '/decryption_key',
      'decryption_key requires encryption_algorithm to be present',
    );
    expectRejected(
      sco('artifact', { payload_bin: 'aGVsbG8=', encryption_algorithm: 'rot13' }),
      '/encryption_algorithm',
      /must be one of AES-256-GCM, ChaCha20-Poly1305, mime-type-indicated/,
    );
  });
});

describe('network-traffic', () => {
  const traffic = sco('network-traffic', {
    dst_ref: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
    protocols: ['tcp'],
  });
  it('needs protocols and one of src_ref or dst_ref', () => {
    expectRejected(withProps(traffic, { protocols: undefined }), '/protocols', 'protocols is required');
    expectRejected(withProps(traffic, { dst_ref: undefined }), '', 'at least one of src_ref, dst_ref must be present');
    expectRejected(
      withProps(traffic, { dst_ref: 'url--0a58d0c1-59e6-5afd-8252-dcd3f13e5622' }),
      '/dst_ref',
      'dst_ref must reference an object of type ipv4-addr, ipv6-addr, mac-addr or domain-name (got url)',
    );
  });

  it('ports, end/start order and is_active', () => {
    expectRejected(
      withProps(traffic, { dst_port: 65536 }),
      '/dst_port',
      'dst_port must be between 0 and 65535 (got 65536)',
    );
    expectRejected(
      withProps(traffic, { start: '2020-01-02T00:00:00Z', end: '2020-01-01T00:00:00Z' }),
      '/end',
      'end (2020-01-01T00:00:00Z) must be later than or equal to start (2020-01-02T00:00:00Z)',
    );
    expectRejected(
      withProps(traffic, { is_active: true, end: '2020-01-01T00:00:00Z' }),
      '/end',
      'end must not be present when is_active is true',
    );
    expectRejected(
      withProps(traffic, { extensions: { 'socket-ext': { address_family: 'AF_CAN' } } }),
      '/extensions/socket-ext/address_family',
      /must be one of AF_UNSPEC/,
    );
  });
});

describe('email-message', () => {
  const msg = sco('email-message', { is_multipart: false, body: 'hi' });
  it('follows is_multipart', () => {
    expectRejected(withProps(msg, { is_multipart: undefined }), '/is_multipart', 'is_multipart is required');
    expectRejected(
      withProps(msg, { is_multipart: true }),
      '/body',
      'body must not be present when is_multipart is true',
    );
    expectRejected(
      withProps(msg, { body: undefined, body_multipart: [{ body: 'x' }] }),
      '/body_multipart',
      'body_multipart must not be present when is_multipart is false',
    );
    expectRejected(
      withProps(msg, { is_multipart: true, body: undefined, body_multipart: [{ content_type: 'text/plain' }] }),
      '/body_multipart/0',
      'at least one of body, body_raw_ref must be present',
    );
    expectRejected(
      withProps(msg, { additional_header_fields: { 'X-Mailer': 'Mutt' } }),
      '/additional_header_fields/X-Mailer',
      'additional_header_fields values must be non-empty lists of strings (got a string ("Mutt"))',
    );
  });
});

describe('objects whose properties are all optional need at least one', () => {
  it.each([['process'], ['user-account'], ['windows-registry-key'], ['x509-certificate']])('%s', (type) => {
    expectRejected(sco(type, {}), '', /^at least one of .+ must be present$/);
  });

  it('accepts a process with only a pid and registry values from the enumeration', () => {
    expectAccepted(sco('process', { pid: 1221 }));
    expectRejected(
      sco('windows-registry-key', { key: 'HKEY_LOCAL_MACHINE\\Foo', values: [{ name: 'a', data_type: 'REG_TEXT' }] }),
      '/values/0/data_type',
      /must be one of REG_NONE/,
    );
  });
});
