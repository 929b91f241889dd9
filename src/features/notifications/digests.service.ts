// The staff's daily digest: for each department, its consultations ending within a week and those
// finished without a published report, e-mailed to its staff who have not turned digests off.
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { withTransaction } from '../../db/transaction.js';
import type { JobQueue } from '../../jobs/queue.js';
import { warsawParts } from '../../lib/dates.js';
import { queueMail } from '../mail/mail-deliveries.js';
import { MAIL_KINDS } from './subscriptions.service.js';

export const ENDING_WITHIN_DAYS = 7;

/** Consultations a department owes something on: public, going ahead, not archived. */
function owed(now: Date): { endingSoon: Prisma.ConsultationWhereInput; awaitingReport: Prisma.ConsultationWhereInput } {
  const base: Prisma.ConsultationWhereInput = { publishedAt: { not: null, lte: now }, state: 'ACTIVE', archivedAt: null };
  return {
    endingSoon: { ...base, endsAt: { gt: now, lte: new Date(now.getTime() + ENDING_WITHIN_DAYS * 86_400_000) } },
    awaitingReport: { ...base, endsAt: { lte: now }, reportPublishedAt: null },
  };
}

/** Queues today's digest (Warsaw date) for every staff member whose department owes something. */
export async function queueDigests({ db, pool, jobs, now }: { db: Db; pool: pg.Pool; jobs: JobQueue; now: Date }): Promise<number> {
  const { endingSoon, awaitingReport } = owed(now);
  const departments = await db.consultation.findMany({ where: { OR: [endingSoon, awaitingReport] }, select: { departmentId: true }, distinct: ['departmentId'] });
  const staff = await db.user.findMany({
    where: { role: 'DEPARTMENT_STAFF', active: true, digestEnabled: true, departmentId: { in: departments.map((d) => d.departmentId) } },
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
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, active: true, digestEnabled: true, department: { select: { id: true, name: true } } } });
  if (!user || !user.active || !user.digestEnabled || !user.department) return null;
  const { endingSoon, awaitingReport } = owed(now);
  const select = { id: true, title: true, endsAt: true } as const;
  const [ending, awaiting] = await Promise.all([
    db.consultation.findMany({ where: { ...endingSoon, departmentId: user.department.id }, select, orderBy: { endsAt: 'asc' } }),
    db.consultation.findMany({ where: { ...awaitingReport, departmentId: user.department.id }, select, orderBy: { endsAt: 'asc' } }),
  ]);
  if (ending.length === 0 && awaiting.length === 0) return null;
  return { user, ending, awaiting };
}
