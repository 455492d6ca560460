import { storeSettings } from '../config.ts';
import { createTenant } from '../services/tenants/create-tenant.ts';
import { openDatabase } from '../store/database.ts';

export async function tenantCreateCommand(
  slug: string,
  flags: { name?: string; adminEmail?: string; json?: boolean; dataDir?: string },
): Promise<void> {
  const database = await openDatabase(storeSettings(flags));
  try {
    const created = await createTenant(database.db, { slug, name: flags.name, adminEmail: flags.adminEmail });
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      [
        `Created tenant ${created.tenant.slug} (${created.tenant.name})`,
        `  admin login: ${created.admin.email} / ${created.admin.password}`,
        `  API token:   ${created.token}`,
        'Keep the token safe: it is shown only now.',
        '',
      ].join('\n'),
    );
  } finally {
    await database.close();
  }
}
