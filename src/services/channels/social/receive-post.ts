import type { TenantScope } from '../../../store/tenant-scope.ts';
import { intakeMessage, type IntakeOutcome } from '../intake.ts';
import type { LiveFeed } from '../live-feed.ts';

export type PostKind = 'post' | 'mention' | 'direct_message';

export interface InboundPost {
  /** The network or forum the post is on, e.g. "x", "facebook", "community". */
  network: string;
  postId: string;
  author: { handle: string; name?: string | undefined };
  text: string;
  url?: string | undefined;
  at?: string | undefined;
  /** Readable by anyone; default true except for a direct message. */
  public?: boolean | undefined;
  /** The post this one answers, on the same network. */
  inReplyTo?: string | undefined;
  kind?: PostKind | undefined;
  /** forum for a community forum, social (default) for a social network. */
  channel?: 'social' | 'forum' | undefined;
}

/** The channel id of a post: what a reply to it refers to. */
export const postThreadRef = (network: string, postId: string) => `social:${network.trim().toLowerCase()}:${postId}`;

/**
 * A post or mention from a social network or forum: a contact marked public (unless it is a
 * direct message) on the timeline of the customer known by the author's handle (normalised as
 * every handle is: case-insensitive, without a leading "@"; the same handle on two networks is
 * one person). A reply to a post joins that post's case.
 */
export function receivePost(
  scope: TenantScope,
  post: InboundPost,
  options: { now?: Date; feed?: LiveFeed } = {},
): Promise<IntakeOutcome> {
  const kind = post.kind ?? 'post';
  const ref = postThreadRef(post.network, post.postId);
  return intakeMessage(
    scope,
    {
      channel: post.channel ?? 'social',
      externalId: ref,
      occurredAt: post.at ? new Date(post.at) : undefined,
      customer: { handle: post.author.handle, name: post.author.name },
      identityProven: true,
      text: post.text,
      public: post.public ?? kind !== 'direct_message',
      facts: {
        network: post.network,
        postId: post.postId,
        kind,
        url: post.url ?? null,
        inReplyTo: post.inReplyTo ?? null,
        author: post.author,
      },
      threadRef: ref,
      threadRefs: post.inReplyTo ? [postThreadRef(post.network, post.inReplyTo)] : [],
    },
    options,
  );
}
