import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { WEB_APP_DIST } from '../web-app-files.ts';

/** Paths the web app routes itself; each answers with its single page. */
const APP_PATHS = [
  '/',
  '/signin',
  '/work',
  '/work/*',
  '/supervisor',
  '/review',
  '/admin',
  '/admin/*',
  '/outbox',
  '/set-password',
  '/portal/:organisation',
  '/portal/:organisation/*',
];

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hearken</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto">
<h1>Hearken is running</h1><p>The web app has not been built yet: run <code>npm run build:web</code>
(<code>hearken serve</code> and <code>hearken demo</code> build it when they start).</p>
<p>The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/**
 * The web app (web/, built by Vite into web/dist): its hashed assets are cached for good, its
 * page never, so a new build reaches people on their next load.
 */
export const webAppRoutes: FastifyPluginAsync = async (app) => {
  const built = existsSync(`${WEB_APP_DIST}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: `${WEB_APP_DIST}/assets`,
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
    });
  }
  for (const url of APP_PATHS) {
    app.get(url, { config: { permission: 'public' }, schema: { hide: true } }, (_request, reply) =>
      sendWebAppPage(reply, 200),
    );
  }
};

async function sendWebAppPage(reply: FastifyReply, status: number): Promise<FastifyReply> {
  // Read each time: a rebuild while the server runs names new asset files.
  const page = await readFile(`${WEB_APP_DIST}/index.html`, 'utf8').catch(() => NOT_BUILT);
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
}

/**
 * A person who follows a wrong link in the browser gets the web app's own not-found page (with a
 * 404 status), not the API's JSON error; programs and anything under /api/ keep the JSON answer.
 */
export function wantsWebAppPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0]!;
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !path.startsWith('/api/') &&
    !path.startsWith('/assets/') &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

export const sendWebAppNotFound = (reply: FastifyReply) => sendWebAppPage(reply, 404);
