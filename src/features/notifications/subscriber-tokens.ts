// The tokens in residents' subscription links (src/lib/link-tokens.ts: only the hash is stored). A
// token is minted when the message is composed, one per message, and every link in every message keeps working.
import type { Db } from '../../db/client.js';
import type { SubscriberTokenPurpose } from '../../generated/prisma/enums.js';
import { hashToken, isTokenShaped, newLinkToken } from '../../lib/link-tokens.js';

/** How long a confirmation link works; unconfirmed sign-ups are deleted once it has expired. */
export const CONFIRMATION_DAYS = 7;
const DAY_MS = 86_400_000;

export async function mintToken(db: Db, subscriberId: number, purpose: SubscriberTokenPurpose, now: Date, consultationId: number | null = null): Promise<string> {
  const { token, hash } = newLinkToken();
  await db.subscriberToken.create({
    data: {
      subscriberId,
      purpose,
      tokenHash: hash,
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
