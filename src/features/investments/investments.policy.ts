// Who may manage which investment: department staff their own department's, administrators any.
import type { Db } from '../../db/client.js';
import { ForbiddenError, NotFoundError } from '../../http/errors.js';
import { can, type Actor } from '../../http/permissions.js';

export function canManageInvestment(user: Actor | null | undefined, investment: { departmentId: number }): boolean {
  return can(user, 'investments:manage', { departmentId: investment.departmentId });
}

/** Loads an investment the user may manage: 404 when missing, 403 when another department's. */
export async function findManageableInvestment(db: Db, user: Actor, id: number) {
  const investment = await db.investment.findUnique({ where: { id }, select: { id: true, slug: true, title: true, departmentId: true, publishedAt: true, archivedAt: true } });
  if (!investment) throw new NotFoundError();
  if (!canManageInvestment(user, investment)) throw new ForbiddenError();
  return investment;
}
