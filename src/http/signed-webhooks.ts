import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../errors.ts';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../services/channels/webhook-signature.ts';
import type { Db } from '../store/database.ts';
import {
  forgetWebhookReceipts,
  loadChannelSettings,
  recordWebhookReceipt,
} from '../store/repositories/channel-settings.ts';
import { findTenantBySlug } from '../store/repositories/tenants.ts';
import { scopeTo, type TenantScope } from '../store/tenant-scope.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The raw body a signed webhook's signature was computed over. */
    rawBody?: string;
    /** The organisation a verified webhook is for. */
    webhookScope?: TenantScope;
  }
}

const MALFORMED_JSON = Symbol('malformed JSON');

export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The OpenAPI security scheme name signed webhook routes declare. */
export const WEBHOOK_SECURITY = 'hearkenSignature';

/**
 * Makes every route registered in `app` a signed webhook: the body is kept raw, the
 * organisation comes from the `:tenant` slug in the path, and the request must carry a valid
 * HMAC signature made with one of that organisation's webhook secrets, seen for the first
 * time (a replay is refused with 401 like a bad signature). Register inside an encapsulated
 * plugin so the raw-body parser stays local.
 */
export function requireWebhookSignature(app: FastifyInstance, db: Db): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const raw = body as string;
    request.rawBody = raw;
    try {
      done(null, raw.length === 0 ? {} : JSON.parse(raw));
    } catch {
      // Refused after the signature check, so an unsigned request is a 401 whatever its body.
      done(null, MALFORMED_JSON);
    }
  });
  app.addHook('preValidation', async (request) => {
    request.webhookScope = await verifiedScope(db, request);
    if (request.body === MALFORMED_JSON)
      throw new AppError('bad_request', 'The body is not valid JSON', { reason: 'malformed_json' });
  });
}

async function verifiedScope(db: Db, request: FastifyRequest): Promise<TenantScope> {
  const slug = (request.params as { tenant?: string }).tenant ?? '';
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw notFound('Organisation');
  const scope = scopeTo(db, tenant.id);
  const { webhookSecrets } = await loadChannelSettings(scope);
  if (webhookSecrets.length === 0) {
    throw new AppError(
      'unauthenticated',
      'This organisation has no webhook secret yet: an administrator creates one with POST /api/v1/channels/webhook-secrets',
      { reason: 'no_webhook_secret' },
    );
  }
  const header = request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
  const verdict = verifyWebhookSignature({
    header: Array.isArray(header) ? header[0] : header,
    rawBody: request.rawBody ?? '',
    secrets: webhookSecrets,
    nowSec: Math.floor(Date.now() / 1000),
    toleranceSec: SIGNATURE_TOLERANCE_SECONDS,
  });
  if (!verdict.ok)
    throw new AppError('unauthenticated', `Webhook signature refused: ${verdict.reason}`, { reason: 'bad_signature' });
  // A receipt older than the tolerance guards nothing: that request is refused for its age.
  await forgetWebhookReceipts(scope, new Date(Date.now() - 2 * SIGNATURE_TOLERANCE_SECONDS * 1000));
  if (!(await recordWebhookReceipt(scope, verdict.signature))) {
    throw new AppError('unauthenticated', 'Webhook refused: this signed request was already received (a replay)', {
      reason: 'replayed',
    });
  }
  return scope;
}
