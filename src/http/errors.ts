import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError, type ErrorCode } from '../errors.ts';

interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
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
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, body: { error: { code: 'uri_too_long', message: 'A part of the URL is too long' } } };
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
  if (error instanceof AppError && error.retryAfterSeconds !== undefined)
    void reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code, status }, body.error.message);
  void reply.status(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .status(404)
    .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
}

/** What Node's HTTP parser refuses before Fastify sees a request (headers too large, too slow, malformed). */
function clientErrorResponse(error: Error & { code?: string }): { status: number; body: ErrorBody } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        body: { error: { code: 'request_timeout', message: 'The request took too long to arrive and was closed' } },
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        body: {
          error: { code: 'headers_too_large', message: 'The request headers are larger than this server accepts' },
        },
      };
    case 'HPE_URI_TOO_LONG':
      return { status: 414, body: { error: { code: 'uri_too_long', message: 'The URL is too long' } } };
    default:
      return { status: 400, body: { error: { code: 'bad_request', message: 'The request is not valid HTTP' } } };
  }
}

/**
 * Fastify's clientErrorHandler: the same error shape as every other answer, written straight to the
 * socket (there is no request object yet), then the connection is closed as Node itself would.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, body } = clientErrorResponse(error);
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}
