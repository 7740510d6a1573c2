import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { PROBLEM_TYPE, sendProblem, toProblem } from './problem.ts';
import { staticSecurityHeaders } from './security-headers.ts';

/** A way of answering errors that a part of the URL space has instead of problem+json (TAXII's own format). */
export interface ErrorFormat {
  prefix: string;
  send(error: unknown, request: FastifyRequest, reply: FastifyReply): unknown;
  /** The same answer for a request Node's parser refused before Fastify saw it: a media type and a body. */
  raw(problem: RawProblem): { contentType: string; body: string };
}

/** What the parser-level answer says, in either format. */
export interface RawProblem {
  status: number;
  code: string;
  title: string;
  detail: string;
  requestId: string;
}

/** Fastify's errors from before a route is found, as AppErrors with codes of our catalogue. */
function asAppError(error: { code?: string; statusCode?: number }): AppError {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new AppError(
      'uri_too_long',
      414,
      'URI too long',
      'a path segment of this URL is longer than any Accord uses',
    );
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return new AppError('bad_url', 400, 'Bad URL', 'the URL path is not valid percent-encoded UTF-8');
  }
  return new AppError('bad_request', 400, 'Bad request', 'the request could not be routed');
}

/**
 * Fastify's `frameworkErrors`: a bad URL encoding (400) or an overlong path parameter (414) answers like any other
 * error, in the format of the URL space it was aimed at.
 */
export function frameworkErrorHandler(formats: readonly ErrorFormat[]) {
  return (error: { code?: string; statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
    const appError = asAppError(error);
    request.log.info({ code: appError.code, status: appError.status }, 'request refused');
    const format = formats.find((f) => request.url.startsWith(f.prefix));
    if (format) return format.send(appError, request, reply);
    return sendProblem(reply, toProblem(appError, request));
  };
}

const clientErrors: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'headers_too_large',
    'Request header fields too large',
    'the request line and headers exceed the server limit',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'Request timeout', 'the request was not received in time'],
};

/** The path of the request line a refused packet starts with, if it has one (the rest is not trusted). */
function pathOf(rawPacket: unknown): string {
  if (!Buffer.isBuffer(rawPacket)) return '';
  const line = rawPacket.subarray(0, 2048).toString('latin1').split('\r\n', 1)[0] ?? '';
  return /^[A-Z]+ (\/\S*)/.exec(line)?.[1] ?? '';
}

/**
 * Node's `clientError`, for requests its HTTP parser refuses before Fastify sees them (headers too large, a
 * malformed request line): the answer is still an RFC 9457 problem (or TAXII's error message on TAXII paths), with
 * the security headers every other answer has, then the connection is closed.
 */
export function clientErrorHandler(formats: readonly ErrorFormat[]) {
  return (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, title, detail] = clientErrors[error.code ?? ''] ?? [
      400,
      'bad_request',
      'Bad request',
      'the request is not valid HTTP/1.1',
    ];
    const problem: RawProblem = { status, code, title, detail, requestId: randomUUID() };
    const path = pathOf(error.rawPacket);
    const format = formats.find((f) => path.startsWith(f.prefix));
    const { contentType, body } = format?.raw(problem) ?? {
      contentType: PROBLEM_TYPE,
      body: JSON.stringify({
        type: `urn:accord:problem:${code}`,
        title,
        status,
        detail,
        instance: '',
        code,
        request_id: problem.requestId,
      }),
    };
    const headers = {
      ...staticSecurityHeaders(socket instanceof TLSSocket),
      'Cache-Control': 'no-store',
      'Content-Type': contentType,
      'Content-Length': String(Buffer.byteLength(body)),
      Connection: 'close',
    };
    if (socket.writable) {
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.write(`HTTP/1.1 ${status} ${title}\r\n${lines.join('')}\r\n${body}`);
    }
    socket.destroy(error);
  };
}
