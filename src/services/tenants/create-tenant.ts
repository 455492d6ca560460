import { AppError, conflict } from '../../errors.ts';
import type { Db } from '../../store/database.ts';
import { insertTenant } from '../../store/repositories/tenants.ts';
import { scopeTo } from '../../store/tenant-scope.ts';
import { newPassword } from '../auth/secrets.ts';
import { createApiToken, createUser } from '../people/manage-people.ts';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface CreatedTenant {
  tenant: { id: string; slug: string; name: string };
  token: string;
  admin: { email: string; password: string };
}

/** A new organisation with its first administrator (a login and an API token). */
/** Slugs appear in webhook paths beside Hearken's own /api/v1/channels/<word> routes. */
const RESERVED_SLUGS = new Set([
  'feeds',
  'settings',
  'webhook-secrets',
  'quarantine',
  'mailboxes',
  'chat',
  'live',
  'sessions',
]);

export async function createTenant(
  db: Db,
  input: {
    slug: string;
    name?: string | undefined;
    adminEmail?: string | undefined;
    adminPassword?: string | undefined;
  },
): Promise<CreatedTenant> {
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG.test(slug)) {
    throw new AppError(
      'validation_failed',
      `"${input.slug}" is not a valid slug: use lowercase letters, digits and dashes`,
    );
  }
  if (RESERVED_SLUGS.has(slug)) {
    throw new AppError(
      'validation_failed',
      `"${slug}" is a word Hearken's own addresses use (/api/v1/channels/${slug}); choose another slug`,
    );
  }
  const tenant = await insertTenant(db, slug, input.name?.trim() || slug);
  if (!tenant) throw conflict(`A tenant with slug "${slug}" already exists`);
  const scope = scopeTo(db, tenant.id);
  const email = input.adminEmail ?? `admin@${slug}.hearken.local`;
  const password = input.adminPassword ?? newPassword();
  const admin = await createUser(scope, { email, name: 'Administrator', role: 'admin', password });
  const { token } = await createApiToken(scope, { name: 'initial admin token', role: 'admin', userId: admin.id });
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    token,
    admin: { email: admin.email, password },
  };
}
