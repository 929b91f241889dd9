// Moderators' work on comments: the queue (waiting for approval, reported, hidden) and the decisions
// (approve, hide with a reason shown in place of the text, restore). Every decision resolves the
// comment's open reports and is audit-logged in the same transaction.
import type { Db } from '../../db/client.js';
import type { CommentStatus } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import { pageOf, skipFor, type Page } from '../../http/pagination.js';
import { audit } from '../audit/audit.service.js';
import type { ModerationView } from './comments.schema.js';
import { commentSelect } from './comments.service.js';

export const QUEUE_PAGE_SIZE = 20;

const VIEW_WHERE: Record<ModerationView, Prisma.CommentWhereInput> = {
  oczekujace: { status: 'PENDING' },
  zgloszone: { status: { in: ['PUBLISHED', 'PENDING'] }, reports: { some: { resolvedAt: null } } },
  ukryte: { status: 'HIDDEN' },
};

const queueSelect = {
  ...commentSelect,
  moderatedAt: true,
  consultation: { select: { slug: true, title: true } },
  reports: { where: { resolvedAt: null }, select: { id: true, reason: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.CommentSelect;
export type QueueItem = Prisma.CommentGetPayload<{ select: typeof queueSelect }>;

/** One page of a queue view (oldest first, so nothing waits forever) and the size of every view. */
export async function moderationQueue(db: Db, view: ModerationView, page: number): Promise<{ page: Page<QueueItem>; counts: Record<ModerationView, number> }> {
  const [items, oczekujace, zgloszone, ukryte] = await Promise.all([
    db.comment.findMany({ where: VIEW_WHERE[view], orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: skipFor(page, QUEUE_PAGE_SIZE), take: QUEUE_PAGE_SIZE, select: queueSelect }),
    db.comment.count({ where: VIEW_WHERE.oczekujace }),
    db.comment.count({ where: VIEW_WHERE.zgloszone }),
    db.comment.count({ where: VIEW_WHERE.ukryte }),
  ]);
  const counts = { oczekujace, zgloszone, ukryte };
  return { page: pageOf(items, counts[view], page, QUEUE_PAGE_SIZE), counts };
}

/** Comments a moderator should look at: waiting for approval, or reported and not yet decided. */
export function awaitingModeration(db: Db): Promise<number> {
  return db.comment.count({ where: { OR: [VIEW_WHERE.oczekujace, VIEW_WHERE.zgloszone] } });
}

export async function findForModeration(db: Db, id: number): Promise<QueueItem> {
  const found = await db.comment.findUnique({ where: { id }, select: queueSelect });
  if (!found || found.status === 'UNCONFIRMED') throw new NotFoundError();
  return found;
}

interface Decision {
  actorId: number;
  id: number;
  now: Date;
  ip: string | undefined;
}

async function decide(db: Db, d: Decision, from: CommentStatus[], data: Prisma.CommentUpdateManyMutationInput, action: string, details: Prisma.InputJsonObject = {}) {
  await db.$transaction(async (tx) => {
    const current = await tx.comment.findUnique({ where: { id: d.id }, select: { status: true } });
    if (!current || current.status === 'UNCONFIRMED') throw new NotFoundError();
    // Guarded by the status read here: a decision taken meanwhile by another moderator wins.
    const { count } = await tx.comment.updateMany({ where: { id: d.id, status: { in: from } }, data: { ...data, moderatedAt: d.now } });
    if (count === 0) throw new ConflictError('comments.moderation.conflict');
    const reports = await tx.commentReport.updateMany({ where: { commentId: d.id, resolvedAt: null }, data: { resolvedAt: d.now } });
    await audit(tx, { userId: d.actorId, action, entityType: 'Comment', entityId: d.id, details: { from: current.status, resolvedReports: reports.count, ...details }, ip: d.ip });
  });
}

/** Publishes a waiting comment, or keeps a reported one (its reports are dismissed). */
export async function approveComment(db: Db, d: Decision): Promise<void> {
  const current = await findForModeration(db, d.id);
  const data = current.status === 'PENDING' ? { status: 'PUBLISHED' as const, publishedAt: d.now } : {};
  await decide(db, d, ['PENDING', 'PUBLISHED'], data, 'comment.approve');
}

export async function hideComment(db: Db, d: Decision, reason: string): Promise<void> {
  await decide(db, d, ['PENDING', 'PUBLISHED'], { status: 'HIDDEN', hiddenReason: reason }, 'comment.hide', { reason });
}

export async function restoreComment(db: Db, d: Decision): Promise<void> {
  await decide(db, d, ['HIDDEN'], { status: 'PUBLISHED', hiddenReason: '' }, 'comment.restore');
}
