import { AppError, conflict, notFound } from '../../errors.ts';
import { resolveCustomerId } from '../../store/repositories/customer-merges.ts';
import type { Role } from '../../domain/vocabulary.ts';
import { insertApiToken } from '../../store/repositories/credentials.ts';
import { findUser, insertTeam, insertUser, type NewTeam } from '../../store/repositories/people.ts';
import type { TeamRow, UserRow } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { hashPassword, newSecret } from '../auth/secrets.ts';
import { checkOwner, checkTeam } from '../cases/case-references.ts';

export function userView(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamId: user.teamId,
    supervisorId: user.supervisorId,
    skills: user.skills,
    customerId: user.customerId,
    active: user.active,
  };
}

export function teamView(team: TeamRow) {
  return { id: team.id, name: team.name, skills: team.skills, regions: team.regions, leadUserId: team.leadUserId };
}

export async function createUser(
  scope: TenantScope,
  input: {
    email: string;
    name: string;
    role: Role;
    password?: string | undefined;
    teamId?: string | undefined;
    supervisorId?: string | undefined;
    skills?: string[] | undefined;
    customerId?: string | undefined;
  },
) {
  // A portal login is a customer's own: it belongs to exactly one customer record, staff to none.
  if ((input.role === 'customer') !== Boolean(input.customerId)) {
    throw new AppError(
      'validation_failed',
      input.role === 'customer'
        ? 'A customer login needs the customerId it belongs to'
        : 'Only a customer login belongs to a customer',
      { field: 'customerId' },
    );
  }
  // A merged customer's old id still names the person: the login belongs to the survivor.
  const customerId = input.customerId ? await resolveCustomerId(scope, input.customerId) : undefined;
  if (input.customerId && !customerId) throw notFound('Customer');
  await checkTeam(scope, input.teamId);
  await checkOwner(scope, input.supervisorId, 'supervisorId');
  const user = await insertUser(scope, {
    email: input.email.trim().toLowerCase(),
    name: input.name.trim(),
    role: input.role,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    teamId: input.teamId ?? null,
    supervisorId: input.supervisorId ?? null,
    skills: input.skills ?? [],
    customerId: customerId ?? null,
  });
  if (!user) throw conflict(`A user with email ${input.email} already exists`, { field: 'email' });
  return userView(user);
}

export async function createTeam(scope: TenantScope, input: NewTeam) {
  await checkOwner(scope, input.leadUserId, 'leadUserId');
  const team = await insertTeam(scope, input);
  if (!team) throw conflict(`A team named ${input.name} already exists`, { field: 'name' });
  return teamView(team);
}

/** A new API token; its secret is returned this once and never again. */
export async function createApiToken(scope: TenantScope, input: { name: string; role: Role; userId?: string | null }) {
  if (input.userId && !(await findUser(scope, input.userId))) throw notFound('User');
  const { secret, hash } = newSecret('hk');
  const { id } = await insertApiToken(scope, {
    name: input.name,
    role: input.role,
    tokenHash: hash,
    userId: input.userId ?? null,
  });
  return { id, name: input.name, role: input.role, token: secret };
}
