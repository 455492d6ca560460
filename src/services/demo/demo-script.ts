import { checkContactSubmission, type AcceptedContact, type ContactSubmission } from '../../domain/contact-input.ts';
import type { CasePriority, CaseStatus } from '../../domain/vocabulary.ts';
import { updateCustomerProfile } from '../../store/repositories/customers.ts';
import type { PostalAddress } from '../../store/schema.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { addCaseNote } from '../cases/add-case-note.ts';
import { createCase } from '../cases/create-case.ts';
import { changeCase } from '../cases/update-case.ts';
import { ingestContacts } from '../contacts/ingest-contacts.ts';
import type { DemoStaff, StaffKey, TeamKey } from './demo-people.ts';

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

export interface PlayedScripts {
  /** The stored customer of each script, in order. */
  customerIds: string[];
  contacts: number;
  cases: number;
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

/** Stores the scripts' contacts in one batch, then their profiles and cases. */
export async function playScripts(
  scope: TenantScope,
  staff: DemoStaff,
  scripts: CustomerScript[],
  now: Date,
): Promise<PlayedScripts> {
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
  let cases = 0;
  const customerIds: string[] = [];
  for (const script of scripts) {
    const stored = outcomes.slice(position, position + script.contacts.length);
    position += script.contacts.length;
    const customerId = stored[0]?.customerId;
    if (customerId === undefined) throw new Error(`demo customer ${script.profile.name} has no contacts`);
    customerIds.push(customerId);
    if (stored.some((o) => o.customerId !== customerId))
      throw new Error(`demo customer ${script.profile.name} was split in two`);
    if (script.profile.address || script.profile.region) {
      await updateCustomerProfile(scope, customerId, {
        address: script.profile.address,
        region: script.profile.region,
      });
    }
    for (const plan of script.cases) {
      await playCase(
        staff,
        customerId,
        plan.contacts.map((i) => stored[i]!.id),
        plan,
      );
      cases++;
    }
  }
  return { customerIds, contacts: accepted.length, cases };
}

async function playCase(staff: DemoStaff, customerId: string, contactIds: string[], plan: ScriptedCase): Promise<void> {
  const opened = await createCase(
    staff.actor(plan.openedBy),
    {
      customerId,
      subject: plan.subject,
      priority: plan.priority,
      ownerId: plan.owner ? staff.userId(plan.owner) : null,
      teamId: staff.teamId(plan.team),
      contactIds,
    },
    plan.openedAt,
  );
  for (const step of plan.steps) {
    const actor = staff.actor(step.by);
    if (step.note) await addCaseNote(actor, opened.id, step.note, step.at);
    const changed =
      step.status !== undefined || step.owner !== undefined || step.team !== undefined || step.priority !== undefined;
    if (!changed) continue;
    await changeCase(
      actor,
      opened.id,
      {
        status: step.status,
        priority: step.priority,
        ownerId: step.owner === undefined ? undefined : step.owner && staff.userId(step.owner),
        teamId: step.team && staff.teamId(step.team),
      },
      step.at,
    );
  }
}
