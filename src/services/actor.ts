import type { Role } from '../domain/vocabulary.ts';
import type { TenantScope } from '../store/tenant-scope.ts';

/** Who is acting, within which tenant: every use case receives one. */
export interface Actor {
  scope: TenantScope;
  role: Role;
  userId: string | null;
  /** How the actor is named on the timeline when there is no user (an API token's name). */
  label: string;
}
