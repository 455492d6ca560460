/**
 * One catalogue of errors for every layer. Each has a stable `code` that clients and tests
 * rely on, a human message, and the HTTP status a caller should see. Domain rules return
 * results; services turn a refused result into an AppError; the HTTP layer renders it.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  /** A cookie-authenticated change that did not come from Hearken's own pages (CSRF). */
  | 'cross_site_refused'
  | 'not_found'
  | 'conflict'
  /** It existed, and is deliberately not kept (an attachment over the size limit). */
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'request_timeout'
  | 'uri_too_long'
  | 'headers_too_large'
  | 'rate_limited'
  /** Too many wrong passwords for this account: no sign-in until it ends or an administrator unlocks it. */
  | 'account_locked'
  | 'store_locked'
  /** This server process is stopping: another process (or this one, restarted) takes the request. */
  | 'shutting_down'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  cross_site_refused: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  request_timeout: 408,
  uri_too_long: 414,
  headers_too_large: 431,
  rate_limited: 429,
  account_locked: 429,
  store_locked: 503,
  shutting_down: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** When a refusal ends (rate limits, lockouts): sent as Retry-After, in whole seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown): AppError => new AppError('conflict', message, details);
export const invalid = (message: string, details?: unknown): AppError =>
  new AppError('validation_failed', message, details);
