import { describe, expect, it } from 'vitest';
import { normalizeValue } from '../../intel/values/normalize.ts';
import { IndicatorIndex } from './indicator-index.ts';

const index = new IndicatorIndex();
const add = (id: string, key: string, value: string) =>
  index.add({ indicatorId: id, key, value: normalizeValue(key, value)! });
add('d', 'domain-name:value', 'evil.com');
add('idn', 'domain-name:value', 'bücher.example');
add('u', 'url:value', 'http://c2.example/p/x?a=1');
add('u-host', 'domain-name:value', 'c2.example');
add('ip', 'ipv4-addr:value', '198.51.100.7');
add('net8', 'ipv4-addr:value', '10.0.0.0/8');
add('net16', 'ipv4-addr:value', '10.1.0.0/16');
add('v6net', 'ipv6-addr:value', '2001:db8:abcd::/48');
add('mail', 'email-addr:value', 'Agent@Phish.example');
add('mail-domain', 'domain-name:value', 'phish.example');
add('sha', "file:hashes.'SHA-256'", 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855');
add('md5', 'file:hashes.MD5', 'D41D8CD98F00B204E9800998ECF8427E');
add('p16', 'process:name', 'contextstoremgrd');
add('plong', 'process:name', 'com.apple.softwareupdated');
add('app', 'app:id', 'com.androidservices.support');
add('path', 'file:path', '/private/var/db/com.apple.xpc.roleaccountd.staging/');
add('generic', 'user-account:user_id', 'operator-7');

const ids = (key: string, value: string) => index.match(key, value).flatMap((m) => m.indicatorIds);

describe('the indicator index', () => {
  it('domains: the name and its subdomains, never look-alikes or a suffix elsewhere', () => {
    expect(ids('domain-name:value', 'evil.com')).toEqual(['d']);
    expect(ids('domain-name:value', 'a.b.EVIL.com.')).toEqual(['d']);
    expect(ids('domain-name:value', 'notevil.com')).toEqual([]);
    expect(ids('domain-name:value', 'evil.com.example.org')).toEqual([]);
    expect(ids('domain-name:value', 'com')).toEqual([]);
  });
  it('internationalised names match in both forms', () => {
    expect(ids('domain-name:value', 'BÜCHER.example')).toEqual(['idn']);
    expect(ids('domain-name:value', 'www.xn--bcher-kva.example')).toEqual(['idn']);
  });
  it('URLs: normalised and matched exactly, their host through the domain index', () => {
    expect(ids('url:value', 'HTTP://C2.example:80/p/./x?a=1#frag')).toEqual(['u', 'u-host']);
    expect(ids('url:value', 'https://c2.example/other')).toEqual(['u-host']);
    expect(ids('url:value', 'http://198.51.100.7/x')).toEqual(['ip']);
  });
  it('IP addresses and ranges, most specific range first; IPv6 ranges', () => {
    expect(ids('ipv4-addr:value', '198.51.100.7')).toEqual(['ip']);
    expect(ids('ipv4-addr:value', '10.1.2.3')).toEqual(['net16', 'net8']);
    expect(ids('ipv4-addr:value', '10.200.0.1')).toEqual(['net8']);
    expect(ids('ipv4-addr:value', '11.0.0.1')).toEqual([]);
    expect(ids('ipv6-addr:value', '2001:DB8:ABCD:12::1')).toEqual(['v6net']);
    expect(ids('ipv6-addr:value', '2001:db8:abce::1')).toEqual([]);
  });
  it('e-mail addresses case-insensitively, and their domains', () => {
    expect(ids('email-addr:value', 'AGENT@phish.EXAMPLE')).toEqual(['mail', 'mail-domain']);
    expect(ids('email-addr:value', 'someone@phish.example')).toEqual(['mail-domain']);
  });
  it('hashes case-insensitively', () => {
    expect(ids("file:hashes.'SHA-256'", 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toEqual([
      'sha',
    ]);
    expect(ids('file:hashes.MD5', 'd41d8cd98f00b204e9800998ecf8427e')).toEqual(['md5']);
  });
  it('process names exactly, and a 15- or 16-character name as a possibly truncated longer one', () => {
    expect(ids('process:name', 'contextstoremgrd')).toEqual(['p16']);
    expect(ids('process:name', 'ContextStoreMgrd')).toEqual([]);
    expect(ids('process:name', 'com.apple.softw')).toEqual(['plong']);
    expect(ids('process:name', 'com.apple.softwa')).toEqual(['plong']);
    expect(ids('process:name', 'com.apple.soft')).toEqual([]);
  });
  it('app ids exactly, file paths by prefix, anything else by key and value', () => {
    expect(ids('app:id', 'com.androidservices.support')).toEqual(['app']);
    expect(ids('file:path', '/private/var/db/com.apple.xpc.roleaccountd.staging/implant')).toEqual(['path']);
    expect(ids('file:path', '/private/var/db/')).toEqual([]);
    expect(ids('user-account:user_id', 'operator-7')).toEqual(['generic']);
  });
  it('is patched in place: removing an indicator removes all its values', () => {
    const local = new IndicatorIndex();
    local.add({ indicatorId: 'a', key: 'domain-name:value', value: 'x.example' });
    local.add({ indicatorId: 'b', key: 'domain-name:value', value: 'x.example' });
    local.add({ indicatorId: 'a', key: 'ipv4-addr:value', value: '192.0.2.0/24' });
    local.remove('a');
    expect(local.match('domain-name:value', 'x.example').flatMap((m) => m.indicatorIds)).toEqual(['b']);
    expect(local.match('ipv4-addr:value', '192.0.2.9')).toEqual([]);
  });
});
