import type { Role } from '../domain/vocabulary.ts';
import type { TenantScope } from '../store/tenant-scope.ts';

/** Who is acting, within which tenant: every use case receives one. */
export interface Actor {
  scope: TenantScope;
  role: Role;
  userId: string | null;
  /** How the actor is named on the timeline when there is no user (an API token's name). */
  label: string;
  /** The API token acting, when it is one: limits that count per asker count per token, not per role. */
  tokenId?: string;
}

/** Who is asking, for limits kept per asker: the person, or the integration's own token. */
export const askerKey = (actor: Actor): string =>
  actor.userId ? `user:${actor.userId}` : actor.tokenId ? `token:${actor.tokenId}` : actor.label;
