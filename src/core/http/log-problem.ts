import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Problem } from './problem.ts';

/**
 * One log line per refused or failed request. A failure of ours (5xx other than a remote's) is an error with its
 * stack; a remote that failed (502, 504 from an outbound fetch) is a warning with the problem's code and detail
 * only, since those details already name the remote by a redacted URL (shownUrl) and the stack says nothing more;
 * a refusal is info. Never the request's query string or body: they can carry identifiers of people at risk.
 */
export function logProblem(request: FastifyRequest, error: unknown, problem: Problem): void {
  const fields = { code: problem.code, status: problem.status };
  if (problem.status >= 500 && error instanceof AppError)
    request.log.warn({ ...fields, detail: problem.detail }, 'request not served');
  else if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info(fields, 'request refused');
}
