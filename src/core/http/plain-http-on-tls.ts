import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/** Every TLS connection opens with a handshake record, whose first byte is its content type: 22. */
const TLS_HANDSHAKE = 0x16;
/** How long a connection may stay silent before its first byte, or while it sends a plain HTTP request. */
const SILENT_SOCKET_TIMEOUT_MS = 30_000;

/**
 * Lets the HTTPS server answer a plain HTTP request sent to its port, as nginx does, instead of closing the
 * connection on a failed handshake: GET and HEAD are redirected to the same path under `httpsBase` (Accord's public
 * address, never the request's Host header), anything else gets a 400 problem saying HTTPS is required. The first byte
 * of each connection decides: a TLS handshake goes on to the TLS server untouched.
 *
 * Returns a function that ends the connections still waiting or answered in plain HTTP (for shutdown).
 */
export function answerPlainHttpOnTlsPort(server: HttpsServer, httpsBase: () => string): () => void {
  // Never listening itself, it only parses the requests handed to it; the socket timeout bounds a slow one.
  const plain = createServer((request, response) => answerHttpsRequired(request, response, httpsBase()));
  const pending = new Set<Socket>();
  // The TLS server's own listener wraps each raw connection in a TLS socket; it now runs only for TLS.
  const startTls = server.listeners('connection') as Array<(socket: Socket) => void>;
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    pending.add(socket);
    socket.once('close', () => pending.delete(socket));
    socket.setTimeout(SILENT_SOCKET_TIMEOUT_MS, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      // Put the byte back: the TLS socket (or the HTTP parser) reads the connection from its start.
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE) {
        pending.delete(socket);
        socket.setTimeout(0); // from here the TLS server's own handshake timeout applies
        // The TLS socket takes over the connection and first reads what was put back; resuming the raw socket
        // here would hand the handshake to nobody.
        for (const listener of startTls) listener.call(server, socket);
      } else {
        plain.emit('connection', socket);
        socket.resume();
      }
    });
  });
  return () => {
    for (const socket of pending) socket.destroy();
  };
}

function answerHttpsRequired(request: IncomingMessage, response: ServerResponse, httpsBase: string) {
  const path = request.url?.startsWith('/') ? request.url : '/';
  const target = `${httpsBase}${path}`;
  response.setHeader('connection', 'close');
  if (request.method === 'GET' || request.method === 'HEAD') {
    response.writeHead(308, { location: target, 'content-type': 'text/plain; charset=utf-8' });
    response.end(`This port speaks HTTPS: ${target}\n`);
    return;
  }
  const problem = {
    type: 'urn:accord:problem:https_required',
    title: 'HTTPS required',
    status: 400,
    detail: `this port speaks HTTPS, and the request was sent in plain HTTP: use ${httpsBase}`,
    code: 'https_required',
    instance: path.split('?')[0],
  };
  response.writeHead(400, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify(problem));
}
