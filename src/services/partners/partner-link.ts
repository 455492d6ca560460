import { notFound } from '../../errors.ts';
import type { Db } from '../../store/database.ts';
import { findShareByLinkHash, type ShareRecord } from '../../store/repositories/partner-shares.ts';
import { hashSecret } from '../auth/secrets.ts';
import { openShareForChange } from './share-change.ts';
import { threadOf, writeToThread, type ThreadPost } from './share-thread.ts';

/**
 * An outside party (no account on this Hearken) reads and answers a shared case through the
 * link it was sent: the token in it is its only credential. A wrong token, or the link of a
 * share that has ended, is simply not found.
 */
async function findLiveShare(db: Db, token: string, options: { forUpdate?: boolean } = {}): Promise<ShareRecord> {
  const share = await findShareByLinkHash(db, hashSecret(token), options);
  if (!share || share.status === 'ended') throw notFound('Link');
  return share;
}

export async function readThreadByLink(db: Db, token: string) {
  return threadOf(await findLiveShare(db, token), 'partner', db);
}

export function replyByLink(
  db: Db,
  token: string,
  input: ThreadPost & { author?: string | undefined },
  now = new Date(),
) {
  return db.transaction(async (outer) => {
    const tx = outer as unknown as Db;
    const found = await findLiveShare(tx, token);
    const change = await openShareForChange(tx, found, 'partner', null, now);
    if (change.share.status === 'ended') throw notFound('Link');
    const author = input.author?.trim() || found.partnerName;
    return writeToThread(change, { text: input.text, handOff: input.handOff, author });
  });
}
