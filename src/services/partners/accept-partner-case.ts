import { randomUUID } from 'node:crypto';
import { AppError, conflict, notFound } from '../../errors.ts';
import type { Identity } from '../../domain/identity.ts';
import { acceptShare, type ShareStatus } from '../../domain/cases/partner-share.ts';
import { findIdentityOwners, insertCustomers, insertIdentities } from '../../store/repositories/customers.ts';
import {
  findShareForParty,
  listSharesWithPartner,
  type DisclosedCustomer,
  type ShareRecord,
} from '../../store/repositories/partner-shares.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { openCaseForChange, recordCaseEvents, refusalError } from '../cases/case-change.ts';
import { createCase } from '../cases/create-case.ts';
import { authorOf, openShareForChange, saveShare } from './share-change.ts';
import { shareView } from './share-view.ts';

/** Cases other organisations have shared with mine: invitations first to decide, then the rest. */
export async function listPartnerCases(actor: Actor, statuses: ShareStatus[] = ['invited', 'active']) {
  const shares = await listSharesWithPartner(actor.scope, statuses);
  return shares.map((share) => shareView(share, 'partner'));
}

/** A share my organisation is the partner of; the sharer and strangers are told it is not theirs to accept. */
export async function findShareAsPartner(scope: TenantScope, shareId: string): Promise<ShareRecord> {
  const share = await findShareForParty(scope, shareId);
  if (!share) throw notFound('Partner case');
  if (share.partnerTenantId !== scope.tenantId)
    throw conflict('Only the partner organisation can accept a shared case', { reason: 'not_the_partner' });
  return share;
}

/**
 * The partner takes the shared case on: a case of its own, owned by whoever accepts, for its
 * own customer record — found by the identities the sharer disclosed, or created — so that
 * the partner's people see it on their customer's timeline and never read the sharer's.
 */
export function acceptPartnerCase(actor: Actor, shareId: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const me: Actor = { ...actor, scope };
    const found = await findShareAsPartner(scope, shareId);
    if (!me.userId)
      throw new AppError(
        'forbidden',
        'A shared case is accepted by a person, who owns it from then on; use a personal sign-in or token',
      );
    const change = await openShareForChange(scope.db, found, 'partner', me, now);
    const accepted = acceptShare({ ...change.share });
    if (!accepted.ok) throw refusalError(accepted);
    const { share } = change;

    const customerId = await customerFor(
      scope,
      share.customerDisclosed,
      `Customer of ${share.sharerName} (${share.reference})`,
    );
    const subject = `${share.subject} — shared by ${share.sharerName} ${share.reference}`.slice(0, 500);
    const created = await createCase(me, { customerId, subject }, now);
    await saveShare(change, { status: 'active', partnerCaseId: created.id, acceptedAt: now });
    change.mirror = await openCaseForChange(scope, me, created.id, now);
    // createCase stamped its own events at `now`: ours follow them.
    change.mirror.eventsRecorded = 2;

    const acceptedBy = await authorOf(me, share.partnerName);
    await recordCaseEvents(change.sharer, [
      { kind: 'partner_share_accepted', data: { shareId: share.id, partner: share.partnerName, acceptedBy } },
    ]);
    await recordCaseEvents(change.mirror, [
      {
        kind: 'partner_share_accepted',
        data: {
          shareId: share.id,
          sharedBy: share.sharerName,
          reference: share.reference,
          subject: share.subject,
          customerDisclosed: share.customerDisclosed,
          acceptedBy,
        },
      },
    ]);
    return shareView(change.share, 'partner');
  });
}

/** The partner's own customer for the shared case: one it already knows by a disclosed identity, or a new one. */
async function customerFor(scope: TenantScope, disclosed: DisclosedCustomer, fallbackName: string): Promise<string> {
  const identities: Identity[] = [];
  if (disclosed.email) identities.push({ kind: 'email', value: disclosed.email });
  if (disclosed.phone) identities.push({ kind: 'phone', value: disclosed.phone });
  const known = await findIdentityOwners(scope, identities);
  const byEmail = known.find((k) => k.kind === 'email') ?? known[0];
  if (byEmail) return byEmail.customerId;
  const id = randomUUID();
  await insertCustomers(scope, [{ id, name: disclosed.name ?? fallbackName }]);
  await insertIdentities(
    scope,
    identities.map((i) => ({ ...i, customerId: id })),
  );
  return id;
}
