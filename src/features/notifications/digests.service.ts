// The staff's daily digest. Department staff: their department's consultations ending within a week
// with no report being prepared yet, those finished without a published report, and remarks not yet
// answered. Moderators: comments waiting for their decision. Sent to those who have not turned it off.
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { withTransaction } from '../../db/transaction.js';
import type { JobQueue } from '../../jobs/queue.js';
import { warsawParts } from '../../lib/dates.js';
import { awaitingModeration } from '../comments/comment-moderation.service.js';
import { queueMail } from '../mail/mail-deliveries.js';
import { MAIL_KINDS } from './subscriptions.service.js';

export const ENDING_WITHIN_DAYS = 7;

/** Consultations a department owes something on: public, going ahead, not archived. */
function owed(now: Date) {
  const base: Prisma.ConsultationWhereInput = { publishedAt: { not: null, lte: now }, state: 'ACTIVE', archivedAt: null };
  return {
    // "Without a planned report": nobody has started its report (the report feature's row).
    endingSoon: { ...base, endsAt: { gt: now, lte: new Date(now.getTime() + ENDING_WITHIN_DAYS * 86_400_000) }, report: { is: null } },
    awaitingReport: { ...base, endsAt: { lte: now }, reportPublishedAt: null },
    // A remark without a position is one the department has not answered (as the remarks panel counts).
    unansweredRemarks: { publishedAt: { not: null, lte: now }, archivedAt: null, remarks: { some: { position: null } } },
  } satisfies Record<string, Prisma.ConsultationWhereInput>;
}

/** Queues today's digest (Warsaw date) for every staff member with something in it. */
export async function queueDigests({ db, pool, jobs, now }: { db: Db; pool: pg.Pool; jobs: JobQueue; now: Date }): Promise<number> {
  const { endingSoon, awaitingReport, unansweredRemarks } = owed(now);
  const [departments, moderation] = await Promise.all([
    db.consultation.findMany({ where: { OR: [endingSoon, awaitingReport, unansweredRemarks] }, select: { departmentId: true }, distinct: ['departmentId'] }),
    awaitingModeration(db),
  ]);
  const staff = await db.user.findMany({
    where: {
      active: true,
      digestEnabled: true,
      OR: [{ role: 'DEPARTMENT_STAFF', departmentId: { in: departments.map((d) => d.departmentId) } }, ...(moderation > 0 ? [{ role: 'MODERATOR' as const }] : [])],
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const day = warsawParts(now).date;
  return withTransaction(pool, (client) =>
    queueMail(client, jobs, staff.map((user) => ({ dedupeKey: `${MAIL_KINDS.digest}:${user.id}:${day}`, kind: MAIL_KINDS.digest, userId: user.id, day }))),
  );
}

/** What one staff member's digest says, composed when it is sent; null when it should not go. */
export async function digestFor(db: Db, userId: number, now: Date) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, role: true, active: true, digestEnabled: true, department: { select: { id: true, name: true } } } });
  if (!user || !user.active || !user.digestEnabled) return null;
  if (user.role === 'MODERATOR') {
    const moderation = await awaitingModeration(db);
    return moderation > 0 ? { user, department: null, ending: [], awaiting: [], remarks: [], moderation } : null;
  }
  if (user.role !== 'DEPARTMENT_STAFF' || !user.department) return null;
  const department = user.department;
  const { endingSoon, awaitingReport, unansweredRemarks } = owed(now);
  const select = { id: true, title: true, endsAt: true } as const;
  const [ending, awaiting, remarks] = await Promise.all([
    db.consultation.findMany({ where: { ...endingSoon, departmentId: department.id }, select, orderBy: { endsAt: 'asc' } }),
    db.consultation.findMany({ where: { ...awaitingReport, departmentId: department.id }, select, orderBy: { endsAt: 'asc' } }),
    db.consultation.findMany({
      where: { ...unansweredRemarks, departmentId: department.id },
      select: { id: true, title: true, _count: { select: { remarks: { where: { position: null } } } } },
      orderBy: { endsAt: 'asc' },
    }),
  ]);
  if (ending.length === 0 && awaiting.length === 0 && remarks.length === 0) return null;
  return { user, department, ending, awaiting, remarks: remarks.map((c) => ({ id: c.id, title: c.title, count: c._count.remarks })), moderation: 0 };
}
