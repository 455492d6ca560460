import { decodeCursorParts, encodeCursorParts, isUuid } from '../../domain/page-cursor.ts';
import { formatCaseReference } from '../../domain/channels/case-reference.ts';
import { invalid } from '../../errors.ts';
import {
  readReviewFacets,
  readReviewQueue,
  type ReviewFilter,
  type ReviewPosition,
  type ReviewRow,
} from '../../store/repositories/review-queue.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { analysisView } from './analysis-view.ts';
import { activeAnalysis } from './topic-models.ts';

export type ReviewQuery = Omit<ReviewFilter, 'modelVersion'> & { limit: number; cursor?: string | undefined };

/**
 * The experts' reading list: analysed contacts, most to learn from first, in the analyst copy
 * (personal data redacted) whoever reads it. Ranked under the organisation's current analysis
 * version; history analysed by an older one shows once `hearken analyze --since` has re-run it.
 */
export async function reviewQueue(scope: TenantScope, query: ReviewQuery) {
  const after = query.cursor === undefined ? undefined : decodeReviewCursor(query.cursor);
  if (query.cursor !== undefined && !after)
    throw invalid('cursor is not one this server gave out', { field: 'cursor' });
  const { version } = await activeAnalysis(scope);
  const rows = await readReviewQueue(scope, { ...query, modelVersion: version }, query.limit + 1, after);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    modelVersion: version,
    items: page.map(reviewItem),
    nextCursor:
      rows.length > query.limit && last
        ? encodeReviewCursor({ insightScore: last.insightScore, contactId: last.contactId })
        : null,
  };
}

export async function reviewFacets(scope: TenantScope) {
  const { version } = await activeAnalysis(scope);
  return { modelVersion: version, ...(await readReviewFacets(scope, version)) };
}

function reviewItem(row: ReviewRow) {
  return {
    contactId: row.contactId,
    customerId: row.customerId,
    customerName: row.customerName,
    caseId: row.caseId,
    caseReference: row.caseNumber === null ? null : formatCaseReference(row.caseNumber),
    team: row.teamId === null ? null : { id: row.teamId, name: row.teamName ?? '' },
    vendor: row.vendor,
    channel: row.channel,
    direction: row.direction,
    occurredAt: row.occurredAt.toISOString(),
    text: row.redactedText,
    analysis: analysisView(row),
    labelCount: row.labelCount,
  };
}

const encodeReviewCursor = (position: ReviewPosition) => encodeCursorParts([position.insightScore, position.contactId]);

function decodeReviewCursor(cursor: string): ReviewPosition | undefined {
  const parts = decodeCursorParts(cursor, 2);
  if (!parts) return undefined;
  const [insightScore, contactId] = parts;
  if (typeof insightScore !== 'number' || !Number.isFinite(insightScore) || !isUuid(contactId)) return undefined;
  return { insightScore, contactId };
}
