import type { FastifyPluginAsync } from 'fastify';
import { PORTAL_PAGE } from '../portal/portal-page.ts';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hearken</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f5f6f8; }
  main { max-width: 40rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 12px; box-shadow: 0 1px 3px #0002; }
  h1 { margin-top: 0; } a { color: #2256c5; } code { background: #eef1f6; padding: 0 .3em; border-radius: 4px; }
</style></head>
<body><main>
<h1>Hearken is running</h1>
<p>One customer, one memory, every channel. The API is at <code>/api/v1</code>.</p>
<ul>
  <li><a href="/api/docs">API documentation</a> (OpenAPI at <a href="/api/openapi.json">/api/openapi.json</a>)</li>
  <li><a href="/healthz">Health check</a></li>
</ul>
</main></body></html>`;

/** A landing page until the web app is served from here. */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(PAGE),
  );
  // The customer portal of one organisation: /portal/<organisation-slug>.
  app.get('/portal/:organisation', { config: { permission: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(PORTAL_PAGE),
  );
};
