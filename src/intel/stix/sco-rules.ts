import { checkOrder, requireOneOf } from './cross-checks.ts';
import { has, own } from './issues.ts';
import { bool, dict, int, objList, ref, refs, required, str, strList, ts } from './props.ts';
import type { TypeRule } from './rule.ts';
import { addressValue, emailParts, isIpv4Value, isIpv6Value, sco } from './sco-checks.ts';
import { SCO_HOST_RULES } from './sco-host-rules.ts';

/** STIX Cyber-observable Objects (section 6): network and messaging SCOs here, host SCOs in sco-host-rules.ts. */

const ADDRESS_REFS = ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'];

const NETWORK_RULES: Readonly<Record<string, TypeRule>> = {
  'autonomous-system': sco({ number: required(int()), name: str(), rir: str() }),
  'domain-name': sco({
    value: required(str({ pattern: /^\S+$/, hint: 'is not a domain name (it is empty or contains whitespace)' })),
    resolves_to_refs: refs('ipv4-addr', 'ipv6-addr', 'domain-name'),
  }),
  'email-addr': sco({
    value: required(str({ pattern: /^[^\s<>]+@[^\s<>@]+$/, hint: 'is not an addr-spec email address (local@domain)' })),
    display_name: str(),
    belongs_to_ref: ref('user-account'),
  }),
  'email-message': sco(
    {
      is_multipart: required(bool()),
      date: ts(),
      content_type: str(),
      from_ref: ref('email-addr'),
      sender_ref: ref('email-addr'),
      to_refs: refs('email-addr'),
      cc_refs: refs('email-addr'),
      bcc_refs: refs('email-addr'),
      message_id: str(),
      subject: str(),
      received_lines: strList(),
      additional_header_fields: dict('stringList'),
      body: str(),
      body_multipart: objList(),
      raw_email_ref: ref('artifact'),
    },
    emailParts,
  ),
  'ipv4-addr': sco(
    { value: required(str()), resolves_to_refs: refs('mac-addr'), belongs_to_refs: refs('autonomous-system') },
    addressValue(isIpv4Value, 'an IPv4 address or CIDR block'),
  ),
  'ipv6-addr': sco(
    { value: required(str()), resolves_to_refs: refs('mac-addr'), belongs_to_refs: refs('autonomous-system') },
    addressValue(isIpv6Value, 'an IPv6 address or CIDR block'),
  ),
  'mac-addr': sco({
    value: required(
      str({ pattern: /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/, hint: 'must be a colon-delimited lowercase MAC-48 address' }),
    ),
  }),
  'network-traffic': sco(
    {
      start: ts(),
      end: ts(),
      is_active: bool(),
      src_ref: ref(...ADDRESS_REFS),
      dst_ref: ref(...ADDRESS_REFS),
      src_port: int(0, 65535),
      dst_port: int(0, 65535),
      protocols: required(strList()),
      src_byte_count: int(0),
      dst_byte_count: int(0),
      src_packets: int(0),
      dst_packets: int(0),
      ipfix: dict('integerOrString'),
      src_payload_ref: ref('artifact'),
      dst_payload_ref: ref('artifact'),
      encapsulates_refs: refs('network-traffic'),
      encapsulated_by_ref: ref('network-traffic'),
    },
    (o, out) => {
      requireOneOf(o, ['src_ref', 'dst_ref'], out);
      checkOrder(o, 'start', 'end', false, out);
      if (own(o, 'is_active') === true && has(o, 'end'))
        out.add('/end', 'end must not be present when is_active is true');
    },
  ),
  url: sco({ value: required(str({ nonEmpty: true })) }),
};

export const SCO_RULES: Readonly<Record<string, TypeRule>> = { ...NETWORK_RULES, ...SCO_HOST_RULES };
