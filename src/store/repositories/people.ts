import { and, asc, eq } from 'drizzle-orm';
import type { Role } from '../../domain/vocabulary.ts';
import { teams, users, type TeamRow, type UserRow } from '../schema.ts';
import type { TenantScope } from '../tenant-scope.ts';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash?: string | null;
  teamId?: string | null;
  customerId?: string | null;
  supervisorId?: string | null;
  skills?: string[];
}

export async function insertUser(scope: TenantScope, user: NewUser): Promise<UserRow | undefined> {
  const rows = await scope.db
    .insert(users)
    .values({ ...user, tenantId: scope.tenantId })
    .onConflictDoNothing()
    .returning();
  return rows[0];
}

export async function findUser(scope: TenantScope, id: string): Promise<UserRow | undefined> {
  const rows = await scope.db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, scope.tenantId), eq(users.id, id)))
    .limit(1);
  return rows[0];
}

export async function findUserByEmail(scope: TenantScope, email: string): Promise<UserRow | undefined> {
  const rows = await scope.db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, scope.tenantId), eq(users.email, email)))
    .limit(1);
  return rows[0];
}

export function listUsers(scope: TenantScope): Promise<UserRow[]> {
  return scope.db.select().from(users).where(eq(users.tenantId, scope.tenantId)).orderBy(asc(users.name));
}

export interface NewTeam {
  name: string;
  skills?: string[];
  regions?: string[];
  leadUserId?: string | null;
}

export async function insertTeam(scope: TenantScope, team: NewTeam): Promise<TeamRow | undefined> {
  const rows = await scope.db
    .insert(teams)
    .values({ ...team, tenantId: scope.tenantId })
    .onConflictDoNothing()
    .returning();
  return rows[0];
}

export async function findTeam(scope: TenantScope, id: string): Promise<TeamRow | undefined> {
  const rows = await scope.db
    .select()
    .from(teams)
    .where(and(eq(teams.tenantId, scope.tenantId), eq(teams.id, id)))
    .limit(1);
  return rows[0];
}

export function listTeams(scope: TenantScope): Promise<TeamRow[]> {
  return scope.db.select().from(teams).where(eq(teams.tenantId, scope.tenantId)).orderBy(asc(teams.name));
}
