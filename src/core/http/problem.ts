import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { isConnectionError } from '../db/connection-errors.ts';

export const PROBLEM_TYPE = 'application/problem+json';

/** The RFC 9457 body Accord answers every error with. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  request_id: string;
  errors?: Array<{ location: string; message: string }>;
  [extension: string]: unknown;
}

const fastifyCodes: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Unsupported media type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'Bad request'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'Payload too large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['bad_request', 'Empty JSON body'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', 'Malformed JSON'],
  FST_ERR_CTP_MISSING_BODY: ['bad_request', 'Bad request'],
  FST_ERR_BAD_URL: ['bad_url', 'Bad URL'],
  FST_ERR_MAX_PARAM_LENGTH: ['uri_too_long', 'URI too long'],
};

/** Turns any error into problem+json; unknown errors become a generic 500 that reveals nothing. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const base = { instance: request.url, request_id: request.id };
  if (error instanceof AppError) {
    return {
      type: typeUri(error.code),
      title: error.title,
      status: error.status,
      detail: error.detail,
      code: error.code,
      ...error.extra,
      ...base,
    };
  }
  const fe = error as FastifyError & {
    validation?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }>;
  };
  if (fe.validation) {
    const part = fe.validationContext ?? 'body';
    const errors = fe.validation.map((v) => ({
      location: `${part}${v.instancePath || ''}`,
      message: describeValidation(v),
    }));
    return {
      type: typeUri('validation_failed'),
      title: 'Validation failed',
      status: 400,
      detail: errors.map((e) => `${e.location}: ${e.message}`).join('; '),
      code: 'validation_failed',
      errors,
      ...base,
    };
  }
  if (error instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return {
      type: typeUri('malformed_json'),
      title: 'Malformed JSON',
      status: 400,
      detail: `the body is not valid JSON: ${fe.message}`,
      code: 'malformed_json',
      ...base,
    };
  }
  if (isConnectionError(error)) {
    return {
      type: typeUri('service_unavailable'),
      title: 'Service unavailable',
      status: 503,
      detail: 'the database is not reachable; try again shortly',
      code: 'service_unavailable',
      ...base,
    };
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const [code, title] = fastifyCodes[fe.code] ?? ['bad_request', 'Bad request'];
    return { type: typeUri(code), title, status, detail: fe.message, code, ...base };
  }
  return {
    type: typeUri('internal_error'),
    title: 'Internal error',
    status: 500,
    detail: `an unexpected error occurred; quote request id ${request.id} when reporting it`,
    code: 'internal_error',
    ...base,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  if (typeof problem.retry_after === 'number') reply.header('retry-after', String(problem.retry_after));
  return reply.code(problem.status).type(PROBLEM_TYPE).send(problem);
}

const typeUri = (code: string) => `urn:accord:problem:${code}`;

function describeValidation(v: { message?: string; keyword?: string; params?: Record<string, unknown> }): string {
  if (v.params && 'additionalProperty' in v.params) return `unknown field '${String(v.params.additionalProperty)}'`;
  return v.message ?? 'is not valid';
}
