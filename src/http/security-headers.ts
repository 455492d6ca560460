import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * One Content-Security-Policy for the web app, the API docs and the API: everything comes from
 * Hearken itself, no inline or injected script, nothing may frame a Hearken page.
 * - style-src allows inline styles: Mantine writes its theme variables and responsive styles into
 *   <style> elements at run time, and Swagger UI sets style attributes; scripts stay strict.
 * - img-src data: for the inline favicon and Swagger UI's icons.
 * - The chat widget runs inside customers' own pages (under their policy, not this one); only
 *   widget.js itself must be loadable from other sites (its route says so), no Hearken page
 *   is ever framed, so frame-ancestors is 'none' everywhere.
 */
const DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
};

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer (helmet), and HSTS only where the browser reached Hearken over
 * https: directly, through a trusted proxy that says so, or because its public address is https.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { publicUrl?: string | null }) {
  const httpsEverywhere = options.publicUrl?.startsWith('https:') ?? false;
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: httpsEverywhere ? { ...DIRECTIVES, upgradeInsecureRequests: [] } : DIRECTIVES,
    },
    // Same-origin only: a partner link's token in a URL must not leave in a Referer, yet our own
    // requests keep their Origin header (with no-referrer, browsers send "Origin: null").
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (httpsEverywhere || cameOverHttps(request)) void reply.header('strict-transport-security', HSTS);
  });
}

/** request.protocol follows X-Forwarded-Proto only when trustProxy is on. */
const cameOverHttps = (request: FastifyRequest): boolean => request.protocol === 'https';
