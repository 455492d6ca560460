import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { LoginLimits } from '../domain/auth/login-limits.ts';
import { AppError } from '../errors.ts';

const accountOf = (request: FastifyRequest): string => {
  const body = request.body as { tenant?: unknown; email?: unknown } | undefined;
  const part = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : '');
  return `${part(body?.tenant)}/${part(body?.email)}`;
};

/**
 * The quick, per-process limits in front of sign-in (the durable account lockout is the store's):
 * one client on one account, and one client on any accounts. A client that keeps trying while
 * limited waits twice as long each time (backoff). Both answer 429 with Retry-After.
 */
export async function loginRateLimits(app: FastifyInstance, limits: LoginLimits): Promise<preHandlerAsyncHookHandler> {
  await app.register(rateLimit, { global: false });
  const common = { timeWindow: limits.windowMs, exponentialBackoff: true };
  const checks = [
    app.createRateLimit({ ...common, max: limits.perClientMax, keyGenerator: (request) => `client:${request.ip}` }),
    app.createRateLimit({
      ...common,
      max: limits.perAccountClientMax,
      keyGenerator: (request) => `account:${request.ip}:${accountOf(request)}`,
    }),
  ];
  return async (request) => {
    for (const check of checks) {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded)
        throw new AppError(
          'rate_limited',
          `Too many sign-in attempts from here: try again in ${result.ttlInSeconds} s`,
          { retryAfterSeconds: result.ttlInSeconds },
          result.ttlInSeconds,
        );
    }
  };
}
