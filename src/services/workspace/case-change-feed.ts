import { findCaseAudience, type CaseAudience } from '../../store/repositories/case-audience.ts';
import type { Actor } from '../actor.ts';
import type { LiveFeed } from '../channels/live-feed.ts';

/** The ids worth naming: known, each once, and not the case's own owner or team (already on the event). */
const others = (ids: (string | null | undefined)[], own: string | null): string[] => [
  ...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== own)),
];

/**
 * Runs a change that may move a case between work queues, then tells the live screens of
 * everyone it concerns, before and after (the owner it was taken from sees it leave, the
 * receiver of an offer sees it arrive). The change commits inside `change`, so the event is
 * published only once it is stored. Telling screens is best effort: a failure is reported to
 * `onError` and never fails the change that already happened.
 */
export async function announcingCaseChange<T>(
  feed: LiveFeed,
  actor: Actor,
  caseId: string,
  change: () => Promise<T>,
  onError: (error: unknown) => void,
): Promise<T> {
  let before: CaseAudience | undefined;
  try {
    before = await findCaseAudience(actor.scope, caseId);
  } catch (error) {
    onError(error);
  }
  const result = await change();
  try {
    const after = await findCaseAudience(actor.scope, caseId);
    if (after) {
      feed.publish({
        tenantId: actor.scope.tenantId,
        kind: 'case_changed',
        caseId: after.caseId,
        customerId: after.customerId,
        ownerId: after.ownerId,
        teamId: after.teamId,
        audience: {
          userIds: others([...after.userIds, before?.ownerId, ...(before?.userIds ?? [])], after.ownerId),
          teamIds: others([...after.teamIds, before?.teamId, ...(before?.teamIds ?? [])], after.teamId),
        },
      });
    }
  } catch (error) {
    onError(error);
  }
  return result;
}
