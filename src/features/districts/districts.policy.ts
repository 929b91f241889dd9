// Who may edit which district's council page and events: its councillors, administrators any.
import type { Db } from '../../db/client.js';
import { ForbiddenError, NotFoundError } from '../../http/errors.js';
import { can, type Actor } from '../../http/permissions.js';

/** Loads a district the user may edit: 404 when missing, 403 when another district's. */
export async function findEditableDistrict(db: Db, user: Actor, id: number) {
  const district = await db.district.findUnique({ where: { id }, select: { id: true, slug: true, name: true } });
  if (!district) throw new NotFoundError();
  if (!can(user, 'districtPage:edit', { districtId: district.id })) throw new ForbiddenError();
  return district;
}
