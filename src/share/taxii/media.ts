import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  type: string;
  version: string | undefined;
}

function parseRanges(header: string): MediaRange[] {
  return header.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    const version = params.find((p) => p.toLowerCase().startsWith('version='))?.slice(8);
    return { type: type.toLowerCase(), version };
  });
}

/**
 * Accept negotiation: TAXII 2.1 is served when the client accepts `application/taxii+json` at version 2.1
 * (or without a version, or any type); anything else, e.g. `version=2.0`, is a 406.
 * Section 3.1 asks clients for a TAXII media type in Accept but says nothing of a server given only a wildcard;
 * medallion answers 406, we serve (RFC 9110: `*` accepts any type), so older OpenCTI feeds (opencti#4246) still work.
 */
export function assertAcceptsTaxii(request: FastifyRequest): void {
  const header = request.headers.accept;
  if (!header) return;
  const ok = parseRanges(header).some(
    (r) =>
      r.type === '*/*' ||
      r.type === 'application/*' ||
      (r.type === 'application/taxii+json' && (r.version === undefined || r.version === '2.1')),
  );
  if (!ok) {
    throw new AppError('not_acceptable', 406, 'Not acceptable', `this server answers only with ${TAXII_MEDIA_TYPE}`);
  }
}

/** A POSTed envelope must say it is TAXII 2.1: anything else is a 415. */
export function assertTaxiiContent(request: FastifyRequest): void {
  const [range] = parseRanges(request.headers['content-type'] ?? '');
  if (range?.type !== 'application/taxii+json' || (range.version !== undefined && range.version !== '2.1')) {
    throw new AppError(
      'unsupported_media_type',
      415,
      'Unsupported media type',
      `send the envelope as ${TAXII_MEDIA_TYPE}`,
    );
  }
}
