import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, fetch, type RequestInit, type Response } from 'undici';
import type { Config } from '../config/index.ts';
import { AppError } from '../errors.ts';

// Addresses a server must not be talked into reaching on a caller's behalf (server-side request forgery):
// loopback, private networks, link-local (cloud metadata), carrier-grade NAT, multicast and reserved ranges.
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** True for addresses Accord will not connect to on a caller's behalf. IPv4-mapped IPv6 is judged as IPv4. */
export function isBlockedAddress(address: string): boolean {
  if (isIP(address) !== 6) return blocked.check(address, 'ipv4');
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (mapped) {
    const v4 =
      mapped[1] ?? [mapped[2]!, mapped[3]!].flatMap((h) => [parseInt(h, 16) >> 8, parseInt(h, 16) & 255]).join('.');
    return blocked.check(v4, 'ipv4');
  }
  return blocked.check(address, 'ipv6');
}

export class OutboundRefused extends AppError {
  constructor(detail: string) {
    super('outbound_refused', 400, 'Address refused', detail);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Resolves as usual, then refuses blocked addresses: checked at connect time, so DNS rebinding cannot slip by. */
function guardedLookup(hostname: string, options: object, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isBlockedAddress(a.address));
    if (bad)
      return callback(
        new OutboundRefused(`${hostname} resolves to a private or reserved address (${bad.address})`),
        [],
      );
    const wantsAll = (options as { all?: boolean }).all;
    return wantsAll ? callback(null, list) : callback(null, list[0]!.address, list[0]!.family);
  });
}

const guardedAgent = new Agent({ connect: { lookup: guardedLookup } });
const openAgent = new Agent();

/**
 * The only way Accord fetches from the network: http(s) only, private and loopback addresses refused unless
 * ACCORD_OUTBOUND_ALLOW_PRIVATE is set, and a time limit on the whole exchange.
 */
export async function fetchOutbound(config: Config, url: string, init: RequestInit = {}): Promise<Response> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OutboundRefused(`not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new OutboundRefused(`only http and https URLs are fetched, not ${parsed.protocol}`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!config.outboundAllowPrivate && isIP(host) && isBlockedAddress(host)) {
    throw new OutboundRefused(`${host} is a private or reserved address`);
  }
  return fetch(parsed, {
    ...init,
    dispatcher: config.outboundAllowPrivate ? openAgent : guardedAgent,
    signal: init.signal ?? AbortSignal.timeout(config.outboundTimeoutSeconds * 1000),
  });
}
