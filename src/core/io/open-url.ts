import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Config } from '../config/index.ts';
import { fetchOutbound, OutboundFailed, type OutboundOrigin } from '../http/outbound.ts';
import { openedSource, type OpenedSource } from './source-stream.ts';

/**
 * Opens an http(s) URL as an import source, through fetchOutbound's checks (every redirect hop, special-purpose
 * addresses refused). The one opener for anything that arrives over HTTP or inside a fetched document: it never
 * reads the server's disk, whatever the text says. An answer other than 2xx is an OutboundFailed (502).
 */
export async function openUrl(
  config: Config,
  url: string,
  signal?: AbortSignal,
  origin: OutboundOrigin = 'configured',
): Promise<OpenedSource> {
  const response = await fetchOutbound(
    config,
    url,
    { headers: { accept: 'application/json, text/plain, */*' } },
    origin,
  );
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new OutboundFailed(url, `answered HTTP ${response.status}`);
  }
  const length = Number(response.headers.get('content-length'));
  const raw = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  return openedSource(url, raw, Number.isFinite(length) && length > 0 ? length : undefined, signal);
}
