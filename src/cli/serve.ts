import type { FastifyInstance } from 'fastify';
import { serverSettings, type ServerSettings } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { createJobWorker } from '../jobs/registry.ts';
import { openDatabase, type Database } from '../store/database.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** Opens the store (applying migrations), starts the HTTP server, and stops both cleanly on a signal. */
export async function startServer(settings: ServerSettings, onReady?: (server: RunningServer) => Promise<void>): Promise<RunningServer> {
  const database = await openDatabase(settings);
  const app = await buildApp({
    database,
    logger: {
      level: settings.logLevel,
      // A partner link's token is its credential: it must never reach the logs.
      serializers: { req: (request: { method: string; url: string }) => ({ method: request.method, url: redactSecrets(request.url) }) },
    },
  });
  try {
    await app.listen({ port: settings.port, host: settings.host });
  } catch (error) {
    await app.close();
    await database.close();
    throw error;
  }
  // Every process polls for due work; claiming with SKIP LOCKED keeps that safe.
  const worker = createJobWorker(database.db, { logger: app.log, pollMs: settings.jobPollMs });
  worker.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const shownHost = settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
  let stopping: Promise<void> | undefined;
  const server: RunningServer = {
    app,
    database,
    url: `http://${shownHost}:${port}`,
    stop: () =>
      (stopping ??= (async () => {
        await worker.stop();
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

export async function serveCommand(flags: { port?: string; host?: string; dataDir?: string }): Promise<void> {
  const settings = serverSettings(flags);
  const server = await startServer(settings);
  process.stdout.write(`Hearken listening on ${server.url}\n`);
  process.stdout.write(`Store: ${server.database.kind} (${server.database.location})\n`);
}

export const redactSecrets = (url: string): string => url.replace(/(\/partner-links\/)[^/?#]+/, '$1[redacted]');
