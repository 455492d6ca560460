import { createHash } from 'node:crypto';
import type { ContactSubmission } from '../../domain/contact-input.ts';

/**
 * Reads one import row (a JSON object, or a CSV record keyed by its header) as a contact.
 * Accepts the API's nested shape ({customer: {email}}) and flat columns (customer_email or
 * email) so that exports from other tools import without reshaping.
 */
export function rowToSubmission(row: Record<string, unknown>): ContactSubmission {
  const nested =
    typeof row.customer === 'object' && row.customer !== null ? (row.customer as Record<string, unknown>) : {};
  const pick = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = key.startsWith('customer.') ? nested[key.slice('customer.'.length)] : row[key];
      if (typeof value === 'string' && value.trim() !== '') return value;
      if (typeof value === 'number') return String(value);
    }
    return undefined;
  };
  return {
    channel: pick('channel') ?? '',
    direction: pick('direction') ?? 'inbound',
    occurredAt: pick('occurredAt', 'occurred_at', 'date', 'timestamp'),
    externalId: pick('externalId', 'external_id', 'id'),
    customer: {
      email: pick('customer.email', 'customer_email', 'email'),
      phone: pick('customer.phone', 'customer_phone', 'phone'),
      handle: pick('customer.handle', 'customer_handle', 'handle'),
      name: pick('customer.name', 'customer_name', 'name'),
    },
    subject: pick('subject'),
    vendor: pick('vendor'),
    text: pick('text', 'body', 'transcript', 'message') ?? '',
  };
}

/**
 * Rows without an id of their own get one derived from their content, so that running the
 * same import again finds them already stored instead of adding them twice.
 */
export function importExternalId(submission: ContactSubmission): string {
  const { channel, direction, occurredAt, customer, subject, text } = submission;
  const canonical = JSON.stringify([
    channel,
    direction,
    occurredAt ?? null,
    customer.email ?? null,
    customer.phone ?? null,
    customer.handle ?? null,
    subject ?? null,
    text,
  ]);
  return `import:${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}
