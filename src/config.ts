import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './domain/auth/login-limits.ts';

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
  /** The inbound SMTP listener's port; null: no listener. */
  smtpPort: number | null;
  /** The relay agents' email replies go out through (`smtp://user:pass@host:587`); null: replies wait, retried. */
  smtpRelayUrl: string | null;
  /** Without a relay, keep outgoing mail in the local catcher (the outbox) instead of queuing it: the demo does. */
  catchMail: boolean;
  /** Log lines as short text for a person at a terminal instead of JSON (the demo, on a terminal). */
  prettyLogs: boolean;
  /** The domain of the organisations' own addresses (`<slug>@<domain>`) and of outgoing Message-IDs. */
  mailDomain: string;
  /** Where this server is reached from outside, for links in messages; https here makes cookies Secure and sends HSTS. */
  publicUrl: string | null;
  /**
   * Behind a reverse proxy: believe its X-Forwarded-For/-Proto (true, a hop count, or the proxies'
   * addresses), so rate limits see the client's address and cookies are Secure over https.
   */
  trustProxy: boolean | number | string;
  /** A request's headers and body must have arrived within this time, or the connection is closed (slow clients). */
  requestTimeoutMs: number;
  loginLimits: LoginLimits;
}

export function storeSettings(
  flags: { dataDir?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): StoreSettings {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: flags.dataDir ?? env.HEARKEN_DATA_DIR ?? './.hearken',
  };
}

export function serverSettings(
  flags: {
    dataDir?: string | undefined;
    port?: string | undefined;
    host?: string | undefined;
    smtpPort?: string | undefined;
  },
  env: NodeJS.ProcessEnv = process.env,
): ServerSettings {
  const port = Number(flags.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`port "${flags.port ?? env.PORT}" is not a port number`);
  const smtpPortText = flags.smtpPort ?? (env.HEARKEN_SMTP_PORT || undefined);
  const smtpPort = smtpPortText === undefined ? null : Number(smtpPortText);
  if (smtpPort !== null && (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535))
    throw new Error(`SMTP port "${smtpPortText}" is not a port number`);
  return {
    ...storeSettings(flags, env),
    host: flags.host ?? env.HOST ?? '127.0.0.1',
    port,
    logLevel: env.HEARKEN_LOG_LEVEL ?? 'info',
    jobPollMs: Number(env.HEARKEN_JOB_POLL_MS ?? 1000),
    smtpPort,
    smtpRelayUrl: env.HEARKEN_SMTP_RELAY || null,
    catchMail: false,
    prettyLogs: false,
    mailDomain: (env.HEARKEN_MAIL_DOMAIN || 'hearken.localhost').trim().toLowerCase(),
    publicUrl: env.HEARKEN_PUBLIC_URL || null,
    trustProxy: trustProxySetting(env.HEARKEN_TRUST_PROXY),
    requestTimeoutMs: positiveInteger(env, 'HEARKEN_REQUEST_TIMEOUT_MS', 30_000),
    loginLimits: {
      perAccountClientMax: positiveInteger(env, 'HEARKEN_LOGIN_RATE_LIMIT', DEFAULT_LOGIN_LIMITS.perAccountClientMax),
      perClientMax: positiveInteger(env, 'HEARKEN_LOGIN_CLIENT_RATE_LIMIT', DEFAULT_LOGIN_LIMITS.perClientMax),
      windowMs: positiveInteger(env, 'HEARKEN_LOGIN_RATE_WINDOW_MS', DEFAULT_LOGIN_LIMITS.windowMs),
      lockoutAfter: positiveInteger(env, 'HEARKEN_LOGIN_LOCKOUT_AFTER', DEFAULT_LOGIN_LIMITS.lockoutAfter),
      lockoutSeconds: positiveInteger(env, 'HEARKEN_LOGIN_LOCKOUT_SECONDS', DEFAULT_LOGIN_LIMITS.lockoutSeconds),
      lockoutMaxSeconds: positiveInteger(
        env,
        'HEARKEN_LOGIN_LOCKOUT_MAX_SECONDS',
        DEFAULT_LOGIN_LIMITS.lockoutMaxSeconds,
      ),
    },
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`${name}="${text}" is not a positive whole number`);
  return Number(text);
}

/** HEARKEN_TRUST_PROXY: true/false, a number of proxy hops, or the proxies' addresses (comma-separated). */
function trustProxySetting(text: string | undefined): boolean | number | string {
  const value = (text ?? '').trim();
  if (value === '' || /^(false|no|off)$/i.test(value)) return false;
  if (/^(true|yes|on)$/i.test(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
