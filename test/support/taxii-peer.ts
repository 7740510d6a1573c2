import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const TAXII = 'application/taxii+json;version=2.1';

/**
 * A remote TAXII 2.1 collection on a real port of 127.0.0.1, small and controllable: it serves its objects `pageSize`
 * at a time in date_added order with `added_after`, `next` and the date-added headers, and can fail a request or
 * forget the `next` tokens it issued (as servers whose tokens expire do). Every objects request is kept.
 */
export async function startTaxiiPeer(objects: Array<Record<string, unknown>>, pageSize: number) {
  // date_added one microsecond apart, fixed width, so they compare as strings.
  const added = objects.map((object, i) => ({
    object,
    dateAdded: `2026-02-01T00:00:00.${String(i + 1).padStart(6, '0')}Z`,
  }));
  const requests: URLSearchParams[] = [];
  let epoch = 1;
  let failing = new Set<number>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    if (!url.pathname.endsWith('/objects/')) return void res.writeHead(404).end();
    requests.push(url.searchParams);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': TAXII, ...headers }).end(JSON.stringify(body));
    if (failing.has(requests.length)) return send(500, { title: 'Internal error', http_status: '500' });
    const after = url.searchParams.get('added_after');
    const window = added.filter((a) => !after || a.dateAdded > after);
    let start = 0;
    const next = url.searchParams.get('next');
    if (next) {
      const [tokenEpoch, offset] = next.split('.').map(Number);
      if (tokenEpoch !== epoch) return send(400, { title: 'Bad next', http_status: '400' });
      start = offset!;
    }
    const page = window.slice(start, start + pageSize);
    const more = start + pageSize < window.length;
    if (page.length === 0) return send(200, { more: false });
    send(
      200,
      { more, ...(more ? { next: `${epoch}.${start + pageSize}` } : {}), objects: page.map((a) => a.object) },
      { 'x-taxii-date-added-first': page[0]!.dateAdded, 'x-taxii-date-added-last': page.at(-1)!.dateAdded },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/taxii2/api1/collections/remote/`,
    requests,
    dateAdded: (i: number) => added[i]!.dateAdded,
    /** Answer HTTP 500 to these objects requests (numbered from 1, over the peer's life). */
    failRequests: (...numbers: number[]) => void (failing = new Set(numbers)),
    /** Refuse every `next` issued so far. */
    forgetTokens: () => void epoch++,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
