import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { login, logout, SESSION_HOURS } from '../../services/auth/sessions.ts';
import { findUser } from '../../store/repositories/people.ts';
import type { Db } from '../../store/database.ts';
import type { LoginLimits } from '../../domain/auth/login-limits.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { loginRateLimits } from '../login-rate-limits.ts';
import { errors, Nullable, Role, Uuid } from '../schemas.ts';

const Me = Type.Object({
  id: Nullable(Uuid),
  name: Type.String(),
  email: Nullable(Type.String()),
  role: Role,
  tenant: Type.String(),
});

export interface AuthRouteOptions {
  /** Always mark the session cookie Secure (the public address is https). */
  secureCookies: boolean;
  loginLimits: LoginLimits;
}

export function authRoutes(db: Db, options: AuthRouteOptions): FastifyPluginAsyncTypebox {
  // Secure when configured so, or when this request came over https (directly, or as a trusted proxy says).
  const cookieOptions = (request: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookies || request.protocol === 'https',
  });
  return async (app) => {
    const rateLimited = await loginRateLimits(app, options.loginLimits);
    app.post(
      '/auth/login',
      {
        config: { permission: 'public' },
        preHandler: rateLimited,
        schema: {
          tags: ['auth'],
          summary: 'Sign in a person; sets an HttpOnly session cookie',
          description:
            'Each sign-in gets a new session id (a session cookie sent along ends). Too many attempts from one client answer 429 ' +
            '(rate_limited) with Retry-After; too many wrong passwords in a row lock the account (429 account_locked, with ' +
            'Retry-After) until the lockout ends or an administrator unlocks it (POST /users/{id}/unlock), even for the right password.',
          body: Type.Object(
            {
              tenant: Type.String({ minLength: 1, maxLength: 63, description: "The organisation's slug" }),
              email: Type.String({ minLength: 3, maxLength: 320 }),
              password: Type.String({ minLength: 1, maxLength: 200 }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ user: Me, expiresAt: Type.String({ format: 'date-time' }) }),
            ...errors(400, 401, 403, 429),
          },
        },
      },
      async (request, reply) => {
        const session = await login(
          db,
          { ...request.body, previousSessionToken: request.cookies[SESSION_COOKIE] },
          options.loginLimits,
        );
        void reply.setCookie(SESSION_COOKIE, session.sessionToken, {
          ...cookieOptions(request),
          maxAge: SESSION_HOURS * 3600,
        });
        return { user: session.user, expiresAt: session.expiresAt.toISOString() };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { permission: 'public' },
        schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null(), ...errors(403) } },
      },
      async (request, reply) => {
        const session = request.cookies[SESSION_COOKIE];
        if (session) await logout(db, session);
        void reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        config: { permission: 'signed-in' },
        schema: { tags: ['auth'], summary: 'Who is signed in', response: { 200: Me, ...errors(401) } },
      },
      async (request) => {
        const { principal, actor } = request;
        const user = principal.userId ? await findUser(actor.scope, principal.userId) : undefined;
        return {
          id: principal.userId,
          name: user?.name ?? 'API token',
          email: user?.email ?? null,
          role: principal.role,
          tenant: principal.tenantSlug,
        };
      },
    );
  };
}
