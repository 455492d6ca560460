/** Where settings come from: command-line flags first, then the environment, then defaults. */
export interface StoreSettings {
  databaseUrl: string | undefined;
  dataDir: string;
}

export interface ServerSettings extends StoreSettings {
  host: string;
  port: number;
  logLevel: string;
  /** How often each process looks for due background work. */
  jobPollMs: number;
}

export function storeSettings(flags: { dataDir?: string | undefined }, env: NodeJS.ProcessEnv = process.env): StoreSettings {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: flags.dataDir ?? env.HEARKEN_DATA_DIR ?? './.hearken',
  };
}

export function serverSettings(
  flags: { dataDir?: string | undefined; port?: string | undefined; host?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): ServerSettings {
  const port = Number(flags.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port "${flags.port ?? env.PORT}" is not a port number`);
  return {
    ...storeSettings(flags, env),
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.HEARKEN_LOG_LEVEL ?? 'info',
    jobPollMs: Number(env.HEARKEN_JOB_POLL_MS ?? 1000),
  };
}
