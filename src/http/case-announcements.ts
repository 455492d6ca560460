import type { FastifyInstance, FastifyRequest } from 'fastify';
import { announcingCaseChange } from '../services/workspace/case-change-feed.ts';

/**
 * Runs a request's change of a case, then tells the staff screens it concerns that the case
 * moved (a case_changed event on GET /chat/live). A failure to tell is logged, never answered.
 */
export function announceCaseChange<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  caseId: string,
  change: () => Promise<T>,
): Promise<T> {
  return announcingCaseChange(app.channels.feed, request.actor, caseId, change, (error) =>
    request.log.warn({ err: error, caseId }, 'case change not announced'),
  );
}
