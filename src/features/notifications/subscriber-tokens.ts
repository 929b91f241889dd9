// The secrets in residents' links: 32 random bytes (base64url) in the message, only their SHA-256 in
// the database, so a leaked database or backup opens no subscription. A token is minted when the
// message is composed, one per message, and every link in every message keeps working.
import crypto from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { SubscriberTokenPurpose } from '../../generated/prisma/enums.js';

/** How long a confirmation link works; unconfirmed sign-ups are deleted once it has expired. */
export const CONFIRMATION_DAYS = 7;
const DAY_MS = 86_400_000;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A token as it may appear in a link; anything else is not looked up at all. */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export async function mintToken(db: Db, subscriberId: number, purpose: SubscriberTokenPurpose, now: Date, consultationId: number | null = null): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.subscriberToken.create({
    data: {
      subscriberId,
      purpose,
      tokenHash: hashToken(token),
      consultationId,
      expiresAt: purpose === 'CONFIRM' ? new Date(now.getTime() + CONFIRMATION_DAYS * DAY_MS) : null,
    },
  });
  return token;
}

/** The live token row for a link, or null (unknown, wrong purpose or expired). */
export async function findToken(db: Pick<Db, 'subscriberToken'>, token: unknown, purpose: SubscriberTokenPurpose, now: Date) {
  if (!isTokenShaped(token)) return null;
  const row = await db.subscriberToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose) return null;
  if (row.expiresAt && row.expiresAt <= now) return null;
  return row;
}
