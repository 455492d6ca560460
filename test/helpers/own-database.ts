import pg from 'pg';

/**
 * A PostgreSQL database of a test file's own, beside the shared one named by DATABASE_URL, for
 * tests that start `hearken serve` processes: a server runs every organisation's due jobs, and
 * on the shared database it would take (and send) other files' work. Without DATABASE_URL the
 * tests use embedded stores and this gives nothing.
 */
export async function ownPostgresDatabase(
  prefix: string,
): Promise<{ url: string | undefined; env: NodeJS.ProcessEnv; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { url: undefined, env: {}, drop: async () => undefined };
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(connectionString: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
