import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors.ts';
import { addFeed, removeFeed } from '../../services/channels/feeds/manage-feeds.ts';
import { FEED_HISTORY_DAYS, pollFeed } from '../../services/channels/feeds/poll-feed.ts';
import { findFeedSource, listFeedSources, type FeedSource } from '../../store/repositories/feed-sources.ts';
import { errors, IdParams, Nullable, Uuid } from '../schemas.ts';

const Feed = Type.Object({
  id: Uuid,
  url: Type.String(),
  channel: Type.Enum(['forum', 'social']),
  pollMinutes: Type.Integer(),
  lastPolledAt: Nullable(Type.String({ format: 'date-time' })),
  lastError: Nullable(
    Type.String({ description: 'What went wrong at the last poll; null when it went well. Retried at the next poll.' }),
  ),
  itemsSeen: Type.Integer({ description: 'Posts taken in from this feed so far' }),
  createdAt: Type.String({ format: 'date-time' }),
});

const feedView = (f: FeedSource) => ({
  id: f.id,
  url: f.url,
  channel: f.channel,
  pollMinutes: f.pollMinutes,
  lastPolledAt: f.lastPolledAt?.toISOString() ?? null,
  lastError: f.lastError,
  itemsSeen: f.itemsSeen,
  createdAt: f.createdAt.toISOString(),
});

const PollOutcome = Type.Object({
  status: Type.Enum(['polled', 'not_modified', 'failed', 'gone']),
  items: Type.Integer({ description: 'Items in the feed' }),
  created: Type.Integer({ description: 'New posts taken in' }),
  duplicates: Type.Integer({ description: 'Posts already taken in by an earlier poll' }),
  skipped: Type.Integer({
    description: `Posts published more than ${FEED_HISTORY_DAYS} days before the feed was added`,
  }),
  refused: Type.Integer({ description: 'Posts that could not be taken in (see error)' }),
  error: Nullable(Type.String()),
});

/** RSS/Atom feeds (a community forum, a public page) polled for public posts. */
export const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/channels/feeds',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary: 'Follow an RSS or Atom feed',
        description:
          "Its posts become public contacts on the channel given, on the timeline of the customer known by the author's handle: the " +
          'author name lower-cased with spaces as "_" ("Jane Doe" → jane_doe), or a personal address the feed gives. Polled at once, ' +
          `then every pollMinutes with a conditional GET (10 s timeout, 5 MB at most). Posts published more than ${FEED_HISTORY_DAYS} ` +
          'days before the feed was added are never taken in, so following a forum does not flood timelines with its history.',
        body: Type.Object(
          {
            url: Type.String({ minLength: 1, maxLength: 2000, description: 'http:// or https://' }),
            channel: Type.Optional(Type.Enum(['forum', 'social'], { default: 'forum' })),
            pollMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, default: 15 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Feed, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const source = await addFeed(request.actor.scope, {
        url: request.body.url,
        channel: request.body.channel ?? 'forum',
        pollMinutes: request.body.pollMinutes ?? 15,
      });
      return reply.status(201).send(feedView(source));
    },
  );

  app.get(
    '/channels/feeds',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary: 'The feeds this organisation follows, with how their last poll went',
        response: { 200: Type.Object({ items: Type.Array(Feed) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ items: (await listFeedSources(request.actor.scope)).map(feedView) }),
  );

  app.delete(
    '/channels/feeds/:id',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary: 'Stop following a feed (its posts stay on the timelines)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeFeed(request.actor.scope, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/channels/feeds/:id/poll',
    {
      config: { permission: 'people:manage' },
      schema: {
        tags: ['channels'],
        summary: 'Poll a feed now',
        description:
          "A failure (unreachable, HTTP error, not a feed) is answered 200 with status failed and the reason, and recorded as the feed's lastError.",
        params: IdParams,
        response: { 200: PollOutcome, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      if (!(await findFeedSource(request.actor.scope, request.params.id))) throw notFound('Feed');
      return pollFeed(request.actor.scope, request.params.id);
    },
  );
};
