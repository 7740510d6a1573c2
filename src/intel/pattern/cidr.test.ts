import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr } from './index.ts';

function contains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (o === undefined || i === undefined) throw new Error(`bad CIDR ${outer} or ${inner}`);
  return cidrContains(o, i);
}

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 addresses and networks, clearing host bits', () => {
    expect(parseCidr('192.168.0.1/24')).toEqual({ family: 4, network: 0xc0a80000n, prefix: 24 });
    expect(parseCidr('10.1.2.3')).toEqual({ family: 4, network: 0x0a010203n, prefix: 32 });
    expect(parseCidr('::')).toEqual({ family: 6, network: 0n, prefix: 128 });
    expect(parseCidr('2001:db8::1/32')).toEqual({ family: 6, network: 0x20010db8n << 96n, prefix: 32 });
    expect(parseCidr('::ffff:1.2.3.4')).toEqual({ family: 6, network: 0xffff01020304n, prefix: 128 });
    expect(parseCidr('2001:0db8:dead:beef:0000:0000:0000:0000/64')?.prefix).toBe(64);
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, network: 0n, prefix: 0 });
  });
  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.1',
    '01.2.3.4',
    '1.2.3.4/33',
    '1.2.3.4/',
    '1.2.3.4/08',
    '::1::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
    'g::',
    '12345::',
    'example.com',
    '1.2.3.4::',
  ])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('cidrContains', () => {
  it('decides IPv4 containment', () => {
    expect(contains('10.0.0.0/8', '10.20.30.40')).toBe(true);
    expect(contains('10.0.0.0/8', '10.20.0.0/16')).toBe(true);
    expect(contains('10.20.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(contains('10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(contains('0.0.0.0/0', '255.255.255.255')).toBe(true);
    expect(contains('192.168.0.1/24', '192.168.0.200')).toBe(true);
  });
  it('decides IPv6 containment', () => {
    expect(contains('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(contains('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(contains('2001:0db8:dead:beef:0000:0000:0000:0000/64', '2001:db8:dead:beef::42')).toBe(true);
    expect(contains('::/0', '::1')).toBe(true);
  });
  it('never mixes families', () => {
    expect(contains('::/0', '1.2.3.4')).toBe(false);
    expect(contains('0.0.0.0/0', '::ffff:1.2.3.4')).toBe(false);
  });
});
