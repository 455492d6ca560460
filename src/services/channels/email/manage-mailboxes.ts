import { AppError, conflict, invalid, notFound } from '../../../errors.ts';
import { normalizeEmail } from '../../../domain/identity.ts';
import { addMailbox, listMailboxes, removeMailbox } from '../../../store/repositories/channel-settings.ts';
import { findTenantBySlug, findTenantOf } from '../../../store/repositories/tenants.ts';
import type { TenantScope } from '../../../store/tenant-scope.ts';

export interface MailboxesView {
  /** Always received: `<slug>@` the server's mail domain (and `<slug>@` any other domain). */
  defaultAddress: string;
  /** Further addresses configured for this organisation. */
  addresses: string[];
}

export async function mailboxesView(scope: TenantScope, mailDomain: string): Promise<MailboxesView> {
  const tenant = await findTenantOf(scope);
  return { defaultAddress: `${tenant.slug}@${mailDomain}`, addresses: await listMailboxes(scope) };
}

function canonicalAddress(raw: string): string {
  const result = normalizeEmail(raw);
  if (!result.ok) throw invalid(result.reason, { problems: [result.reason] });
  return result.identity.value;
}

/**
 * Adds an address the organisation receives mail at. An address another organisation receives
 * at is refused (409), and so is `<another organisation's slug>@…`, which is theirs by default.
 */
export async function addOrganisationMailbox(scope: TenantScope, raw: string): Promise<string> {
  const address = canonicalAddress(raw);
  const localPart = address.slice(0, address.lastIndexOf('@'));
  const owner = await findTenantBySlug(scope.db, localPart);
  if (owner && owner.id !== scope.tenantId)
    throw conflict(`${address} belongs to another organisation`, { reason: 'mailbox_taken' });
  if (!(await addMailbox(scope, address)))
    throw conflict(`${address} belongs to another organisation`, { reason: 'mailbox_taken' });
  return address;
}

export async function removeOrganisationMailbox(scope: TenantScope, raw: string): Promise<void> {
  let address: string;
  try {
    address = canonicalAddress(raw);
  } catch (error) {
    if (error instanceof AppError) throw notFound('Mailbox');
    throw error;
  }
  if (!(await removeMailbox(scope, address))) throw notFound('Mailbox');
}
