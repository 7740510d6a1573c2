import { describe, expect, it } from 'vitest';
import { parsePattern, printPattern } from './index.ts';

/** Example patterns of STIX 2.1 section 9 (as collected by the OASIS pattern validator's test suite). */
const SPEC_EXAMPLES = String.raw`
[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']
[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']
[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']
[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']
([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS
[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']
[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']
[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']
[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]
[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']
[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']
[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS
[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']
[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']
[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']
[windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\CryptoLocker\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\CurrentVersion\\Run\\CryptoLocker_0388']
[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']
[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']
[x-usb-device:usbdrive.serial_number = '575833314133343231313937']
[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS
[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']
([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']
[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'
[EXISTS windows-registry-key:values]
`;

/** Further valid patterns from the OASIS validator's 2.1 test suite. */
const VALIDATOR_PASS_CASES = String.raw`
[file:size = 1280]
[file:size != 1280]
[file:size < 1024]
[file:size <= 1024]
[file:size > 1024]
[file:size >= 1024]
[file:file_name = 'my_file_name']
[file:extended_properties.'ntfs-ext'.sid = '234']
[emailaddr:value MATCHES '.+\\@ibm\\.com$' OR file:name MATCHES '^Final Report.+\\.exe$']
[ipv4addr:value ISSUBSET '192.168.0.1/24']
[ipv4addr:value NOT ISSUBSET '192.168.0.1/24']
[user-account:value = 'Peter'] AND [user-account:value != 'Paul'] AND [user-account:value = 'Mary'] WITHIN 5 SECONDS
[file:file_system_properties.file_name LIKE 'name%']
[file:file_name IN ('test.txt', 'test2.exe', 'README')]
[file:size IN (1024, 2048, 4096)]
[network-connection:extended_properties[0].source_payload MATCHES 'dGVzdHRlc3R0ZXN0']
[win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar'] WITHIN 5 SECONDS
[x_whatever:detected == t'2018-03-22T12:11:14.1Z']
[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']
[foo:bar=1] REPEATS 9 TIMES
[network-traffic:start = '2018-04-20T12:36:24.558Z']
( [(network-traffic:dst_port IN(443,6443,8443) AND network-traffic:src_packets != 0) ])
([win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar']) WITHIN 5 SECONDS WITHIN 6 SECONDS
([win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar'] REPEATS 2 TIMES) REPEATS 2 TIMES
[network-traffic:src_port = 37020 AND user-account:user_id = 'root'] START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z' OR [ipv4-addr:value = '192.168.122.83'] START t'2016-06-01T03:55:00.123Z' STOP t'2016-06-01T04:30:24.743Z'
`;

const lines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

describe.each([
  ['STIX 2.1 specification examples', lines(SPEC_EXAMPLES)],
  ['validator pass cases', lines(VALIDATOR_PASS_CASES)],
])('%s', (_name, patterns) => {
  it.each(patterns)('%s', (source) => {
    const p = parsePattern(source);
    const printed = printPattern(p);
    expect(parsePattern(printed)).toEqual(p);
    expect(printPattern(parsePattern(printed))).toBe(printed);
  });
});

describe('structure of spec examples', () => {
  it('applies WITHIN to the FOLLOWEDBY group when parenthesised', () => {
    const e = parsePattern(lines(SPEC_EXAMPLES)[4] ?? '').expression;
    expect(e).toMatchObject({
      kind: 'qualified',
      qualifier: { kind: 'within', seconds: 300 },
      expression: { kind: 'followedBy' },
    });
  });
  it('applies a trailing WITHIN only to the last operand otherwise', () => {
    const e = parsePattern(lines(SPEC_EXAMPLES)[19] ?? '').expression;
    expect(e.kind).toBe('followedBy');
    expect(e.kind === 'followedBy' && e.operands[1]?.kind).toBe('qualified');
  });
  it('decodes backslash escapes in strings', () => {
    const e = parsePattern(lines(SPEC_EXAMPLES)[7] ?? '').expression;
    const cmp = e.kind === 'observation' && e.expression.kind === 'and' ? e.expression.operands[1] : undefined;
    expect(cmp).toMatchObject({ value: { kind: 'string', value: 'C:\\Windows\\System32' } });
  });
});
