/**
 * The one error type of Accord. Each has a stable `code` (documented for API clients), an HTTP status
 * and a human title; `detail` says what was wrong with this request. The HTTP layer turns it into
 * RFC 9457 problem+json; the CLI prints `detail` on one line.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

type Extra = Readonly<Record<string, unknown>>;

export const badRequest = (detail: string, extra?: Extra) =>
  new AppError('bad_request', 400, 'Bad request', detail, extra);
export const validationFailed = (detail: string, extra?: Extra) =>
  new AppError('validation_failed', 400, 'Validation failed', detail, extra);
export const unauthenticated = (detail = 'Sign in or present an API token.') =>
  new AppError('unauthenticated', 401, 'Authentication required', detail);
export const invalidToken = (detail: string) => new AppError('invalid_token', 401, 'Authentication failed', detail);
export const forbidden = (detail: string) => new AppError('forbidden', 403, 'Forbidden', detail);
export const csrfFailed = () =>
  new AppError('csrf_failed', 403, 'CSRF check failed', 'Send the X-CSRF-Token header given at sign-in.');
export const mfaRequired = (detail: string) => new AppError('mfa_required', 403, 'Second factor required', detail);
export const notFound = (detail: string) => new AppError('not_found', 404, 'Not found', detail);
export const conflict = (detail: string, extra?: Extra) => new AppError('conflict', 409, 'Conflict', detail, extra);
export const invalidState = (detail: string, extra?: Extra) =>
  new AppError('invalid_state', 409, 'Invalid state transition', detail, extra);
export const payloadTooLarge = (detail: string) => new AppError('payload_too_large', 413, 'Payload too large', detail);
export const unsupportedMediaType = (detail: string) =>
  new AppError('unsupported_media_type', 415, 'Unsupported media type', detail);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new AppError('too_many_requests', 429, 'Too many requests', detail, { retry_after: retryAfterSeconds });
export const accountLocked = (retryAfterSeconds: number) =>
  new AppError('account_locked', 429, 'Account temporarily locked', 'Too many failed sign-ins; try again later.', {
    retry_after: retryAfterSeconds,
  });
export const serviceUnavailable = (detail: string) =>
  new AppError('service_unavailable', 503, 'Service unavailable', detail);
