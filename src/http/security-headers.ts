import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

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
 * Security headers on every answer (helmet's), and HSTS only where the browser reached Hearken over
 * https: directly, through a trusted proxy that says so, or because its public address is https.
 * The headers are worked out once: @fastify/helmet rebuilt and re-parsed the whole policy on every
 * request, which cost the API a fifth of its write throughput.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { publicUrl?: string | null }): void {
  const httpsEverywhere = options.publicUrl?.startsWith('https:') ?? false;
  const headers = securityHeaders({
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
  const overHttps = { ...headers, 'strict-transport-security': HSTS };
  app.addHook('onRequest', (request, reply, done) => {
    // A route may still set one of these itself (the chat widget's Cross-Origin-Resource-Policy).
    void reply.headers(httpsEverywhere || cameOverHttps(request) ? overHttps : headers);
    done();
  });
}

/** The headers helmet sets with these options, caught from a stand-in response. */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const set: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      set[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => delete set[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return set;
}

/** request.protocol follows X-Forwarded-Proto only when trustProxy is on. */
const cameOverHttps = (request: FastifyRequest): boolean => request.protocol === 'https';
