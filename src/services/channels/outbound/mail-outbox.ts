import { formatCaseReference } from '../../../domain/channels/case-reference.ts';
import { decodeCursorParts, encodeCursorParts, isUuid } from '../../../domain/page-cursor.ts';
import { invalid } from '../../../errors.ts';
import { listOutbox } from '../../../store/repositories/outbound-messages.ts';
import type { TenantScope } from '../../../store/tenant-scope.ts';
import type { EmailPayload } from '../email/compose-email-reply.ts';

export interface OutboxMessage {
  id: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  caseId: string | null;
  caseReference: string | null;
  /** queued: waiting for a relay (or a retry); sent; failed: given up, recorded on the case. */
  status: 'queued' | 'sent' | 'failed';
  /** relay: handed to the SMTP relay; catcher: kept by this server's mail catcher, not sent on. */
  deliveredTo: 'relay' | 'catcher' | null;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/**
 * The mail the organisation sent (or is sending), newest first: every email reply and notice,
 * whether it went out through the relay, was caught by the demo's mail catcher, or is waiting.
 */
export async function mailOutbox(
  scope: TenantScope,
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: OutboxMessage[]; nextCursor: string | null }> {
  let after: { createdAt: string; id: string } | undefined;
  if (options.cursor) {
    const parts = decodeCursorParts(options.cursor, 2);
    if (!parts || typeof parts[0] !== 'string' || !isUuid(parts[1]))
      throw invalid('cursor is not one this server gave out', { field: 'cursor' });
    after = { createdAt: parts[0], id: parts[1] };
  }
  // One more than asked for tells whether there is a next page.
  const rows = await listOutbox(scope, 'email', { limit: options.limit + 1, after });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((row) => {
      const mail = row.payload as unknown as Partial<EmailPayload>;
      return {
        id: row.id,
        to: mail.to ?? row.recipient,
        from: mail.from ?? '',
        subject: mail.subject ?? '',
        text: mail.text ?? '',
        caseId: row.caseId,
        caseReference: row.caseNumber === null ? null : formatCaseReference(row.caseNumber),
        status: row.status,
        deliveredTo: row.deliveredTo === 'relay' || row.deliveredTo === 'catcher' ? row.deliveredTo : null,
        createdAt: row.createdAt.toISOString(),
        sentAt: row.sentAt?.toISOString() ?? null,
        lastError: row.lastError,
      };
    }),
    nextCursor:
      rows.length > options.limit
        ? encodeCursorParts([page[page.length - 1]!.position.createdAt, page[page.length - 1]!.position.id])
        : null,
  };
}
