import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RawProblem } from '../../core/http/framework-errors.ts';
import { logProblem } from '../../core/http/log-problem.ts';
import { toProblem } from '../../core/http/problem.ts';
import { TAXII_MEDIA_TYPE } from './media.ts';

/**
 * Errors on TAXII routes in the specification's error message format (section 3.6.1) with the TAXII media
 * type: the same decisions as the rest of the API (core's toProblem), another shape.
 */
export function sendTaxiiError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(error, request);
  logProblem(request, error, problem);
  if (problem.status === 401) reply.header('www-authenticate', 'Basic realm="Accord TAXII", charset="UTF-8"');
  return reply
    .code(problem.status)
    .type(TAXII_MEDIA_TYPE)
    .serializer(JSON.stringify) // keeps the media type exactly as written (see respond.ts)
    .send({
      title: problem.title,
      description: problem.detail,
      error_id: problem.request_id,
      error_code: problem.code,
      http_status: String(problem.status),
      details: { instance: problem.instance },
    });
}

/** The same message for a request Node's parser refused before routing (headers too large, a bad request line). */
export function rawTaxiiError(problem: RawProblem) {
  return {
    contentType: TAXII_MEDIA_TYPE,
    body: JSON.stringify({
      title: problem.title,
      description: problem.detail,
      error_id: problem.requestId,
      error_code: problem.code,
      http_status: String(problem.status),
    }),
  };
}
