import type { LightMyRequestResponse } from 'fastify';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJobWorker } from '../../src/jobs/registry.ts';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../../src/services/channels/webhook-signature.ts';
import { scopeTo } from '../../src/store/tenant-scope.ts';
import type { TestApp } from './test-app.ts';

/** A webhook secret for the organisation, made through the API as an administrator would. */
export async function webhookSecret(t: TestApp, adminToken: string): Promise<string> {
  const res = await t.call(adminToken, { method: 'POST', url: '/api/v1/channels/webhook-secrets' });
  if (res.statusCode !== 201) throw new Error(`POST /channels/webhook-secrets answered ${res.statusCode}: ${res.body}`);
  return (res.json() as { secret: string }).secret;
}

export interface SignOptions {
  /** Unix seconds the signature claims; default now. */
  timestamp?: number;
  /** Send this header instead of the computed one (null: none). */
  signature?: string | null;
  /** Send these exact bytes (for garbage bodies); default JSON of `body`. */
  raw?: string;
}

/** POSTs a signed webhook to /api/v1/channels/<slug>/<path>, exactly as a channel provider would. */
export function signedPost(
  t: TestApp,
  slug: string,
  path: string,
  body: unknown,
  secret: string,
  options: SignOptions = {},
): Promise<LightMyRequestResponse> {
  const raw = options.raw ?? JSON.stringify(body);
  const header =
    options.signature === undefined
      ? signWebhook(secret, raw, options.timestamp ?? Math.floor(Date.now() / 1000))
      : options.signature;
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/channels/${slug}/${path}`,
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { [WEBHOOK_SIGNATURE_HEADER]: header }) },
    payload: raw,
  });
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP server for what Hearken sends out or fetches; `respond` decides each answer. */
export async function startSink(
  respond: (request: ReceivedRequest) => { status?: number; headers?: Record<string, string>; body?: string } = () => ({
    status: 200,
  }),
): Promise<{ url: string; received: ReceivedRequest[]; close: () => Promise<void>; server: Server }> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      const answer = respond(request);
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A fresh organisation with a webhook secret, as a channel test needs it: `post` sends a signed
 * webhook, `api` calls the API as its administrator, `runJobs` runs its due background work.
 */
export async function webhookOrganisation(t: TestApp) {
  const created = await t.newTenant();
  const secret = await webhookSecret(t, created.token);
  const post = (path: string, body: unknown, options: SignOptions = {}) =>
    signedPost(t, created.tenant.slug, path, body, secret, options);
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.call(created.token, {
      method,
      url: `/api/v1${url}`,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const runJobs = () =>
    createJobWorker(t.database.db, { tenantIds: [created.tenant.id], channels: t.app.channels }).runDue();
  return { ...created, secret, post, api, runJobs, scope: scopeTo(t.database.db, created.tenant.id) };
}
