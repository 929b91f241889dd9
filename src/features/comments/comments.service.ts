// The discussion of a consultation: residents' comments and replies (one level) confirmed by an
// e-mail link, the city's answers, and reports. Only PUBLISHED and HIDDEN comments are ever listed;
// the e-mail address is dropped once confirmed, so nothing public can show it.
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import type { CommentStatus } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import { pageOf, skipFor, type Page } from '../../http/pagination.js';
import type { JobQueue } from '../../jobs/queue.js';
import { hashToken, isTokenShaped } from '../../lib/link-tokens.js';
import { queueMail } from '../mail/mail-deliveries.js';
import { publicWhere, statusOf } from '../consultations/consultation-status.js';
import { audit } from '../audit/audit.service.js';
import { shownName, type CommentInput } from './comments.schema.js';

export const COMMENTS_PAGE_SIZE = 20;
/** How long a confirmation link works; unconfirmed comments are deleted after it. */
export const CONFIRMATION_HOURS = 72;
export const COMMENT_MAIL_KIND = 'comment-confirm';

const VISIBLE: CommentStatus[] = ['PUBLISHED', 'HIDDEN'];

const discussionSelect = {
  id: true,
  slug: true,
  title: true,
  departmentId: true,
  commentsPremoderated: true,
  startsAt: true,
  endsAt: true,
  publishedAt: true,
  state: true,
  reportPublishedAt: true,
} satisfies Prisma.ConsultationSelect;
export type DiscussionConsultation = Prisma.ConsultationGetPayload<{ select: typeof discussionSelect }>;

/** A public consultation by slug, with what its discussion needs; 404 otherwise. */
export async function findDiscussion(db: Db, slug: string, now: Date): Promise<DiscussionConsultation> {
  const found = await db.consultation.findFirst({ where: { AND: [{ slug }, publicWhere(now)] }, select: discussionSelect });
  if (!found) throw new NotFoundError();
  return found;
}

/** Residents comment only while the consultation is open. */
export function isOpenForComments(c: DiscussionConsultation, now: Date): boolean {
  return statusOf(c, now) === 'OPEN';
}

/** The refusal (409 with a message) of any comment or reply while the consultation is not open. */
export function assertOpen(c: DiscussionConsultation, now: Date): void {
  if (!isOpenForComments(c, now)) throw new ConflictError('comments.closed');
}

// Never the e-mail address: what a page may show of a comment.
export const commentSelect = {
  id: true,
  parentId: true,
  authorName: true,
  official: true,
  body: true,
  fragmentAnchor: true,
  status: true,
  hiddenReason: true,
  createdAt: true,
} satisfies Prisma.CommentSelect;
export type PublicComment = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;
export type Thread = PublicComment & { replies: PublicComment[] };

/**
 * One page of top-level comments, oldest first, each with its replies: three statements whatever
 * the number of comments (count, the page, the replies of the page).
 */
export async function listThreads(db: Db, consultationId: number, page: number): Promise<Page<Thread>> {
  const where: Prisma.CommentWhereInput = { consultationId, parentId: null, status: { in: VISIBLE } };
  const orderBy: Prisma.CommentOrderByWithRelationInput[] = [{ createdAt: 'asc' }, { id: 'asc' }];
  const [total, top] = await Promise.all([
    db.comment.count({ where }),
    db.comment.findMany({ where, orderBy, skip: skipFor(page, COMMENTS_PAGE_SIZE), take: COMMENTS_PAGE_SIZE, select: commentSelect }),
  ]);
  const replies = top.length === 0 ? [] : await db.comment.findMany({ where: { parentId: { in: top.map((c) => c.id) }, status: { in: VISIBLE } }, orderBy, select: commentSelect });
  const threads = top.map((c) => ({ ...c, replies: replies.filter((r) => r.parentId === c.id) }));
  return pageOf(threads, total, page, COMMENTS_PAGE_SIZE);
}

/** Published comments and replies of a consultation (its page's "Wymiana opinii" section). */
export function countPublished(db: Db, consultationId: number): Promise<number> {
  return db.comment.count({ where: { consultationId, status: 'PUBLISHED' } });
}

/** A published top-level comment of this consultation, to reply to or report; 404 otherwise. */
export async function findPublishedComment(db: Db, consultationId: number, id: number, { topLevel }: { topLevel: boolean }): Promise<PublicComment> {
  const found = await db.comment.findFirst({ where: { id, consultationId, status: 'PUBLISHED', ...(topLevel ? { parentId: null } : {}) }, select: commentSelect });
  if (!found) throw new NotFoundError();
  return found;
}

interface Context {
  db: Db;
  pool: pg.Pool;
  jobs: JobQueue;
  now: Date;
}

/**
 * A resident's comment (or reply): stored unconfirmed, and the confirmation e-mail queued in the
 * same transaction. It appears only after the link in that e-mail is used.
 */
export async function submitComment({ db, pool, jobs, now }: Context, c: DiscussionConsultation, input: CommentInput, parentId: number | null = null): Promise<number> {
  assertOpen(c, now);
  if (parentId !== null) await findPublishedComment(db, c.id, parentId, { topLevel: true });
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO comment (consultation_id, parent_id, author_name, full_name_consent, email, body, fragment_anchor, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'UNCONFIRMED', $8) RETURNING id`,
      [c.id, parentId, shownName(input.name, input.fullName), input.fullName, input.email, input.body, input.fragment ?? null, now],
    );
    const id = rows[0]!.id;
    await queueMail(client, jobs, [{ dedupeKey: `${COMMENT_MAIL_KIND}:${id}`, kind: COMMENT_MAIL_KIND, commentId: id }]);
    return id;
  });
}

/** The city's answer to a comment: staff are signed in, so it is published at once (and audit-logged). */
export async function answerAsCity(
  db: Db,
  actor: { id: number; departmentName: string | null },
  c: DiscussionConsultation,
  parentId: number,
  body: string,
  context: { now: Date; ip: string | undefined; cityHall: string },
): Promise<number> {
  assertOpen(c, context.now);
  await findPublishedComment(db, c.id, parentId, { topLevel: true });
  return db.$transaction(async (tx) => {
    const created = await tx.comment.create({
      data: { consultationId: c.id, parentId, authorName: actor.departmentName ?? context.cityHall, official: true, userId: actor.id, body, status: 'PUBLISHED', createdAt: context.now, publishedAt: context.now },
      select: { id: true },
    });
    await audit(tx, { userId: actor.id, action: 'comment.answer', entityType: 'Comment', entityId: created.id, details: { consultationId: c.id, parentId }, ip: context.ip });
    return created.id;
  });
}

/** Whether a confirmation link would still work (the page with the button is shown only then). */
export async function isConfirmationLinkValid(db: Db, token: unknown, now: Date): Promise<boolean> {
  return (await findByToken(db, token, now)) !== null;
}

async function findByToken(db: Db, token: unknown, now: Date) {
  if (!isTokenShaped(token)) return null;
  const row = await db.comment.findUnique({
    where: { confirmTokenHash: hashToken(token) },
    select: { id: true, status: true, confirmExpiresAt: true, consultation: { select: { slug: true, commentsPremoderated: true } } },
  });
  if (!row || row.status !== 'UNCONFIRMED' || !row.confirmExpiresAt || row.confirmExpiresAt <= now) return null;
  return row;
}

/**
 * Uses a confirmation link once: the comment is published (or waits for a moderator), the e-mail
 * address and the token are erased. Null when the link is unknown, used or expired.
 */
export async function confirmComment(db: Db, token: unknown, now: Date): Promise<{ id: number; slug: string; status: CommentStatus } | null> {
  const row = await findByToken(db, token, now);
  if (!row) return null;
  const status: CommentStatus = row.consultation.commentsPremoderated ? 'PENDING' : 'PUBLISHED';
  // Matching the hash again is the "once": a second, racing click finds nothing to update.
  const { count } = await db.comment.updateMany({
    where: { id: row.id, status: 'UNCONFIRMED', confirmTokenHash: hashToken(token as string) },
    data: { status, email: null, confirmTokenHash: null, confirmExpiresAt: null, publishedAt: status === 'PUBLISHED' ? now : null },
  });
  return count === 0 ? null : { id: row.id, slug: row.consultation.slug, status };
}

/** Anyone may report a published comment, with a reason; moderators see it in their queue. */
export async function reportComment(db: Db, consultationId: number, commentId: number, reason: string, now: Date): Promise<void> {
  await findPublishedComment(db, consultationId, commentId, { topLevel: false });
  await db.commentReport.create({ data: { commentId, reason, createdAt: now } });
}

/** Comments never confirmed are deleted once their link has expired (RODO: the address goes with them). */
export async function deleteUnconfirmedComments(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - CONFIRMATION_HOURS * 3_600_000);
  const expired: Prisma.CommentWhereInput = { OR: [{ confirmExpiresAt: { lte: now } }, { confirmExpiresAt: null, createdAt: { lt: before } }] };
  return (await db.comment.deleteMany({ where: { status: 'UNCONFIRMED', ...expired } })).count;
}
