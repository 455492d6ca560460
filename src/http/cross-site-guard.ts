import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from './auth.ts';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOGIN_PATH = '/api/v1/auth/login';
// What a page on another site can send without the browser asking us first (a CORS preflight).
const SIMPLE_BODY_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** A header no cross-site form can set; the web app sends it with every call (body-less POSTs included). */
export const REQUESTED_WITH_HEADER = 'x-requested-with';

/**
 * CSRF: a change made with the session cookie must come from Hearken's own pages. The browser
 * says where a request comes from (Sec-Fetch-Site, else Origin), and the request must be one a
 * cross-site form cannot send (a JSON body, or the X-Requested-With header), so even a browser
 * that sends neither header cannot be used. Bearer tokens and signed webhooks carry no cookie
 * and are not concerned; signing in is checked for its origin too (login CSRF).
 */
export function registerCrossSiteGuard(app: FastifyInstance, options: { publicUrl?: string | null }): void {
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  app.addHook('onRequest', async (request) => {
    if (!CHANGES.has(request.method) || request.headers.authorization !== undefined) return;
    const withCookie = request.cookies[SESSION_COOKIE] !== undefined;
    if (!withCookie && request.url.split('?')[0] !== LOGIN_PATH) return;
    if (!fromOwnPages(request, publicOrigin))
      throw new AppError('cross_site_refused', 'This change must come from a Hearken page of this site');
    if (withCookie && !unsendableCrossSite(request))
      throw new AppError(
        'cross_site_refused',
        `Send this request with Content-Type: application/json (or an ${REQUESTED_WITH_HEADER} header)`,
      );
  });
}

function fromOwnPages(request: FastifyRequest, publicOrigin: string | undefined): boolean {
  // Browsers set Sec-Fetch-Site themselves and never let a page forge it, so it decides when sent
  // ("none": the person typed or bookmarked it). It also holds behind a proxy that rewrites Host
  // (the Vite dev server), where Origin and Host differ for our own pages.
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser, or an old one: the body-type check still applies
  return origin === `${request.protocol}://${request.host}` || origin === publicOrigin;
}

function unsendableCrossSite(request: FastifyRequest): boolean {
  if (request.headers[REQUESTED_WITH_HEADER] !== undefined) return true;
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type !== undefined && type !== '' && !SIMPLE_BODY_TYPES.includes(type);
}
