// A user's server-side sessions, found in the session table by the user id passport keeps in them.
// Deleting a row ends that session at once on every instance: the store is read on each request.
import crypto from 'node:crypto';
import type { Queryable } from '../../jobs/queue.js';

export interface UserSession {
  /** A stable handle for forms: a hash of the session id, never the id itself. */
  key: string;
  current: boolean;
  startedAt: Date | null;
  lastSeenAt: Date | null;
  expiresAt: Date;
  userAgent: string;
  ip: string;
}

const keyOf = (sid: string) => crypto.createHash('sha256').update(sid).digest('base64url').slice(0, 22);
const USER_OF = `(sess #>> '{passport,user}')`;

interface Row {
  sid: string;
  sess: { cookie?: { originalMaxAge?: number }; authenticatedAt?: string; userAgent?: string; ip?: string };
  expire: Date;
}

export async function listUserSessions(db: Queryable, userId: number, currentSid: string, now: Date): Promise<UserSession[]> {
  const { rows } = (await db.query(`SELECT sid, sess, expire FROM session WHERE ${USER_OF} = $1 AND expire > $2 ORDER BY expire DESC`, [String(userId), now])) as { rows: Row[] };
  return rows.map((row) => ({
    key: keyOf(row.sid),
    current: row.sid === currentSid,
    startedAt: row.sess.authenticatedAt ? new Date(row.sess.authenticatedAt) : null,
    // Each request pushes the expiry a full idle period ahead, so the last request was that long before it.
    lastSeenAt: row.sess.cookie?.originalMaxAge ? new Date(row.expire.getTime() - row.sess.cookie.originalMaxAge) : null,
    expiresAt: row.expire,
    userAgent: row.sess.userAgent ?? '',
    ip: row.sess.ip ?? '',
  }));
}

/** Ends every session of the user except the one given (pass null to end all); returns how many ended. */
export async function endUserSessions(db: Queryable, userId: number, exceptSid: string | null): Promise<number> {
  const result = (await db.query(`DELETE FROM session WHERE ${USER_OF} = $1 AND sid <> $2 RETURNING sid`, [String(userId), exceptSid ?? ''])) as { rows: unknown[] };
  return result.rows.length;
}

/** Ends one session of the user, named by its key; false when there is none (or it is not theirs). */
export async function endUserSession(db: Queryable, userId: number, key: string): Promise<boolean> {
  const { rows } = (await db.query(`SELECT sid FROM session WHERE ${USER_OF} = $1`, [String(userId)])) as { rows: { sid: string }[] };
  const found = rows.find((row) => keyOf(row.sid) === key);
  if (!found) return false;
  await db.query(`DELETE FROM session WHERE sid = $1`, [found.sid]);
  return true;
}
