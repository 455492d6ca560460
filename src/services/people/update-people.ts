import { and, eq } from 'drizzle-orm';
import { AppError, invalid, notFound } from '../../errors.ts';
import { wouldCreateSupervisorLoop } from '../../domain/people.ts';
import type { Role } from '../../domain/vocabulary.ts';
import { loadOrganisation } from '../../store/repositories/organisation.ts';
import { findTeam, findUser } from '../../store/repositories/people.ts';
import { teams, users } from '../../store/schema.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { deactivateUser } from './deactivate-user.ts';
import { teamView, userView } from './manage-people.ts';

export interface UserChanges {
  name?: string | undefined;
  role?: Role | undefined;
  teamId?: string | null | undefined;
  supervisorId?: string | null | undefined;
  skills?: string[] | undefined;
  active?: boolean | undefined;
}

export async function updateUser(actor: Actor, userId: string, input: UserChanges, now = new Date()) {
  if (input.active === false) await deactivateUser(actor, userId, now);
  return inTransaction(actor.scope, async (scope) => {
    const user = await findUser(scope, userId);
    if (!user) throw notFound('User');
    if (input.teamId && !(await findTeam(scope, input.teamId)))
      throw invalid('teamId is not a team of this organisation', { field: 'teamId' });
    if (input.supervisorId !== undefined && input.supervisorId !== null) {
      const org = await loadOrganisation(scope);
      if (!org.users.get(input.supervisorId)?.staff)
        throw invalid('supervisorId is not a member of staff here', { field: 'supervisorId' });
      if (wouldCreateSupervisorLoop(userId, input.supervisorId, (id) => org.users.get(id)?.supervisorId ?? null)) {
        throw new AppError('conflict', 'That would make this person their own supervisor, through the chain', {
          reason: 'supervisor_loop',
        });
      }
    }
    const { active, ...rest } = input;
    const changes = { ...rest, ...(active === true ? { active: true } : {}) };
    if (Object.values(changes).some((v) => v !== undefined)) {
      await scope.db
        .update(users)
        .set(changes)
        .where(and(eq(users.tenantId, scope.tenantId), eq(users.id, userId)));
    }
    return userView((await findUser(scope, userId))!);
  });
}

export function updateTeam(
  actor: Actor,
  teamId: string,
  input: { name?: string; skills?: string[]; regions?: string[]; leadUserId?: string | null },
) {
  return inTransaction(actor.scope, async (scope) => {
    if (!(await findTeam(scope, teamId))) throw notFound('Team');
    if (input.leadUserId) {
      const lead = await findUser(scope, input.leadUserId);
      if (!lead || !lead.active || lead.role === 'customer')
        throw invalid('leadUserId is not an active member of staff here', { field: 'leadUserId' });
    }
    if (input.leadUserId === null)
      throw invalid('A team keeps a lead: appoint another instead of removing one', { field: 'leadUserId' });
    const rows = await scope.db
      .update(teams)
      .set(input)
      .where(and(eq(teams.tenantId, scope.tenantId), eq(teams.id, teamId)))
      .returning();
    return teamView(rows[0]!);
  });
}
