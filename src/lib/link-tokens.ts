// The secrets in links sent by e-mail: 32 random bytes (base64url) in the message, only their SHA-256
// in the database, so a leaked database or backup opens nothing. Shared by the notification links
// the comment confirmation links and the survey links of "one per verified e-mail".
import crypto from 'node:crypto';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A token as it may appear in a link; anything else is not looked up at all. */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** A fresh token for a link, and the hash to store. */
export function newLinkToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
