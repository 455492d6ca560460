import { createHash } from 'node:crypto';
import { AppError } from '../../../errors.ts';
import { feedAuthorHandle, isRoleAddress, parseFeed, type FeedItem } from '../../../domain/channels/feed-items.ts';
import { findFeedSource, recordFeedPoll, type FeedSource } from '../../../store/repositories/feed-sources.ts';
import { scheduleJob } from '../../../store/repositories/jobs.ts';
import type { TenantScope } from '../../../store/tenant-scope.ts';
import { intakeMessage, type InboundMessage } from '../intake.ts';
import { fetchFeed } from './fetch-feed.ts';

export const POLL_FEED_JOB = 'poll_feed';
export const feedJobKey = (sourceId: string) => `feed:${sourceId}`;

/**
 * Items published this long before a feed was added are never taken in: adding a forum's feed
 * must not flood timelines with years of its history.
 */
export const FEED_HISTORY_DAYS = 7;

export interface FeedPollOutcome {
  status: 'polled' | 'not_modified' | 'failed' | 'gone';
  items: number;
  created: number;
  duplicates: number;
  /** Older than the history cut-off. */
  skipped: number;
  /** Items that could not be taken in (the reasons are in `error` and the source's lastError). */
  refused: number;
  error: string | null;
}

const empty = (status: FeedPollOutcome['status'], error: string | null = null): FeedPollOutcome => ({
  status,
  items: 0,
  created: 0,
  duplicates: 0,
  skipped: 0,
  refused: 0,
  error,
});

/**
 * Polls one feed: fetches it if it changed, and takes each item in as a public post on the
 * source's channel (forum or social), once — a second poll of the same items adds nothing. A
 * failure (network, HTTP status, bad XML) is recorded on the source and tried again at the
 * next poll; it never throws for anything the feed did.
 */
export async function pollFeed(scope: TenantScope, sourceId: string, now = new Date()): Promise<FeedPollOutcome> {
  const source = await findFeedSource(scope, sourceId);
  if (!source || !source.active) return empty('gone');
  let fetched;
  try {
    fetched = await fetchFeed(source.url, { etag: source.etag, lastModified: source.lastModified });
  } catch (error) {
    return failed(scope, source, now, error instanceof Error ? error.message : String(error));
  }
  if (fetched.status === 'not_modified') {
    await recordFeedPoll(scope, source.id, { at: now, error: null, newItems: 0 });
    return empty('not_modified');
  }
  const parsed = parseFeed(fetched.body);
  if (!parsed.ok) return failed(scope, source, now, `The feed is not readable: ${parsed.problem}`);

  const outcome = { ...empty('polled'), items: parsed.items.length };
  const cutoff = source.createdAt.getTime() - FEED_HISTORY_DAYS * 24 * 3_600_000;
  const problems: string[] = [];
  const oldestFirst = [...parsed.items].sort(
    (a, b) => (a.publishedAt?.getTime() ?? Infinity) - (b.publishedAt?.getTime() ?? Infinity),
  );
  for (const item of oldestFirst) {
    if (item.publishedAt && item.publishedAt.getTime() < cutoff) {
      outcome.skipped++;
      continue;
    }
    try {
      const result = await intakeMessage(scope, feedMessage(source, item, now), { now });
      if (result.status === 'created') outcome.created++;
      else outcome.duplicates++;
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      outcome.refused++;
      problems.push(`"${item.title ?? item.id ?? 'an item'}": ${error.message}`);
    }
  }
  outcome.error =
    problems.length === 0
      ? null
      : `${problems.length} item(s) could not be taken in: ${problems.slice(0, 3).join('; ')}`;
  await recordFeedPoll(scope, source.id, {
    at: now,
    error: outcome.error,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    newItems: outcome.created,
  });
  return outcome;
}

async function failed(scope: TenantScope, source: FeedSource, now: Date, error: string): Promise<FeedPollOutcome> {
  await recordFeedPoll(scope, source.id, { at: now, error, newItems: 0 });
  return empty('failed', error);
}

/**
 * One feed item as a public post. The author is known by a handle made from their name
 * ("Jane Doe" → jane_doe, see feedAuthorHandle) and by their address when the feed gives a
 * personal one; an item without any author is put on one "anonymous@<host>" customer per site.
 */
export function feedMessage(source: FeedSource, item: FeedItem, now: Date): InboundMessage {
  const host = new URL(source.url).hostname;
  const handle = item.author.name ? feedAuthorHandle(item.author.name) : null;
  const email = item.author.email && !isRoleAddress(item.author.email) ? item.author.email : undefined;
  const anonymous = !handle && !email;
  const key = item.id ?? item.link ?? `${item.title ?? ''}|${item.publishedAt?.toISOString() ?? ''}`;
  const publishedAt = item.publishedAt && item.publishedAt.getTime() <= now.getTime() ? item.publishedAt : now;
  return {
    channel: source.channel,
    externalId: `feed:${source.id}:${key.length > 200 ? createHash('sha256').update(key).digest('hex') : key}`,
    occurredAt: publishedAt,
    customer: {
      handle: anonymous ? `anonymous@${host}` : (handle ?? undefined),
      email,
      name: item.author.name?.replace(/^@+/, '') ?? (anonymous ? `Anonymous (${host})` : undefined),
    },
    subject: item.title ?? undefined,
    text: item.text || item.title || '',
    public: true,
    facts: { feedSourceId: source.id, feedUrl: source.url, guid: item.id, link: item.link, author: item.author },
  };
}

/**
 * The durable poll of one feed: polls, then sets the next poll pollMinutes later. A feed that
 * was removed or switched off is not polled again.
 */
export async function runFeedPollJob(scope: TenantScope, sourceId: string, now = new Date()): Promise<FeedPollOutcome> {
  const outcome = await pollFeed(scope, sourceId, now);
  if (outcome.status === 'gone') return outcome;
  const source = await findFeedSource(scope, sourceId);
  if (source?.active) await scheduleFeedPoll(scope, source, new Date(now.getTime() + source.pollMinutes * 60_000));
  return outcome;
}

export function scheduleFeedPoll(scope: TenantScope, source: Pick<FeedSource, 'id'>, runAt: Date): Promise<void> {
  return scheduleJob(scope.db, {
    tenantId: scope.tenantId,
    kind: POLL_FEED_JOB,
    key: feedJobKey(source.id),
    payload: { sourceId: source.id },
    runAt,
    maxAttempts: 50,
  });
}
