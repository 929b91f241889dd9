// Who may manage which consultation: department staff their own department's, administrators any.
import type { Db } from '../../db/client.js';
import { ForbiddenError, NotFoundError } from '../../http/errors.js';
import { can, type Actor } from '../../http/permissions.js';

export function canManageConsultation(user: Actor | null | undefined, consultation: { departmentId: number }): boolean {
  return can(user, 'consultations:manage', { departmentId: consultation.departmentId });
}

/** Loads a consultation a staff member may manage: 404 when missing, 403 when another department's. */
export async function findManageableConsultation(db: Db, user: Actor, id: number) {
  const consultation = await db.consultation.findUnique({
    where: { id },
    select: { id: true, slug: true, title: true, departmentId: true, archivedAt: true, publishedAt: true },
  });
  if (!consultation) throw new NotFoundError();
  if (!canManageConsultation(user, consultation)) throw new ForbiddenError();
  return consultation;
}
