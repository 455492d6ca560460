import { invalid, notFound } from '../../errors.ts';
import type { CaseStatus } from '../../domain/vocabulary.ts';
import { findCase, listCaseEvents, listCases } from '../../store/repositories/cases.ts';
import type { TenantScope } from '../../store/tenant-scope.ts';
import { caseView } from './case-view.ts';

export async function getCase(scope: TenantScope, caseId: string) {
  const row = await findCase(scope, caseId);
  if (!row) throw notFound('Case');
  const events = await listCaseEvents(scope, caseId);
  return {
    ...caseView(row),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      actorUserId: e.actorUserId,
      actorLabel: e.actorLabel,
      occurredAt: e.occurredAt.toISOString(),
      data: e.data,
    })),
  };
}

export interface CaseQuery {
  status?: CaseStatus[] | undefined;
  /** A user id, or "none" for cases nobody owns. */
  owner?: string | undefined;
  team?: string | undefined;
  customerId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function findCases(scope: TenantScope, query: CaseQuery) {
  const after = query.cursor ? decodeCaseCursor(query.cursor) : undefined;
  const rows = await listCases(scope, {
    status: query.status,
    ownerId: query.owner === 'none' ? null : query.owner,
    teamId: query.team === 'none' ? null : query.team,
    customerId: query.customerId,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(caseView),
    nextCursor: rows.length > query.limit && last ? encodeCaseCursor(last.updatedAt, last.id) : null,
  };
}

const encodeCaseCursor = (updatedAt: Date, id: string) =>
  Buffer.from(`${updatedAt.toISOString()}|${id}`).toString('base64url');

function decodeCaseCursor(cursor: string): { updatedAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const updatedAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(updatedAt.getTime())) {
    throw invalid('cursor is not one this server gave out', { field: 'cursor' });
  }
  return { updatedAt, id };
}
