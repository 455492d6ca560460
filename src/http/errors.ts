import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors.ts';

interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Turns anything thrown into the one error shape; never a stack trace, never a 500 for bad input. */
export function toErrorResponse(error: FastifyError | AppError | Error): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: withDetails(error.code, error.message, error.details) } };
  }
  const fastifyError = error as FastifyError & {
    validation?: { instancePath: string; message?: string; params?: unknown }[];
    validationContext?: string;
  };
  if (fastifyError.validation) {
    const context = fastifyError.validationContext ?? 'request';
    const details = fastifyError.validation.map((v) => ({
      field: `${context}${v.instancePath.replace(/\//g, '.')}`,
      message: describe(v),
    }));
    const first = details[0];
    return {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: first ? `${first.field} ${first.message}` : 'Invalid request',
          details,
        },
      },
    };
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: { error: { code: 'payload_too_large', message: 'The request body is larger than this server accepts' } },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { error: { code: 'unsupported_media_type', message: 'Send the request body as application/json' } },
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: { error: { code: 'bad_request', message: 'The request body is empty but should be JSON' } },
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: { error: { code: 'bad_request', message: 'The request body is not valid JSON' } } };
    case 'FST_ERR_BAD_URL':
      return { status: 400, body: { error: { code: 'bad_request', message: 'The URL is not validly encoded' } } };
  }
  switch (databaseErrorCode(error)) {
    case '23505':
      return { status: 409, body: { error: { code: 'conflict', message: 'That already exists' } } };
    case '23503':
      return {
        status: 409,
        body: { error: { code: 'conflict', message: 'That refers to something that does not exist (any more)' } },
      };
  }
  // PostgreSQL class 22 "data exception": a value the store cannot hold is bad input, not our failure.
  if (/^22[0-9A-Z]{3}$/.test(databaseErrorCode(error) ?? '')) {
    return {
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: 'A value in the request cannot be stored (for example a NUL character or an out-of-range number)',
        },
      },
    };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const message = error instanceof SyntaxError ? 'The request body is not valid JSON' : fastifyError.message;
    return { status, body: { error: { code: BY_STATUS[status] ?? 'bad_request', message } } };
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.' } },
  };
}

/** The SQLSTATE of a database error, whether thrown directly or wrapped by the query builder. */
function databaseErrorCode(error: Error): string | undefined {
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string' && /^[0-9A-Z]{5}$/.test(own)) return own;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function withDetails(code: string, message: string, details: unknown) {
  return details === undefined ? { code, message } : { code, message, details };
}

function describe(v: { message?: string; params?: unknown; keyword?: string }): string {
  const params = v.params as { allowedValues?: unknown[]; additionalProperty?: string } | undefined;
  if (params?.allowedValues) return `must be one of ${params.allowedValues.join(', ')}`;
  if (params?.additionalProperty) return `has an unknown field "${params.additionalProperty}"`;
  return v.message ?? 'is invalid';
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code, status }, body.error.message);
  void reply.status(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .status(404)
    .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
}
