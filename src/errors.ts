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
  | 'not_found'
  | 'conflict'
  /** It existed, and is deliberately not kept (an attachment over the size limit). */
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'store_locked'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  store_locked: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
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
