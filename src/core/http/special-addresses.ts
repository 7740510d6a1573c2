import ipaddr from 'ipaddr.js';

/**
 * The IANA IPv4 and IPv6 Special-Purpose Address Registries in full (iana-ipv4-special-registry and
 * iana-ipv6-special-registry, as of 2025), with multicast and the deprecated blocks beside them. Accord refuses every
 * entry when it fetches on someone's behalf, the few marked "globally reachable" too (anycast relays, AS112): none of
 * them serves a document, and a rule with exceptions is a rule an attacker studies.
 */
const IPV4: ReadonlyArray<readonly [string, string]> = [
  ['0.0.0.0/8', '"this network" (RFC 791)'],
  ['0.0.0.0/32', '"this host on this network" (RFC 1122)'],
  ['10.0.0.0/8', 'private-use (RFC 1918)'],
  ['100.64.0.0/10', 'shared address space, carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0/8', 'loopback (RFC 1122)'],
  ['169.254.0.0/16', 'link-local, cloud metadata (RFC 3927)'],
  ['172.16.0.0/12', 'private-use (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments (RFC 6890)'],
  ['192.0.0.0/29', 'IPv4 service continuity prefix (RFC 7335)'],
  ['192.0.0.8/32', 'IPv4 dummy address (RFC 7600)'],
  ['192.0.0.9/32', 'port control protocol anycast (RFC 7723)'],
  ['192.0.0.10/32', 'TURN anycast (RFC 8155)'],
  ['192.0.0.170/32', 'NAT64/DNS64 discovery (RFC 8880)'],
  ['192.0.0.171/32', 'NAT64/DNS64 discovery (RFC 8880)'],
  ['192.0.2.0/24', 'documentation, TEST-NET-1 (RFC 5737)'],
  ['192.31.196.0/24', 'AS112-v4 (RFC 7535)'],
  ['192.52.193.0/24', 'automatic multicast tunneling (RFC 7450)'],
  ['192.88.99.0/24', 'deprecated 6to4 relay anycast (RFC 7526)'],
  ['192.88.99.2/32', '6a44 relay anycast (RFC 6751)'],
  ['192.168.0.0/16', 'private-use (RFC 1918)'],
  ['192.175.48.0/24', 'direct delegation AS112 service (RFC 7534)'],
  ['198.18.0.0/15', 'benchmarking (RFC 2544)'],
  ['198.51.100.0/24', 'documentation, TEST-NET-2 (RFC 5737)'],
  ['203.0.113.0/24', 'documentation, TEST-NET-3 (RFC 5737)'],
  ['224.0.0.0/4', 'multicast (RFC 5771)'],
  ['240.0.0.0/4', 'reserved (RFC 1112)'],
  ['255.255.255.255/32', 'limited broadcast (RFC 8190)'],
];

const IPV6: ReadonlyArray<readonly [string, string]> = [
  ['::/128', 'unspecified (RFC 4291)'],
  ['::1/128', 'loopback (RFC 4291)'],
  ['::/96', 'deprecated IPv4-compatible (RFC 4291)'],
  ['::ffff:0:0/96', 'IPv4-mapped (RFC 4291)'],
  ['::ffff:0:0:0/96', 'IPv4-translated (RFC 2765)'],
  ['64:ff9b::/96', 'NAT64 well-known prefix (RFC 6052)'],
  ['64:ff9b:1::/48', 'local-use NAT64 (RFC 8215)'],
  ['100::/64', 'discard-only (RFC 6666)'],
  ['100:0:0:1::/64', 'dummy IPv6 prefix (RFC 9780)'],
  ['2001::/23', 'IETF protocol assignments (RFC 2928)'],
  ['2001::/32', 'Teredo (RFC 4380)'],
  ['2001:1::1/128', 'port control protocol anycast (RFC 7723)'],
  ['2001:1::2/128', 'TURN anycast (RFC 8155)'],
  ['2001:1::3/128', 'DNS-SD service registration protocol anycast (RFC 9665)'],
  ['2001:2::/48', 'benchmarking (RFC 5180)'],
  ['2001:3::/32', 'automatic multicast tunneling (RFC 7450)'],
  ['2001:4:112::/48', 'AS112-v6 (RFC 7535)'],
  ['2001:10::/28', 'deprecated ORCHID (RFC 4843)'],
  ['2001:20::/28', 'ORCHIDv2 (RFC 7343)'],
  ['2001:30::/28', 'drone remote ID entity tags (RFC 9374)'],
  ['2001:db8::/32', 'documentation (RFC 3849)'],
  ['2002::/16', '6to4 (RFC 3056)'],
  ['2620:4f:8000::/48', 'direct delegation AS112 service (RFC 7534)'],
  ['3fff::/20', 'documentation (RFC 9637)'],
  ['5f00::/16', 'segment routing SIDs (RFC 9602)'],
  ['fc00::/7', 'unique-local (RFC 4193)'],
  ['fe80::/10', 'link-local (RFC 4291)'],
  ['fec0::/10', 'deprecated site-local (RFC 3879)'],
  ['ff00::/8', 'multicast (RFC 4291)'],
];

type Range = { address: ipaddr.IPv4 | ipaddr.IPv6; prefix: number; name: string; cidr: string };
const ranges: Range[] = [...IPV4, ...IPV6].map(([cidr, name]) => {
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  return { address, prefix, name, cidr };
});
const globalUnicast = ipaddr.parseCIDR('2000::/3');

/** Every registry entry, for tests and documentation: `[cidr, what it is]`. */
export const specialPurposeRanges: ReadonlyArray<readonly [string, string]> = [...IPV4, ...IPV6];

/**
 * What makes `address` one Accord will not reach on someone's behalf, e.g. `"loopback (RFC 1122), 127.0.0.0/8"`, or
 * undefined for an ordinary public address. The most specific registry entry names it; an IPv6 address outside
 * global unicast (2000::/3) is refused even where the registries list nothing. Text that is not an IP address is
 * refused too.
 *
 * @example specialPurposeOf('198.51.100.7') // 'documentation, TEST-NET-2 (RFC 5737), 198.51.100.0/24'
 */
export function specialPurposeOf(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  } catch {
    return 'not an IP address';
  }
  let best: Range | undefined;
  for (const range of ranges) {
    if (range.address.kind() !== parsed.kind()) continue;
    if (parsed.match(range.address, range.prefix) && (!best || range.prefix > best.prefix)) best = range;
  }
  if (best) return `${best.name}, ${best.cidr}`;
  if (parsed.kind() === 'ipv6' && !parsed.match(globalUnicast)) return 'outside IPv6 global unicast, 2000::/3';
  return undefined;
}
