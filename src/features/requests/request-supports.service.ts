// Residents support a residents' request online: name, residency declaration and an e-mail address
// confirmed through a link (the mail queue and token scheme of notifications). One support per
// address and request (link tokens: src/lib/link-tokens.ts); after confirmation the address is dropped and only its keyed hash stays.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { ConflictError, FormError, NotFoundError } from '../../http/errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import { queueMail } from '../mail/mail-deliveries.js';
import { hashToken, isTokenShaped, newLinkToken } from '../../lib/link-tokens.js';
import { CONFIRMATION_DAYS } from '../notifications/subscriber-tokens.js';
import { OPEN_STATES } from './requests.service.js';
import type { SupportInput } from './requests.schema.js';

export const SUPPORT_MAIL_KIND = 'request-support-confirm';
const DAY = 86_400_000;

interface SupportContext {
  db: Db;
  pool: pg.Pool;
  jobs: JobQueue;
  now: Date;
  /** The server's secret; the hash key is derived from it, so the hashes cannot be recomputed without it. */
  secret: string;
}

/** HMAC-SHA256 of the (lower-cased) address under a key derived from the server's secret. */
export function emailHashOf(secret: string, email: string): string {
  const key = crypto.createHmac('sha256', secret).update('request-support-email').digest();
  return crypto.createHmac('sha256', key).update(email.trim().toLowerCase()).digest('hex');
}

/** A request that collects supporters: a residents' one still waiting for the answer. */
export async function findSupportableRequest(db: Db, id: number) {
  const r = await db.consultationRequest.findUnique({ where: { id }, select: { id: true, title: true, origin: true, state: true } });
  if (!r || r.origin !== 'RESIDENTS') throw new NotFoundError();
  if (!OPEN_STATES.includes(r.state)) throw new ConflictError('requests.support.closed');
  return r;
}

/**
 * Records a support waiting for confirmation and queues the confirmation e-mail. An address that has
 * already confirmed its support of this request is refused at the field; an unconfirmed one starts again.
 */
export async function supportRequest({ db, pool, jobs, now, secret }: SupportContext, requestId: number, input: SupportInput): Promise<void> {
  await findSupportableRequest(db, requestId);
  const emailHash = emailHashOf(secret, input.email);
  await withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO request_support (request_id, name, email, email_hash, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (request_id, email_hash) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, created_at = EXCLUDED.created_at, token_hash = NULL
         WHERE request_support.confirmed_at IS NULL
       RETURNING id`,
      [requestId, input.name, input.email, emailHash, now],
    );
    if (rows.length === 0) throw new FormError({ email: ['requests.support.already'] });
    const supportId = rows[0]!.id;
    await queueMail(client, jobs, [{ dedupeKey: `${SUPPORT_MAIL_KIND}:${supportId}:${crypto.randomUUID()}`, kind: SUPPORT_MAIL_KIND, supportId }]);
  });
}

/** Gives a pending support a fresh link token (when its e-mail is composed); returns the token. */
export async function mintSupportToken(db: Db, supportId: number): Promise<string | null> {
  const { token, hash } = newLinkToken();
  const { count } = await db.requestSupport.updateMany({ where: { id: supportId, confirmedAt: null }, data: { tokenHash: hash } });
  return count > 0 ? token : null;
}

export type ConfirmOutcome = { status: 'confirmed' | 'already'; requestId: number } | { status: 'invalid' } | { status: 'closed'; requestId: number };

async function supportOfToken(db: Pick<Db, 'requestSupport'>, token: unknown, now: Date) {
  if (!isTokenShaped(token)) return null;
  const row = await db.requestSupport.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, requestId: true, confirmedAt: true, createdAt: true, request: { select: { state: true } } } });
  if (!row) return null;
  if (!row.confirmedAt && row.createdAt.getTime() + CONFIRMATION_DAYS * DAY <= now.getTime()) return null;
  return row;
}

/** What a confirmation link would do, for the page with the button. */
export async function checkSupportLink(db: Db, token: unknown, now: Date): Promise<ConfirmOutcome> {
  const row = await supportOfToken(db, token, now);
  if (!row) return { status: 'invalid' };
  if (row.confirmedAt) return { status: 'already', requestId: row.requestId };
  if (!OPEN_STATES.includes(row.request.state)) return { status: 'closed', requestId: row.requestId };
  return { status: 'confirmed', requestId: row.requestId };
}

/** Uses a confirmation link: counts the support once and forgets the address. A replayed link counts nothing. */
export async function confirmSupport(db: Db, token: unknown, now: Date): Promise<ConfirmOutcome> {
  return db.$transaction(async (tx) => {
    const row = await supportOfToken(tx, token, now);
    if (!row) return { status: 'invalid' } as const;
    if (row.confirmedAt) return { status: 'already', requestId: row.requestId } as const;
    if (!OPEN_STATES.includes(row.request.state)) return { status: 'closed', requestId: row.requestId } as const;
    const { count } = await tx.requestSupport.updateMany({ where: { id: row.id, confirmedAt: null }, data: { confirmedAt: now, email: null } });
    return { status: count > 0 ? 'confirmed' : 'already', requestId: row.requestId } as const;
  });
}

/** Supports never confirmed are deleted once their link has expired (with their address). */
export async function deleteUnconfirmedSupports(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - CONFIRMATION_DAYS * DAY);
  return (await db.requestSupport.deleteMany({ where: { confirmedAt: null, createdAt: { lt: before } } })).count;
}
