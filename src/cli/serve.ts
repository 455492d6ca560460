import type { FastifyInstance } from 'fastify';
import { serverSettings, type ServerSettings } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { AnalysisWorker } from '../jobs/analysis-worker.ts';
import { createJobWorker } from '../jobs/registry.ts';
import { startMailListener, type MailListener } from '../services/channels/email/mail-listener.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { prettyLogStream } from './pretty-log.ts';
import { ensureWebAppBuilt } from './web-build.ts';
import { startRetention } from '../store/retention.ts';
import { startStoreUpkeep } from '../store/upkeep.ts';
import { warmPasswordHashing } from '../services/auth/secrets.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** The inbound SMTP listener, when --smtp-port is given. */
  mail: MailListener | null;
  stop(): Promise<void>;
}

/** Opens the store (applying migrations), starts the HTTP server, and stops both cleanly on a signal. */
export async function startServer(
  settings: ServerSettings,
  onReady?: (server: RunningServer) => Promise<void>,
  /** A store the caller has already opened (the demo, which seeded it), handed over to the server. */
  opened?: Database,
): Promise<RunningServer> {
  await ensureWebAppBuilt((line) => process.stderr.write(`${line}\n`)).catch((error: unknown) => {
    // An install without dev dependencies cannot build; the API still serves.
    process.stderr.write(`The web app could not be built (${(error as Error).message}); serving the API only.\n`);
  });
  const database = opened ?? (await openDatabase(settings));
  const app = await buildApp({
    database,
    logger: {
      level: settings.logLevel,
      ...(settings.prettyLogs ? { stream: prettyLogStream() } : {}),
      // A partner link's token is its credential: it must never reach the logs.
      serializers: {
        req: (request: { method: string; url: string }) => ({
          method: request.method,
          url: redactSecrets(request.url),
        }),
      },
    },
    // An https public address makes the session cookie Secure and turns on HSTS; behind a proxy,
    // trustProxy lets X-Forwarded-Proto say the same per request (and gives rate limits the client's address).
    publicUrl: settings.publicUrl,
    trustProxy: settings.trustProxy,
    requestTimeoutMs: settings.requestTimeoutMs,
    loginLimits: settings.loginLimits,
    channels: {
      smtpRelayUrl: settings.smtpRelayUrl,
      catchMail: settings.catchMail,
      mailDomain: settings.mailDomain,
      ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
    },
  });
  try {
    await app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }
  // In the background: the first sign-in should not wait for it, nor should the start.
  void warmPasswordHashing().catch((error: unknown) => app.log.warn({ err: error }, 'password hashing warm-up failed'));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const shownHost = settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
  if (!settings.publicUrl) app.channels.publicUrl = `http://${shownHost}:${port}`;
  let mail: MailListener | null = null;
  if (settings.smtpPort !== null) {
    try {
      mail = await startMailListener({
        db: database.db,
        port: settings.smtpPort,
        host: settings.host,
        runtime: app.channels,
        logger: app.log,
      });
    } catch (error) {
      await app.close();
      await database.close();
      throw error;
    }
  }
  // Every process polls for due work; claiming with SKIP LOCKED keeps that safe. The workers use
  // the store's background connections, so a backlog never takes the ones requests wait for.
  const worker = createJobWorker(database.backgroundDb, {
    logger: app.log,
    pollMs: settings.jobPollMs,
    channels: app.channels,
  });
  worker.start();
  const analysis = new AnalysisWorker(database.backgroundDb, { logger: app.log });
  analysis.start();
  const stopUpkeep = startStoreUpkeep(database, {
    onError: (error) => app.log.warn({ err: error }, 'store upkeep failed'),
  });
  const stopRetention = startRetention(database, {
    onError: (error) => app.log.warn({ err: error }, 'forgetting expired rows failed'),
  });
  let stopping: Promise<void> | undefined;
  const server: RunningServer = {
    app,
    database,
    url: `http://${shownHost}:${port}`,
    mail,
    stop: () =>
      (stopping ??= (async () => {
        await mail?.close();
        await worker.stop();
        await analysis.stop();
        await stopUpkeep();
        await stopRetention();
        await app.close();
        await database.close();
      })()),
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void server.stop().then(() => process.exit(0));
    });
  }
  if (onReady) await onReady(server);
  return server;
}

export async function serveCommand(flags: {
  port?: string;
  host?: string;
  dataDir?: string;
  smtpPort?: string;
}): Promise<void> {
  const settings = serverSettings(flags);
  const server = await startServer(settings);
  process.stdout.write(`Hearken listening on ${server.url}\n`);
  if (server.mail) process.stdout.write(`Mail: listening for SMTP on port ${server.mail.port}\n`);
  process.stdout.write(`Store: ${server.database.kind} (${server.database.location})\n`);
}

export const redactSecrets = (url: string): string => url.replace(/(\/partner-links\/)[^/?#]+/, '$1[redacted]');
