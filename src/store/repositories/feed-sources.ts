import { sql } from 'drizzle-orm';
import { rowsOf } from '../database.ts';
import type { TenantScope } from '../tenant-scope.ts';

export type FeedChannel = 'forum' | 'social';

export interface FeedSource {
  id: string;
  url: string;
  channel: FeedChannel;
  pollMinutes: number;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: Date | null;
  lastError: string | null;
  itemsSeen: number;
  active: boolean;
  createdAt: Date;
}

const COLUMNS = sql`id, url, channel, poll_minutes AS "pollMinutes", etag, last_modified AS "lastModified", last_polled_at AS "lastPolledAt",
  last_error AS "lastError", items_seen AS "itemsSeen", active, created_at AS "createdAt"`;

const dated = (row: FeedSource): FeedSource => ({
  ...row,
  lastPolledAt: row.lastPolledAt === null ? null : new Date(row.lastPolledAt),
  createdAt: new Date(row.createdAt),
});

/** Adds a feed; undefined when this organisation already follows that URL. */
export async function insertFeedSource(
  scope: TenantScope,
  source: { url: string; channel: FeedChannel; pollMinutes: number },
): Promise<FeedSource | undefined> {
  const result = await scope.db.execute(sql`
    INSERT INTO feed_sources (tenant_id, url, channel, poll_minutes)
    VALUES (${scope.tenantId}, ${source.url}, ${source.channel}, ${source.pollMinutes})
    ON CONFLICT (tenant_id, url) DO NOTHING
    RETURNING ${COLUMNS}`);
  const row = rowsOf<FeedSource>(result)[0];
  return row && dated(row);
}

export async function listFeedSources(scope: TenantScope): Promise<FeedSource[]> {
  const result = await scope.db.execute(
    sql`SELECT ${COLUMNS} FROM feed_sources WHERE tenant_id = ${scope.tenantId} ORDER BY created_at, id`,
  );
  return rowsOf<FeedSource>(result).map(dated);
}

export async function findFeedSource(scope: TenantScope, id: string): Promise<FeedSource | undefined> {
  const result = await scope.db.execute(
    sql`SELECT ${COLUMNS} FROM feed_sources WHERE tenant_id = ${scope.tenantId} AND id = ${id}`,
  );
  const row = rowsOf<FeedSource>(result)[0];
  return row && dated(row);
}

export async function deleteFeedSource(scope: TenantScope, id: string): Promise<boolean> {
  const result = await scope.db.execute(
    sql`DELETE FROM feed_sources WHERE tenant_id = ${scope.tenantId} AND id = ${id} RETURNING id`,
  );
  return rowsOf(result).length === 1;
}

/**
 * Records the outcome of one poll. A failed poll keeps the validators of the last good one (so
 * the next poll still asks "changed since?") and says what went wrong; a good one clears it.
 */
export async function recordFeedPoll(
  scope: TenantScope,
  id: string,
  poll: { at: Date; error: string | null; etag?: string | null; lastModified?: string | null; newItems: number },
): Promise<void> {
  const validators =
    poll.error === null && poll.etag !== undefined
      ? sql`, etag = ${poll.etag}, last_modified = ${poll.lastModified ?? null}`
      : sql``;
  await scope.db.execute(sql`
    UPDATE feed_sources SET last_polled_at = ${poll.at}, last_error = ${poll.error === null ? null : poll.error.slice(0, 2000)},
      items_seen = items_seen + ${poll.newItems} ${validators}
    WHERE tenant_id = ${scope.tenantId} AND id = ${id}`);
}
