import { eq } from 'drizzle-orm';
import type { Organisation } from '../../domain/cases/ownership.ts';
import { resolveCasePolicy, type CasePolicy, type CasePolicyOverrides } from '../../domain/cases/case-policy.ts';
import { teams, tenants, users } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

/** Everyone and every team of the tenant, as the ownership rules see them. */
export async function loadOrganisation(scope: TenantScope): Promise<Organisation> {
  const [people, teamRows] = [
    await scope.db
      .select({
        id: users.id,
        active: users.active,
        teamId: users.teamId,
        supervisorId: users.supervisorId,
        role: users.role,
      })
      .from(users)
      .where(eq(users.tenantId, scope.tenantId)),
    await scope.db
      .select({ id: teams.id, leadUserId: teams.leadUserId })
      .from(teams)
      .where(eq(teams.tenantId, scope.tenantId)),
  ];
  return {
    users: new Map(
      people.map((u) => [
        u.id,
        { active: u.active, teamId: u.teamId, supervisorId: u.supervisorId, staff: u.role !== 'customer' },
      ]),
    ),
    teams: new Map(teamRows.map((t) => [t.id, { leadUserId: t.leadUserId }])),
  };
}

export async function loadCasePolicy(scope: TenantScope): Promise<CasePolicy> {
  const rows = await scope.db
    .select({ policy: tenants.casePolicy })
    .from(tenants)
    .where(eq(tenants.id, scope.tenantId))
    .limit(1);
  return resolveCasePolicy(rows[0]?.policy);
}

export async function saveCasePolicy(scope: TenantScope, overrides: CasePolicyOverrides): Promise<void> {
  await scope.db.update(tenants).set({ casePolicy: overrides }).where(eq(tenants.id, scope.tenantId));
}
