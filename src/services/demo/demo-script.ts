import { checkContactSubmission, type AcceptedContact, type ContactSubmission } from '../../domain/contact-input.ts';
import type { CasePriority, CaseStatus } from '../../domain/vocabulary.ts';
import { sql } from 'drizzle-orm';
import type { PostalAddress } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { ingestContacts } from '../contacts/ingest-contacts.ts';
import type { HistoryContact } from './case-history.ts';
import type { StaffKey, TeamKey } from './demo-people.ts';

/**
 * A demo customer's history written down as a script: who they are, every contact they had
 * with Lumen, and what staff did on their cases. Generated customers and the story customers
 * are both played through the same services a live tenant uses.
 */
export interface CustomerProfile {
  name: string;
  firstName: string;
  email: string | null;
  /** A fictional number; `mobile` says whether it can receive texts. */
  phone: string | null;
  mobile: boolean;
  handle: string | null;
  address: PostalAddress | null;
  region: string | null;
}

/** One thing a member of staff did on a case; the fields given are applied together. */
export interface CaseStep {
  at: Date;
  by: StaffKey;
  note?: string;
  status?: CaseStatus;
  owner?: StaffKey | null;
  team?: TeamKey;
  priority?: CasePriority;
}

export interface ScriptedCase {
  subject: string;
  team: TeamKey;
  owner: StaffKey | null;
  priority: CasePriority;
  openedAt: Date;
  openedBy: StaffKey;
  /** Positions in the customer's `contacts` that belong to this case. */
  contacts: number[];
  /** In time order; a closing step, if any, comes last. */
  steps: CaseStep[];
}

export interface CustomerScript {
  profile: CustomerProfile;
  contacts: ContactSubmission[];
  cases: ScriptedCase[];
}

/** The scripts' customers and contacts once stored, in the scripts' order. */
export interface StoredScripts {
  customerIds: string[];
  /** Per script, its stored contacts in the script's order. */
  contacts: HistoryContact[][];
}

/** What a contact on this channel would know the customer by. */
export function claimsFor(profile: CustomerProfile, channel: string): ContactSubmission['customer'] {
  const byPhone = (channel === 'phone' || channel === 'sms') && profile.phone;
  const byHandle = (channel === 'social' || channel === 'forum') && profile.handle;
  if (byPhone) return { phone: profile.phone!, name: profile.name };
  if (byHandle) return { handle: profile.handle!, name: profile.name };
  if (profile.email) return { email: profile.email, name: profile.name };
  return fullClaims(profile);
}

function fullClaims(profile: CustomerProfile): ContactSubmission['customer'] {
  return {
    name: profile.name,
    email: profile.email ?? undefined,
    phone: profile.phone ?? undefined,
    handle: profile.handle ?? undefined,
  };
}

/** Stores the scripts' contacts in one batch, then their customers' addresses and regions. */
export async function storeScriptContacts(
  scope: TenantScope,
  scripts: CustomerScript[],
  now: Date,
): Promise<StoredScripts> {
  const accepted: AcceptedContact[] = [];
  for (const script of scripts) {
    script.contacts.forEach((submission, index) => {
      // The first contact carries every identity, so that later contacts on any channel
      // find the same customer instead of starting a new one.
      const claims = index === 0 ? fullClaims(script.profile) : submission.customer;
      const check = checkContactSubmission({ ...submission, customer: claims }, now);
      if (!check.ok)
        throw new Error(`demo contact for ${script.profile.name} is invalid: ${check.problems.join('; ')}`);
      accepted.push(check.contact);
    });
  }
  const outcomes = await ingestContacts(scope, accepted);

  let position = 0;
  const stored: StoredScripts = { customerIds: [], contacts: [] };
  const profiles: { id: string; address: PostalAddress | null; region: string | null }[] = [];
  for (const script of scripts) {
    const mine = outcomes.slice(position, position + script.contacts.length);
    const customerId = mine[0]?.customerId;
    if (customerId === undefined) throw new Error(`demo customer ${script.profile.name} has no contacts`);
    if (mine.some((o) => o.customerId !== customerId))
      throw new Error(`demo customer ${script.profile.name} was split in two`);
    stored.customerIds.push(customerId);
    stored.contacts.push(
      mine.map((o, i) => {
        const contact = accepted[position + i]!;
        return { id: o.id, channel: contact.channel, direction: contact.direction, occurredAt: contact.occurredAt };
      }),
    );
    position += script.contacts.length;
    if (script.profile.address || script.profile.region)
      profiles.push({ id: customerId, address: script.profile.address, region: script.profile.region });
  }
  await updateCustomerProfiles(scope, profiles);
  return stored;
}

/** Every customer's address and region in one statement. */
async function updateCustomerProfiles(
  scope: TenantScope,
  profiles: { id: string; address: PostalAddress | null; region: string | null }[],
): Promise<void> {
  if (profiles.length === 0) return;
  await scope.db.execute(sql`
    UPDATE customers c SET address = p.address, region = p.region, updated_at = now()
    FROM unnest(${sql.param(profiles.map((p) => p.id))}::uuid[],
                ${sql.param(profiles.map((p) => (p.address ? JSON.stringify(p.address) : null)))}::jsonb[],
                ${sql.param(profiles.map((p) => p.region))}::text[]) AS p(id, address, region)
    WHERE c.tenant_id = ${scope.tenantId} AND c.id = p.id`);
}

/** A case's contacts, as positions in its customer's stored contacts. */
export const contactsOfCase = (plan: ScriptedCase, stored: HistoryContact[]): HistoryContact[] =>
  plan.contacts.map((i) => stored[i]!).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
