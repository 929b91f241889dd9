// Setting a password: through an invitation or reset link, or by the signed-in user. Each ends the
// user's other sessions (a stolen session does not outlive a password change) and is audit-logged.
import type { Deps } from '../../deps.js';
import { FormError } from '../../http/errors.js';
import { audit } from '../audit/audit.service.js';
import { findLoginCandidate } from '../users/users.service.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { queueStaffMail, STAFF_MAIL_KINDS } from './staff-emails.js';
import { consumeStaffToken, findStaffToken } from './staff-tokens.js';
import { endUserSessions } from './user-sessions.js';

type Ctx = Pick<Deps, 'db' | 'pool' | 'jobs' | 'clock' | 'resetThrottle'>;

/**
 * "Nie pamiętam hasła": queues a reset link when the address belongs to an active account. The caller
 * answers the same either way; only a flood from one IP address is refused (seconds to wait).
 */
export async function requestPasswordReset(ctx: Ctx, email: string, ip: string): Promise<{ ipBlockedSeconds: number }> {
  const limit = await ctx.resetThrottle.consume(ip, email);
  if (limit.ipBlockedSeconds > 0) return limit;
  const user = await ctx.db.user.findFirst({ where: { email, active: true }, select: { id: true } });
  const send = Boolean(user) && !limit.addressExceeded;
  if (send) await queueStaffMail(ctx, STAFF_MAIL_KINDS.reset, user!.id);
  // Only the administrators reading the audit log learn whether the address was known.
  await audit(ctx.db, { userId: null, action: 'auth.password_reset_requested', entityType: 'User', ...(user ? { entityId: user.id } : {}), details: { email, known: Boolean(user), sent: send }, ip });
  return { ipBlockedSeconds: 0 };
}

/** The live link's purpose and person, for the set-password page; null for an unusable link. */
export function checkSetPasswordLink(ctx: Pick<Deps, 'db' | 'clock'>, token: unknown) {
  return findStaffToken(ctx.db, token, ctx.clock.now());
}

/** Sets the password from a link: the link is used up, every session of the user ends. */
export async function setPasswordWithLink(ctx: Ctx, token: unknown, password: string, ip: string | undefined): Promise<{ userId: number } | null> {
  const now = ctx.clock.now();
  const passwordHash = await hashPassword(password);
  const done = await ctx.db.$transaction(async (tx) => {
    const found = await findStaffToken(tx, token, now);
    if (!found || !(await consumeStaffToken(tx, found.id, found.user.id, now))) return null;
    await tx.user.update({ where: { id: found.user.id }, data: { passwordHash, passwordChangedAt: now } });
    await audit(tx, { userId: found.user.id, action: found.purpose === 'INVITE' ? 'auth.invitation_accepted' : 'auth.password_reset', entityType: 'User', entityId: found.user.id, ip });
    return { userId: found.user.id };
  });
  if (done) await endUserSessions(ctx.pool, done.userId, null);
  return done;
}

/** The signed-in user changes the password, giving the current one again; other sessions end. */
export async function changePassword(ctx: Ctx, user: { id: number; email: string }, input: { currentPassword: string; password: string }, currentSid: string, ip: string | undefined) {
  const candidate = await findLoginCandidate(ctx.db, user.email);
  if (!candidate?.passwordHash || !(await verifyPassword(candidate.passwordHash, input.currentPassword))) {
    await audit(ctx.db, { userId: user.id, action: 'auth.reauth_failed', entityType: 'User', entityId: user.id, details: { for: 'password' }, ip });
    throw new FormError({ currentPassword: ['validation.password.currentWrong'] });
  }
  const passwordHash = await hashPassword(input.password);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: ctx.clock.now() } });
    await audit(tx, { userId: user.id, action: 'auth.password_changed', entityType: 'User', entityId: user.id, ip });
  });
  return endUserSessions(ctx.pool, user.id, currentSid);
}
