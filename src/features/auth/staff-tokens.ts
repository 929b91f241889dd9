// The secrets in staff's set-password links (invitation and reset): src/lib/link-tokens.ts, only the
// hash is stored. A token works once:
// using it marks it, and every other live link of the same person, as used.
import type { Db } from '../../db/client.js';
import type { StaffTokenPurpose } from '../../generated/prisma/enums.js';
import { hashToken, isTokenShaped, newLinkToken } from '../../lib/link-tokens.js';

/** An invitation waits three days; a reset link is short-lived. */
export const TOKEN_LIFETIME_MINUTES: Record<StaffTokenPurpose, number> = { INVITE: 72 * 60, RESET: 30 };

export async function mintStaffToken(db: Pick<Db, 'staffToken'>, userId: number, purpose: StaffTokenPurpose, now: Date): Promise<string> {
  const { token, hash } = newLinkToken();
  await db.staffToken.create({
    data: { userId, purpose, tokenHash: hash, expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MINUTES[purpose] * 60_000) },
  });
  return token;
}

/** The live token of a link with its (active) user, or null: unknown, used, expired or deactivated. */
export async function findStaffToken(db: Pick<Db, 'staffToken'>, token: unknown, now: Date) {
  if (!isTokenShaped(token)) return null;
  const row = await db.staffToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, purpose: true, expiresAt: true, usedAt: true, user: { select: { id: true, email: true, name: true, active: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now || !row.user.active) return null;
  return row;
}

/** Uses the token (true) unless another request used it first; every other link of the user stops working too. */
export async function consumeStaffToken(db: Pick<Db, 'staffToken'>, tokenId: number, userId: number, now: Date): Promise<boolean> {
  const { count } = await db.staffToken.updateMany({ where: { id: tokenId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (count === 0) return false;
  await db.staffToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  return true;
}
