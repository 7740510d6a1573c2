import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { specialPurposeOf } from './special-addresses.ts';

/** Why a name cannot be fetched: it resolves to an address in a special-purpose range. */
export class RefusedResolution extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolves to ${address}, ${reason}`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The resolver of the sockets Accord opens on someone's behalf: the name is resolved once, here, every address is
 * checked, and the socket connects to exactly what this returns, so a name cannot answer differently between the
 * check and the connection (DNS rebinding). One refused address refuses the name: an answer that mixes public and
 * private addresses is a trick, not a configuration.
 */
export function guardedLookup(hostname: string, options: object, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    for (const { address } of list) {
      const reason = specialPurposeOf(address);
      if (reason) return callback(new RefusedResolution(hostname, address, reason), []);
    }
    if (list.length === 0)
      return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    const wantsAll = (options as { all?: boolean }).all;
    return wantsAll ? callback(null, list) : callback(null, list[0]!.address, list[0]!.family);
  });
}
