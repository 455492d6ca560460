import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { CredentialResolver, shareCredentialChanges } from '../services/auth/sessions.ts';
import type { Database } from '../store/database.ts';
import { channelRuntime, type ChannelRuntime } from '../services/channels/outbound/channel-runtime.ts';
import { registerAuthentication, SESSION_COOKIE } from './auth.ts';
import type { LoginLimits } from '../domain/auth/login-limits.ts';
import { DEFAULT_LOGIN_LIMITS } from '../domain/auth/login-limits.ts';
import { registerCrossSiteGuard } from './cross-site-guard.ts';
import { clientErrorHandler, errorHandler, notFoundHandler } from './errors.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerShutdownRefusal } from './shutdown-refusal.ts';
import { registerStrictNumbers } from './strict-numbers.ts';
import { WEBHOOK_SECURITY } from './signed-webhooks.ts';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_SIGNATURE_SCHEME } from '../services/channels/webhook-signature.ts';
import { adminConsoleRoutes } from './routes/admin-console.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { authRoutes } from './routes/auth.ts';
import { callbackRoutes } from './routes/callbacks.ts';
import { caseHandoffRoutes } from './routes/case-handoffs.ts';
import { caseMergeRoutes } from './routes/case-merges.ts';
import { casePolicyRoutes } from './routes/case-policy.ts';
import { caseReplyRoutes } from './routes/case-replies.ts';
import { channelMailboxRoutes } from './routes/channel-mailboxes.ts';
import { contactAttachmentRoutes } from './routes/contact-attachments.ts';
import { caseRoutes } from './routes/cases.ts';
import { chatRoutes, chatWidgetRoutes } from './routes/chat.ts';
import { channelSettingsRoutes } from './routes/channel-settings.ts';
import { mailOutboxRoutes } from './routes/mail-outbox.ts';
import { channelWebhookRoutes } from './routes/channel-webhooks.ts';
import { contactRoutes } from './routes/contacts.ts';
import { customerMergeRoutes } from './routes/customer-merges.ts';
import { customerRoutes } from './routes/customers.ts';
import { healthRoutes } from './routes/health.ts';
import { sendWebAppNotFound, wantsWebAppPage, webAppRoutes } from './routes/web-app.ts';
import { partnerCaseRoutes } from './routes/partner-cases.ts';
import { peopleRoutes } from './routes/people.ts';
import { portalRoutes } from './routes/portal.ts';
import { problemRoutes } from './routes/problems.ts';
import { searchRoutes } from './routes/search.ts';
import { slaRoutes } from './routes/sla.ts';
import { supervisorRoutes } from './routes/supervisor.ts';
import { verificationRoutes } from './routes/verifications.ts';
import { workspaceRoutes } from './routes/workspace.ts';
import { shareErrorResponses } from './openapi-shared-parts.ts';
import { API_AREAS } from './api-areas.ts';

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** Always mark the session cookie Secure; it is anyway on requests that came over https. */
  secureCookies?: boolean;
  /** Where people reach this server; https makes cookies Secure and sends HSTS, and its origin may make changes. */
  publicUrl?: string | null;
  /** Behind a reverse proxy: believe its X-Forwarded-* headers (true, a hop count, or its addresses). */
  trustProxy?: boolean | number | string;
  /** Headers and body must have arrived within this time, or the connection is closed (408). */
  requestTimeoutMs?: number;
  loginLimits?: Partial<LoginLimits>;
  /** How channels reach the outside world (mail relay, own mail domain); defaults suit a laptop. */
  channels?: Partial<ChannelRuntime>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The channel runtime every route and adapter of this server shares. */
    channels: ChannelRuntime;
  }
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: trustProxyOption(options.trustProxy),
    // A client trickling its headers or body is cut off once the whole request has not arrived in
    // time; Node checks pending requests every connectionsCheckingInterval, so that follows the timeout.
    requestTimeout,
    http: {
      headersTimeout: Math.min(60_000, requestTimeout),
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(requestTimeout / 4))),
    },
    // Errors Fastify raises before routing (a badly encoded URL) get the same shape as all others…
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
    // …and so do those Node's parser raises before there is a request (431 headers too large, 408).
    clientErrorHandler,
    // Fastify's own 503 while closing has its own shape; registerShutdownRefusal answers in ours.
    return503OnClosing: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    wantsWebAppPage(request) ? sendWebAppNotFound(reply) : notFoundHandler(request, reply),
  );
  registerSecurityHeaders(app, { publicUrl: options.publicUrl });
  registerShutdownRefusal(app);
  await app.register(cookie);
  registerCrossSiteGuard(app, { publicUrl: options.publicUrl });
  registerStrictNumbers(app);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Hearken API',
        version: '1',
        description:
          'Customer service API: contacts on every channel land on one customer timeline; cases are owned until solved. ' +
          'Errors are always {"error": {"code", "message", "details?"}}.',
        license: { name: 'Apache-2.0' },
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token from `hearken tenant create` or POST /api/v1/tokens',
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'Set by POST /api/v1/auth/login',
          },
          [WEBHOOK_SECURITY]: {
            type: 'apiKey',
            in: 'header',
            name: WEBHOOK_SIGNATURE_HEADER,
            description: WEBHOOK_SIGNATURE_SCHEME,
          },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
      tags: API_AREAS,
    },
    transformObject: (document) =>
      'openapiObject' in document ? shareErrorResponses(document.openapiObject) : document.swaggerObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // Some 200 operations: drawn all at once they kept the page busy for half a second. The areas
    // come first, each opened with a click or found with the filter; schemas live with their operations.
    uiConfig: { docExpansion: 'none', filter: true, defaultModelsExpandDepth: -1 },
  });

  // Every API route must say who may call it: forgetting would make it public.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && route.config?.permission === undefined) {
      throw new Error(`Route ${route.method} ${route.url} does not declare a permission`);
    }
  });

  const { database } = options;
  app.decorate('channels', channelRuntime(options.channels));
  const liveFailed = (error: unknown) => app.log.warn({ err: error }, 'live event not passed on');
  app.channels.feed.reportErrorsTo(liveFailed);
  // Several processes on one PostgreSQL database hear each other's live events.
  if (database.broadcast) {
    const { feed } = app.channels;
    await feed.connect(database.broadcast, liveFailed);
    app.addHook('onClose', () => feed.disconnect());
  }
  registerAuthentication(app, database.db, new CredentialResolver(database.db));
  // A token revoked or a person deactivated through another process is refused here at once too.
  if (database.broadcast) {
    const stopSharing = await shareCredentialChanges(database.broadcast);
    app.addHook('onClose', () => stopSharing());
  }

  await app.register(webAppRoutes);
  await app.register(chatWidgetRoutes);
  await app.register(healthRoutes(database));
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(
    async (api) => {
      await api.register(
        authRoutes(database.db, {
          secureCookies: (options.secureCookies ?? false) || (options.publicUrl?.startsWith('https:') ?? false),
          loginLimits: { ...DEFAULT_LOGIN_LIMITS, ...options.loginLimits },
        }),
      );
      await api.register(contactRoutes);
      await api.register(customerRoutes);
      await api.register(customerMergeRoutes);
      await api.register(caseRoutes);
      await api.register(caseHandoffRoutes);
      await api.register(partnerCaseRoutes(database.db));
      await api.register(caseMergeRoutes);
      await api.register(problemRoutes);
      await api.register(callbackRoutes);
      await api.register(casePolicyRoutes);
      await api.register(searchRoutes);
      await api.register(analysisRoutes);
      await api.register(peopleRoutes);
      await api.register(slaRoutes);
      await api.register(caseReplyRoutes);
      await api.register(channelMailboxRoutes);
      await api.register(contactAttachmentRoutes);
      await api.register(channelSettingsRoutes);
      await api.register(mailOutboxRoutes);
      await api.register(channelWebhookRoutes(database.db));
      await api.register(portalRoutes);
      await api.register(chatRoutes(database.db));
      await api.register(workspaceRoutes);
      await api.register(supervisorRoutes);
      await api.register(adminConsoleRoutes(database.db));
      await api.register(verificationRoutes);
    },
    { prefix: '/api/v1' },
  );
  return app;
}

/** Fastify takes a hop count as a function of the hop. */
function trustProxyOption(
  setting: AppOptions['trustProxy'],
): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting ?? false;
}
