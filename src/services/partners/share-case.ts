import { randomBytes } from 'node:crypto';
import { invalid, notFound } from '../../errors.ts';
import { normalizeEmail, normalizePhone } from '../../domain/identity.ts';
import { choosePartner, startShare } from '../../domain/cases/partner-share.ts';
import { findCase } from '../../store/repositories/cases.ts';
import {
  findShareForParty,
  hasOpenShare,
  insertShare,
  insertShareMessage,
  listSharesOfCase,
  type DisclosedCustomer,
} from '../../store/repositories/partner-shares.ts';
import { findTenantBySlug } from '../../store/repositories/tenants.ts';
import { inTransaction } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { hashSecret } from '../auth/secrets.ts';
import { checkMayManage, openCaseForChange, recordCaseEvents, refusalError, saveCase } from '../cases/case-change.ts';
import { applyResponseTimer, authorOf } from './share-change.ts';
import { shareView } from './share-view.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';

export interface ShareCaseInput {
  partnerTenant?: string | undefined;
  partnerName?: string | undefined;
  partnerEmail?: string | undefined;
  note: string;
  /** What the partner may know about the customer; nothing unless given. */
  customer?: { name?: string | undefined; email?: string | undefined; phone?: string | undefined } | undefined;
}

export const PARTNER_LINK_PREFIX = '/api/v1/partner-links/';

/**
 * Shares a case with a partner organisation: another tenant of this Hearken (which must
 * accept), or an outside party, who gets a link — an unguessable token shown only here,
 * stored only as its hash — to read the thread and answer without an account. Sharing hands
 * the next step to the partner, with a note so the customer never has to repeat themselves.
 */
export function shareCase(actor: Actor, caseId: string, input: ShareCaseInput, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const me: Actor = { ...actor, scope };
    const change = await openCaseForChange(scope, me, caseId, now);
    checkMayManage(change, 'share it with a partner');
    const choice = choosePartner(input);
    if (!choice.ok) throw refusalError(choice);
    let partner: { tenantId: string | null; name: string; email: string | null };
    if (choice.kind === 'tenant') {
      const tenant = await findTenantBySlug(scope.db, input.partnerTenant!.trim().toLowerCase());
      if (!tenant) throw notFound('Partner organisation');
      partner = { tenantId: tenant.id, name: tenant.name, email: null };
    } else {
      const email = normalizeEmail(input.partnerEmail!);
      if (!email.ok) throw invalid(email.reason, { reason: 'partner_email_invalid' });
      partner = { tenantId: null, name: input.partnerName!.trim(), email: email.identity.value };
    }
    const customer = disclosed(input.customer);
    const alreadyShared = await hasOpenShare(
      scope,
      caseId,
      partner.tenantId ? { tenantId: partner.tenantId } : { email: partner.email! },
    );
    const started = startShare({
      caseStatus: change.row.status,
      kind: choice.kind,
      toSelf: partner.tenantId === scope.tenantId,
      alreadyShared,
      note: input.note,
      now,
      policy: change.policy,
    });
    if (!started.ok) throw refusalError(started);

    const token = choice.kind === 'outside' ? `hkl_${randomBytes(32).toString('base64url')}` : null;
    const row = await insertShare(scope, {
      caseId,
      subject: change.row.subject,
      reference: formatCaseReference(change.row.number),
      customerDisclosed: customer,
      partnerKind: choice.kind,
      partnerTenantId: partner.tenantId,
      partnerName: partner.name,
      partnerEmail: partner.email,
      linkTokenHash: token ? hashSecret(token) : null,
      ...started.state,
      sharedBy: me.userId,
      createdAt: now,
    });
    const share = (await findShareForParty(scope, row.id))!;
    await insertShareMessage(scope, {
      shareId: row.id,
      side: 'sharer',
      author: await authorOf(me, share.sharerName),
      text: started.note,
      handOff: true,
      createdAt: now,
    });
    await applyResponseTimer(scope.db, row, null, { kind: 'set', dueAt: started.state.responseDueAt! });
    await recordCaseEvents(change, [
      {
        kind: 'partner_shared',
        data: {
          shareId: row.id,
          partner: partner.name,
          partnerKind: choice.kind,
          partnerTenant: share.partnerSlug,
          partnerEmail: partner.email,
          note: started.note,
          customerDisclosed: customer,
          partnerResponseDueAt: started.state.responseDueAt!.toISOString(),
        },
      },
    ]);
    await saveCase(change, {});
    return {
      ...shareView(share, 'sharer'),
      link: token ? { token, path: PARTNER_LINK_PREFIX + token, sendTo: partner.email! } : null,
    };
  });
}

/** Every share of a case: of my case as its sharer, or of my own copy of a partner's case. */
export async function listCaseShares(actor: Actor, caseId: string) {
  if (!(await findCase(actor.scope, caseId))) throw notFound('Case');
  const shares = await listSharesOfCase(actor.scope, caseId);
  return shares.map((share) => shareView(share, share.tenantId === actor.scope.tenantId ? 'sharer' : 'partner'));
}

function disclosed(input: ShareCaseInput['customer']): DisclosedCustomer {
  const result: DisclosedCustomer = {};
  const name = input?.name?.trim();
  if (name) result.name = name;
  if (input?.email) {
    const email = normalizeEmail(input.email);
    if (!email.ok) throw invalid(email.reason, { reason: 'customer_email_invalid' });
    result.email = email.identity.value;
  }
  if (input?.phone) {
    const phone = normalizePhone(input.phone);
    if (!phone.ok) throw invalid(phone.reason, { reason: 'customer_phone_invalid' });
    result.phone = phone.identity.value;
  }
  return result;
}
