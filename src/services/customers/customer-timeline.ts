import type { AutomatedKind } from '../../domain/vocabulary.ts';
import { invalid, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../domain/timeline-cursor.ts';
import { resolveCustomerId } from '../../store/repositories/customer-merges.ts';
import { readTimeline, type TimelineRow } from '../../store/repositories/timeline.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { FULL_READER, type ContactReader } from '../analysis/analyst-copy.ts';
import { analysisView } from '../analysis/analysis-view.ts';

/**
 * Everything that happened with one customer, across channels and cases, newest first. A
 * customer merged into another answers with the timeline of the one it was merged into
 * (customerId in the answer says whose).
 */
export async function customerTimeline(
  scope: TenantScope,
  requestedId: string,
  options: { limit: number; cursor?: string | undefined; reader?: ContactReader },
) {
  const before = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  if (options.cursor !== undefined && !before)
    throw invalid('cursor is not one this server gave out', { field: 'cursor' });
  const customerId = await resolveCustomerId(scope, requestedId);
  if (!customerId) throw notFound('Customer');
  const rows = await readTimeline(scope, customerId, options.limit + 1, before);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  const reader = options.reader ?? FULL_READER;
  return {
    customerId,
    items: page.map((row) => timelineItem(row, reader)),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ occurredAt: last.position, id: last.id }) : null,
  };
}

function timelineItem(row: TimelineRow, reader: ContactReader) {
  const { analysis } = row;
  const common = {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    caseId: row.caseId,
    caseNumber: row.caseNumber,
  };
  if (row.type === 'contact') {
    return {
      type: 'contact' as const,
      ...common,
      channel: row.channel,
      direction: row.direction,
      subject: reader.text(row.subject),
      text: reader.text(row.body),
      externalId: row.externalId,
      public: row.data?.public === true,
      automated: (row.data?.automated as AutomatedKind | null | undefined) ?? null,
      repeat: row.data?.repeat === true,
      // Channel facts hold addresses and numbers (mail headers, caller ids): personal data.
      facts: reader.personalData ? ((row.data?.facts as Record<string, unknown> | null | undefined) ?? null) : null,
      analysis: analysis ? analysisView(analysis) : null,
    };
  }
  return {
    type: row.type,
    ...common,
    kind: row.kind,
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    data: row.data,
  };
}
