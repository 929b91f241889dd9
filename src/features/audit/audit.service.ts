// The audit log: who did what to which record, when, from where. Written in the caller's transaction when given one.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';

export interface AuditEntry {
  userId: number | null;
  action: string;
  entityType?: string;
  entityId?: string | number | bigint;
  details?: Prisma.InputJsonValue;
  ip?: string | undefined;
}

type Writer = Pick<Db, 'auditLog'>;

export async function audit(db: Writer, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      userId: entry.userId,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId === undefined ? null : String(entry.entityId),
      details: entry.details ?? undefined,
      ip: entry.ip ?? null,
    },
  });
}

/** A refused request (403: no permission, or a missing or wrong CSRF token): who, what, from where. */
export async function recordRefusal(db: Writer, req: { user?: { id: number } | undefined; method: string; originalUrl: string; ip?: string | undefined }, reason: string): Promise<void> {
  await audit(db, {
    userId: req.user?.id ?? null,
    action: reason === 'errors.csrf.body' ? 'auth.csrf_refused' : 'auth.forbidden',
    // The path only: a query string may carry a secret token.
    details: { method: req.method, path: req.originalUrl.split('?')[0]!.slice(0, 300) },
    ip: req.ip,
  });
}
