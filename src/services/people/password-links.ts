import { AppError, invalid, notFound } from '../../errors.ts';
import type { Role } from '../../domain/vocabulary.ts';
import type { Db } from '../../store/database.ts';
import {
  deleteSessionsOf,
  findPasswordLink,
  insertPasswordLink,
  markPasswordLinkUsed,
  setPasswordHash,
  type PasswordLinkFound,
  type PasswordLinkPurpose,
} from '../../store/repositories/password-links.ts';
import { findUser } from '../../store/repositories/people.ts';
import { inTransaction, scopeTo } from '../../store/tenant-scope.ts';
import type { Actor } from '../actor.ts';
import { hashPassword, hashSecret, newSecret } from '../auth/secrets.ts';
import { credentialsChanged } from '../auth/sessions.ts';
import { createUser } from './manage-people.ts';

/** How long a link stays usable: a week to accept an invitation, a day to use a reset. */
export const LINK_HOURS: Record<PasswordLinkPurpose, number> = { invitation: 7 * 24, reset: 24 };
export const MIN_PASSWORD_LENGTH = 10;

/** Where the person opens the link: the secret goes in the fragment, which browsers never send to a server. */
export const passwordLinkUrl = (publicUrl: string, secret: string) =>
  `${publicUrl.replace(/\/+$/, '')}/set-password#${secret}`;

async function issueLink(
  actor: Actor,
  userId: string,
  purpose: PasswordLinkPurpose,
  publicUrl: string,
  now: Date,
): Promise<{ url: string; expiresAt: string }> {
  const { secret, hash } = newSecret('hks');
  const expiresAt = new Date(now.getTime() + LINK_HOURS[purpose] * 3600_000);
  await insertPasswordLink(actor.scope, { tokenHash: hash, userId, purpose, createdBy: actor.userId, expiresAt });
  return { url: passwordLinkUrl(publicUrl, secret), expiresAt: expiresAt.toISOString() };
}

export interface Invitation {
  email: string;
  name: string;
  role: Exclude<Role, 'customer'>;
  teamId?: string | undefined;
  supervisorId?: string | undefined;
  skills?: string[] | undefined;
}

/**
 * Invites a member of staff: their account exists at once (it can be put on a team, lead it,
 * own cases) but has no password until they open the one-time link and choose one.
 */
export async function inviteStaff(actor: Actor, input: Invitation, publicUrl: string, now = new Date()) {
  return inTransaction(actor.scope, async (scope) => {
    const user = await createUser(scope, input);
    const link = await issueLink({ ...actor, scope }, user.id, 'invitation', publicUrl, now);
    return { user, passwordLink: link };
  });
}

/**
 * A new password link for someone who lost theirs. Their current password stops working and
 * their sessions end at once, so a reset also locks out anyone who learnt the old password.
 */
export async function resetPassword(actor: Actor, userId: string, publicUrl: string, now = new Date()) {
  const link = await inTransaction(actor.scope, async (scope) => {
    const user = await findUser(scope, userId);
    if (!user) throw notFound('User');
    if (!user.active)
      throw new AppError('conflict', `${user.name} is deactivated: reactivate them before resetting their password`, {
        reason: 'user_inactive',
      });
    await setPasswordHash(scope, userId, null);
    await deleteSessionsOf(scope, userId);
    return issueLink({ ...actor, scope }, userId, 'reset', publicUrl, now);
  });
  credentialsChanged();
  return { userId, passwordLink: link };
}

async function usableLink(db: Db, secret: string, now: Date): Promise<PasswordLinkFound> {
  const link = await findPasswordLink(db, hashSecret(secret.trim()));
  if (!link || !link.active)
    throw new AppError('not_found', 'This password link is not known. Ask your administrator for a new one.');
  if (link.usedAt)
    throw new AppError('gone', 'This link has already been used. Sign in, or ask your administrator for a new one.');
  if (link.expiresAt.getTime() <= now.getTime())
    throw new AppError('gone', 'This link has expired. Ask your administrator for a new one.');
  return link;
}

/** What the set-password page shows before the person chooses a password. */
export async function describePasswordLink(db: Db, secret: string, now = new Date()) {
  const link = await usableLink(db, secret, now);
  return {
    purpose: link.purpose,
    organisation: { slug: link.tenantSlug, name: link.tenantName },
    name: link.userName,
    email: link.email,
    role: link.role,
    expiresAt: link.expiresAt.toISOString(),
  };
}

/** Sets the password a link was issued for; the link works once. The person then signs in as usual. */
export async function redeemPasswordLink(db: Db, secret: string, password: string, now = new Date()) {
  if (password.trim().length < MIN_PASSWORD_LENGTH)
    throw invalid(`Choose a password of at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
  const link = await usableLink(db, secret, now);
  const passwordHash = await hashPassword(password);
  await inTransaction(scopeTo(db, link.tenantId), async (scope) => {
    if (!(await markPasswordLinkUsed(scope, hashSecret(secret.trim()), now)))
      throw new AppError('gone', 'This link has already been used. Sign in, or ask your administrator for a new one.');
    await setPasswordHash(scope, link.userId, passwordHash);
    await deleteSessionsOf(scope, link.userId);
  });
  return { organisation: link.tenantSlug, email: link.email };
}
