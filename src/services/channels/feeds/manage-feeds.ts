import { conflict, invalid, notFound } from '../../../errors.ts';
import {
  deleteFeedSource,
  insertFeedSource,
  type FeedChannel,
  type FeedSource,
} from '../../../store/repositories/feed-sources.ts';
import { cancelJob } from '../../../store/repositories/jobs.ts';
import { inTransaction, type TenantScope } from '../../../store/tenant-scope.ts';
import { feedJobKey, scheduleFeedPoll } from './poll-feed.ts';

/**
 * Follows a feed: http or https only (the server fetches it, so an administrator chooses which
 * addresses it may reach). The first poll is due at once, then every pollMinutes.
 */
export async function addFeed(
  scope: TenantScope,
  input: { url: string; channel: FeedChannel; pollMinutes: number },
  now = new Date(),
): Promise<FeedSource> {
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    throw invalid(`"${input.url}" is not a URL`, { field: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid('A feed URL must start with http:// or https://', { field: 'url' });
  if (url.username || url.password) throw invalid('A feed URL may not carry a user name or password', { field: 'url' });
  return inTransaction(scope, async (tx) => {
    const source = await insertFeedSource(tx, {
      url: url.toString(),
      channel: input.channel,
      pollMinutes: input.pollMinutes,
    });
    if (!source)
      throw conflict('This organisation already follows that feed', { reason: 'feed_exists', url: url.toString() });
    await scheduleFeedPoll(tx, source, now);
    return source;
  });
}

export async function removeFeed(scope: TenantScope, id: string): Promise<void> {
  await inTransaction(scope, async (tx) => {
    if (!(await deleteFeedSource(tx, id))) throw notFound('Feed');
    await cancelJob(tx.db, feedJobKey(id));
  });
}
