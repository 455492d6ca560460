import { randomUUID } from 'node:crypto';
import type { AcceptedContact } from '../../domain/contact-input.ts';
import { identityKey, type Identity } from '../../domain/identity.ts';
import { findContactsByExternalIds, insertContacts, type NewContact } from '../../store/repositories/contacts.ts';
import {
  deleteCustomersWithoutContacts,
  findIdentityOwners,
  insertCustomers,
  insertIdentities,
  type IdentityOwner,
} from '../../store/repositories/customers.ts';
import { inTransaction, type TenantScope } from '../../store/tenant-scope.ts';

export interface IngestOutcome {
  /** created: stored now; duplicate: its externalId was already stored, nothing changed. */
  status: 'created' | 'duplicate';
  id: string;
  customerId: string;
  customerCreated: boolean;
}

/**
 * Stores accepted contacts on their customers' timelines, in one transaction: the whole
 * batch lands or none of it does. Customers are found by any identity they are known by;
 * identities seen for the first time are attached to the customer the contact resolved to,
 * and a contact nobody is known for gets a new customer. Used by the API (a batch of one)
 * and by bulk import alike.
 */
export function ingestContacts(scope: TenantScope, batch: AcceptedContact[]): Promise<IngestOutcome[]> {
  return inTransaction(scope, async (tx) => {
    const allIdentities = uniqueIdentities(batch);
    const owners = new Map<string, string>();
    for (const owner of await findIdentityOwners(tx, allIdentities)) owners.set(identityKey(owner), owner.customerId);
    const storedBefore = new Set(owners.keys());

    const newCustomers = new Map<string, string | null>();
    const customerOf: string[] = batch.map((contact) => {
      let customerId = firstOwner(contact, owners);
      if (customerId === undefined) {
        customerId = randomUUID();
        newCustomers.set(customerId, contact.customerName);
      }
      for (const identity of contact.identities) {
        if (!owners.has(identityKey(identity))) owners.set(identityKey(identity), customerId);
      }
      return customerId;
    });

    await insertCustomers(
      tx,
      [...newCustomers].map(([id, name]) => ({ id, name })),
    );
    const wanted: IdentityOwner[] = allIdentities
      .filter((i) => !storedBefore.has(identityKey(i)))
      .map((i) => ({ ...i, customerId: owners.get(identityKey(i))! }));
    const inserted = new Set((await insertIdentities(tx, wanted)).map(identityKey));
    const lost = wanted.filter((o) => !inserted.has(identityKey(o)));
    if (lost.length > 0) {
      // Another request claimed these identities at the same moment: follow the winner.
      for (const owner of await findIdentityOwners(tx, lost)) owners.set(identityKey(owner), owner.customerId);
      batch.forEach((contact, index) => {
        const mine = customerOf[index]!;
        if (newCustomers.has(mine) && !contact.identities.some((i) => owners.get(identityKey(i)) === mine)) {
          customerOf[index] = firstOwner(contact, owners) ?? mine;
        }
      });
    }

    const rows: NewContact[] = batch.map((contact, index) => ({
      id: randomUUID(),
      customerId: customerOf[index]!,
      channel: contact.channel,
      direction: contact.direction,
      occurredAt: contact.occurredAt,
      subject: contact.subject,
      body: contact.text,
      externalId: contact.externalId,
      vendor: contact.vendor ?? null,
    }));
    const created = await insertContacts(tx, rows);

    const duplicates = rows.filter((r) => !created.has(r.id) && r.externalId !== null).map((r) => r.externalId!);
    const originals = new Map(
      (await findContactsByExternalIds(tx, [...new Set(duplicates)])).map((c) => [c.externalId, c]),
    );
    const usedCustomers = new Set(rows.filter((r) => created.has(r.id)).map((r) => r.customerId));
    await deleteCustomersWithoutContacts(
      tx,
      [...newCustomers.keys()].filter((id) => !usedCustomers.has(id)),
    );

    return rows.map((row): IngestOutcome => {
      if (created.has(row.id)) {
        return {
          status: 'created',
          id: row.id,
          customerId: row.customerId,
          customerCreated: newCustomers.has(row.customerId),
        };
      }
      const original = originals.get(row.externalId ?? '');
      if (!original) throw new Error(`contact ${row.externalId} was neither stored nor found`);
      return { status: 'duplicate', id: original.id, customerId: original.customerId, customerCreated: false };
    });
  });
}

function uniqueIdentities(batch: AcceptedContact[]): Identity[] {
  const seen = new Map<string, Identity>();
  for (const contact of batch) for (const identity of contact.identities) seen.set(identityKey(identity), identity);
  return [...seen.values()];
}

/** The customer the contact's strongest known identity belongs to. */
function firstOwner(contact: AcceptedContact, owners: Map<string, string>): string | undefined {
  for (const identity of contact.identities) {
    const owner = owners.get(identityKey(identity));
    if (owner !== undefined) return owner;
  }
  return undefined;
}
