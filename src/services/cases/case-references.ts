import { invalid } from '../../errors.ts';
import { isStaffRole } from '../../domain/permissions.ts';
import { findTeam, findUser } from '../../store/repositories/people.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';

/** An owner must be an active member of staff of the same organisation. */
export async function checkOwner(
  scope: TenantScope,
  ownerId: string | null | undefined,
  field = 'ownerId',
): Promise<void> {
  if (ownerId === null || ownerId === undefined) return;
  const user = await findUser(scope, ownerId);
  if (!user || !user.active || !isStaffRole(user.role)) {
    throw invalid(`${field} is not an active member of staff in this organisation`, { field });
  }
}

export async function checkTeam(scope: TenantScope, teamId: string | null | undefined): Promise<void> {
  if (teamId === null || teamId === undefined) return;
  if (!(await findTeam(scope, teamId))) throw invalid('teamId is not a team of this organisation', { field: 'teamId' });
}
