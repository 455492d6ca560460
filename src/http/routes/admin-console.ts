import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../store/database.ts';
import { apiTokenRoutes } from './api-tokens.ts';
import { organisationRoutes } from './organisation.ts';
import { passwordLinkRoutes } from './password-links.ts';
import { slaPreviewRoutes } from './sla-preview.ts';

/** What the admin console needs beyond the neighbours' routes: tokens, the organisation, invitations, SLA preview. */
export function adminConsoleRoutes(db: Db): FastifyPluginAsync {
  return async (app) => {
    await app.register(apiTokenRoutes);
    await app.register(organisationRoutes);
    await app.register(passwordLinkRoutes(db));
    await app.register(slaPreviewRoutes);
  };
}
