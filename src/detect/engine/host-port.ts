import { isIP } from 'node:net';

const PORT = /^:\d{1,5}$/;

/**
 * The host of a `host[:port]` as logs write it, without the port and without IPv6 brackets:
 * `example.com:8443` → `example.com`, `[2001:db8::1]:443` → `2001:db8::1`, `10.0.0.1:80` → `10.0.0.1`. A bare IPv6
 * address (several colons, no brackets) and anything else is returned as it is.
 */
export function stripPort(host: string): string {
  if (host.charCodeAt(0) === 91 /* [ */) {
    const close = host.indexOf(']');
    if (close < 0) return host;
    const rest = host.slice(close + 1);
    return rest === '' || PORT.test(rest) ? host.slice(1, close) : host;
  }
  const colon = host.indexOf(':');
  if (colon < 0 || colon !== host.lastIndexOf(':')) return host;
  return PORT.test(host.slice(colon)) ? host.slice(0, colon) : host;
}

/** The STIX key an address is matched under when a host field holds one (`ipv4-addr:value`…), else null. */
export function addressKey(host: string): 'ipv4-addr:value' | 'ipv6-addr:value' | null {
  const family = isIP(host);
  return family === 4 ? 'ipv4-addr:value' : family === 6 ? 'ipv6-addr:value' : null;
}
