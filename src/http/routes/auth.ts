import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { login, logout, SESSION_HOURS } from '../../services/auth/sessions.ts';
import { findUser } from '../../store/repositories/people.ts';
import type { Db } from '../../store/database.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { errors, Nullable, Role, Uuid } from '../schemas.ts';

const Me = Type.Object({
  id: Nullable(Uuid),
  name: Type.String(),
  email: Nullable(Type.String()),
  role: Role,
  tenant: Type.String(),
});

export function authRoutes(db: Db, options: { secureCookies: boolean }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in a person; sets an HttpOnly session cookie',
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
            ...errors(400, 401),
          },
        },
      },
      async (request, reply) => {
        const session = await login(db, request.body);
        void reply.setCookie(SESSION_COOKIE, session.sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secureCookies,
          maxAge: SESSION_HOURS * 3600,
        });
        return { user: session.user, expiresAt: session.expiresAt.toISOString() };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { permission: 'public' },
        schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null() } },
      },
      async (request, reply) => {
        const session = request.cookies[SESSION_COOKIE];
        if (session) await logout(db, session);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
