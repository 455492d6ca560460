import { and, eq } from 'drizzle-orm';
import { invalid } from '../../errors.ts';
import { isTimeZone } from '../../domain/sla/time-zone.ts';
import { findTenantOf } from '../../store/repositories/tenants.ts';
import { tenants } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';

/** The organisation as its administrators see it, with the addresses its customers use. */
export async function organisationView(scope: TenantScope, publicUrl: string) {
  const tenant = await findTenantOf(scope);
  const base = publicUrl.replace(/\/+$/, '');
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    timeZone: tenant.timeZone,
    verificationLockAfter: tenant.verificationLockAfter,
    verificationFailuresPerHour: tenant.verificationFailuresPerHour,
    portalUrl: `${base}/portal/${tenant.slug}`,
    chatWidgetSnippet: `<script src="${base}/widget.js" data-organisation="${tenant.slug}" async></script>`,
    createdAt: tenant.createdAt.toISOString(),
  };
}

/** The IANA name as the platform spells it ("europe/london" → "Europe/London"), or a clear refusal. */
export function canonicalTimeZone(name: string): string {
  const trimmed = name.trim();
  if (!isTimeZone(trimmed))
    throw invalid(`"${trimmed}" is not an IANA time zone such as Europe/London`, { field: 'timeZone' });
  return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
}

export async function updateOrganisation(
  scope: TenantScope,
  input: { name?: string; timeZone?: string; verificationLockAfter?: number; verificationFailuresPerHour?: number },
) {
  const changes: {
    name?: string;
    timeZone?: string;
    verificationLockAfter?: number;
    verificationFailuresPerHour?: number;
  } = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name === '') throw invalid('The organisation needs a name', { field: 'name' });
    changes.name = name;
  }
  if (input.timeZone !== undefined) changes.timeZone = canonicalTimeZone(input.timeZone);
  if (input.verificationLockAfter !== undefined) changes.verificationLockAfter = input.verificationLockAfter;
  if (input.verificationFailuresPerHour !== undefined)
    changes.verificationFailuresPerHour = input.verificationFailuresPerHour;
  if (Object.keys(changes).length > 0)
    await scope.db
      .update(tenants)
      .set(changes)
      .where(and(eq(tenants.id, scope.tenantId)));
}
