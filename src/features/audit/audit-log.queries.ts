// Reading the audit log: filtered pages for the viewer and keyset pages for the export.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { skipFor } from '../../http/pagination.js';
import { endOfWarsawDay, warsawInstant } from '../../lib/dates.js';
import type { AuditFilter } from './audit-log.schema.js';

export const AUDIT_PAGE_SIZE = 50;
const EXPORT_BATCH = 1000;

export function whereOf(filter: AuditFilter): Prisma.AuditLogWhereInput {
  const [entityType, entityId] = filter.obiekt?.split(':') ?? [];
  return {
    ...(filter.uzytkownik ? { userId: filter.uzytkownik } : {}),
    // A family of actions by its prefix ("auth." or "user.") or one action.
    ...(filter.akcja ? (filter.akcja.endsWith('.') ? { action: { startsWith: filter.akcja } } : { action: filter.akcja }) : {}),
    ...(entityType ? { entityType } : {}),
    ...(entityId ? { entityId } : {}),
    ...(filter.od || filter.do ? { createdAt: { ...(filter.od ? { gte: warsawInstant(filter.od) } : {}), ...(filter.do ? { lte: endOfWarsawDay(filter.do) } : {}) } } : {}),
  };
}

const select = {
  id: true,
  action: true,
  entityType: true,
  entityId: true,
  details: true,
  ip: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

export async function auditPage(db: Db, filter: AuditFilter) {
  const where = whereOf(filter);
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, select, orderBy: { id: 'desc' }, skip: skipFor(filter.strona, AUDIT_PAGE_SIZE), take: AUDIT_PAGE_SIZE }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total };
}

/** One batch of the export, newest first, after the given id. */
export function auditBatch(db: Db, filter: AuditFilter, beforeId: bigint | null) {
  const where = whereOf(filter);
  return db.auditLog.findMany({ where: beforeId === null ? where : { AND: [where, { id: { lt: beforeId } }] }, select, orderBy: { id: 'desc' }, take: EXPORT_BATCH });
}

/** The filter's choices: every staff account and every action recorded so far. */
export async function filterOptions(db: Db) {
  const [users, actions] = await Promise.all([
    db.user.findMany({ select: { id: true, name: true, email: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    db.$queryRaw<{ action: string }[]>`SELECT DISTINCT action FROM audit_log ORDER BY action`,
  ]);
  const families = [...new Set(actions.map((a) => a.action.split('.')[0] + '.'))];
  return { users, actions: [...families, ...actions.map((a) => a.action)].sort() };
}
