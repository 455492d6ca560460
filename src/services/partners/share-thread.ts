import { notFound } from '../../errors.ts';
import { endShare, postToShare, type ShareSide } from '../../domain/cases/partner-share.ts';
import {
  findShareForParty,
  insertShareMessage,
  listShareMessages,
  listSharesOfCase,
  type ShareRecord,
} from '../../store/repositories/partner-shares.ts';
import { inTransaction, scopeTo, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { checkMayManage, openCaseForChange, refusalError, saveCase, type CaseChange } from '../cases/case-change.ts';
import {
  applyResponseTimer,
  authorOf,
  counterpartActor,
  escalatePingPong,
  openShareForChange,
  organisationOf,
  recordOnBothSides,
  saveShare,
  shareState,
  type ShareChange,
} from './share-change.ts';
import { shareMessageView, shareView } from './share-view.ts';

export interface ThreadPost {
  text: string;
  /** Hand the ball to the other organisation with this message. */
  handOff?: boolean | undefined;
}

/** The share as seen by one of its two tenants; anyone else is told it does not exist. */
export async function findShareAsParty(
  scope: TenantScope,
  shareId: string,
): Promise<{ share: ShareRecord; side: ShareSide }> {
  const share = await findShareForParty(scope, shareId);
  if (!share) throw notFound('Share');
  return { share, side: share.tenantId === scope.tenantId ? 'sharer' : 'partner' };
}

/** The one thread, as both sides read it; the share's own row says whose it is. */
export async function threadOf(share: ShareRecord, viewer: ShareSide, db: TenantScope['db']) {
  const messages = await listShareMessages(scopeTo(db, share.tenantId), share.id);
  return { share: shareView(share, viewer), items: messages.map((m) => shareMessageView(m, share)) };
}

export async function readShareThread(actor: Actor, shareId: string) {
  const { share, side } = await findShareAsParty(actor.scope, shareId);
  return threadOf(share, side, actor.scope.db);
}

/**
 * Adds a post to the thread, on both customers' timelines. A hand-off moves the ball to the
 * other organisation and counts; the third one is ping-pong and escalates on both sides.
 */
export async function writeToThread(change: ShareChange, input: ThreadPost & { author: string }) {
  const { side, now } = change;
  const result = postToShare({
    state: shareState(change.share),
    side,
    text: input.text,
    handOff: input.handOff ?? false,
    now,
    policy: change.sharer.policy,
  });
  if (!result.ok) throw refusalError(result);
  const message = await insertShareMessage(change.sharerScope, {
    shareId: change.share.id,
    side,
    author: input.author,
    text: result.text,
    handOff: input.handOff ?? false,
    createdAt: now,
  });
  await applyResponseTimer(change.db, change.share, change.share.responseDueAt, result.timer);
  await saveShare(change, result.state);
  const said = { side, organisation: organisationOf(change.share, side), author: input.author, text: result.text };
  if (input.handOff) {
    await recordOnBothSides(change, 'partner_handoff', {
      ...said,
      to: result.state.ballWith,
      handoffs: result.state.handoffs,
      partnerResponseDueAt: result.state.responseDueAt?.toISOString() ?? null,
    });
  } else {
    await recordOnBothSides(change, 'partner_message', said);
  }
  if (result.pingPong) await escalatePingPong(change);
  await saveCase(change.sharer, {});
  if (change.mirror) await saveCase(change.mirror, {});
  return { share: shareView(change.share, side), message: shareMessageView(message, change.share) };
}

/** The case on the actor's own side: the sharer's case, or the partner's own copy. */
const ownCase = (change: ShareChange) => (change.side === 'sharer' ? change.sharer : change.mirror);

export function postToShareThread(actor: Actor, shareId: string, input: ThreadPost, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const me: Actor = { ...actor, scope };
    const { share: found, side } = await findShareAsParty(scope, shareId);
    const change = await openShareForChange(scope.db, found, side, me, now);
    const own = ownCase(change);
    if (input.handOff && own) checkMayManage(own, 'hand it over to the other organisation');
    return writeToThread(change, { ...input, author: await authorOf(me, organisationOf(found, side)) });
  });
}

/**
 * Either side ends the share (the partner may so decline an invitation): the thread stays
 * readable to both tenants, the waiting-on-partner clock stops and an outside link dies.
 */
export function endPartnerShare(
  actor: Actor,
  shareId: string,
  input: { reason?: string | undefined },
  now = new Date(),
) {
  return inTransaction(actor.scope, async (scope) => {
    const me: Actor = { ...actor, scope };
    const { share: found, side } = await findShareAsParty(scope, shareId);
    const change = await openShareForChange(scope.db, found, side, me, now);
    const own = ownCase(change);
    if (own) checkMayManage(own, 'end its sharing with the other organisation');
    await closeShare(change, {
      reason: input.reason?.trim() || null,
      by: await authorOf(me, organisationOf(found, side)),
    });
    return shareView(change.share, side);
  });
}

async function closeShare(change: ShareChange, input: { reason: string | null; by: string | null }): Promise<void> {
  const ended = endShare(shareState(change.share));
  if (!ended.ok) throw refusalError(ended);
  await applyResponseTimer(change.db, change.share, change.share.responseDueAt, { kind: 'cancel' });
  await saveShare(change, { ...ended.state, endedAt: change.now, endedBy: change.side });
  const organisation = organisationOf(change.share, change.side);
  await recordOnBothSides(change, 'partner_share_ended', {
    side: change.side,
    organisation,
    by: input.by,
    reason: input.reason,
    handoffs: change.share.handoffs,
  });
}

/**
 * Ends every share of a sharing case inside a change already holding that case — for the
 * use cases that close or merge a case away, so partners are not left writing to it.
 * Locks in the usual order: the sharing case (held), each partner's case, then the share.
 */
export async function endSharesOfCase(sharer: CaseChange, reason: string): Promise<number> {
  const db = sharer.scope.db;
  const open = (await listSharesOfCase(sharer.scope, sharer.row.id)).filter(
    (s) => s.tenantId === sharer.scope.tenantId && s.status !== 'ended',
  );
  for (const found of open) {
    const mirror =
      found.partnerCaseId && found.partnerTenantId
        ? await openCaseForChange(
            scopeTo(db, found.partnerTenantId),
            counterpartActor(scopeTo(db, found.partnerTenantId), found.sharerName),
            found.partnerCaseId,
            sharer.now,
          )
        : null;
    const share = (await findShareForParty(sharer.scope, found.id, { forUpdate: true }))!;
    if (share.status === 'ended') continue;
    await closeShare(
      { db, now: sharer.now, side: 'sharer', share, sharerScope: sharer.scope, sharer, mirror },
      { reason, by: null },
    );
  }
  return open.length;
}
