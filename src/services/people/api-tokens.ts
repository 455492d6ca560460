import { notFound } from '../../errors.ts';
import {
  findApiToken,
  listApiTokens,
  markApiTokenRevoked,
  type ApiTokenListing,
} from '../../store/repositories/api-tokens.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import { credentialsChanged } from '../auth/sessions.ts';

export function apiTokenView(token: ApiTokenListing) {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    userId: token.userId,
    userName: token.userName,
    createdAt: token.createdAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
    active: token.revokedAt === null,
  };
}

export async function listApiTokenViews(scope: TenantScope) {
  return { items: (await listApiTokens(scope)).map(apiTokenView) };
}

/** Revokes a token: from this answer on, a request presenting it is refused (401). Revoking twice changes nothing. */
export async function revokeApiToken(scope: TenantScope, tokenId: string, now = new Date()) {
  const revoked = await inTransaction(scope, async (tx) => {
    if (!(await findApiToken(tx, tokenId))) throw notFound('API token');
    await markApiTokenRevoked(tx, tokenId, now);
    return (await findApiToken(tx, tokenId))!;
  });
  // Credentials are cached per process for a few seconds; forget them now.
  credentialsChanged();
  return apiTokenView(revoked);
}
