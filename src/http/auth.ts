import '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { roleAllows, type Permission } from '../domain/permissions.ts';
import type { Actor } from '../services/actor.ts';
import type { CredentialResolver } from '../services/auth/sessions.ts';
import type { Db } from '../store/database.ts';
import type { Principal } from '../store/repositories/credentials.ts';
import { scopeTo } from '../store/tenant-scope.ts';

export const SESSION_COOKIE = 'hearken_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the caller must be allowed to do; "public" routes need no credentials. */
    permission?: Permission | 'public' | 'signed-in';
  }
  interface FastifyRequest {
    actor: Actor;
    principal: Principal;
  }
}

/**
 * Every route states the permission it needs. Credentials come from a bearer token
 * (integrations) or the session cookie (people); the actor built from them carries the
 * tenant scope that every use case works through.
 */
export function registerAuthentication(app: FastifyInstance, db: Db, credentials: CredentialResolver): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    const needed = request.routeOptions.config.permission;
    if (needed === undefined || needed === 'public') return;
    const principal = await authenticate(request, credentials);
    if (!principal)
      throw new AppError('unauthenticated', 'Sign in, or send a valid API token as "Authorization: Bearer <token>"');
    if (needed !== 'signed-in' && !roleAllows(principal.role, needed)) {
      throw new AppError('forbidden', `Your role (${principal.role}) may not do this`);
    }
    request.principal = principal;
    request.actor = {
      scope: scopeTo(db, principal.tenantId),
      role: principal.role,
      userId: principal.userId,
      label: principal.userId ? `user:${principal.userId}` : `token:${principal.token?.name ?? principal.role}`,
      ...(principal.token && { tokenId: principal.token.id }),
    };
  });
}

async function authenticate(request: FastifyRequest, credentials: CredentialResolver): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? credentials.fromApiToken(match[1]!) : undefined;
  }
  const session = request.cookies[SESSION_COOKIE];
  return session ? credentials.fromSession(session) : undefined;
}
