// Whether a staff member gets the daily digest; each change is audit-logged.
import type { Db } from '../../db/client.js';
import type { Actor } from '../../http/permissions.js';
import { audit } from '../audit/audit.service.js';

export async function digestSetting(db: Db, userId: number): Promise<boolean> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { digestEnabled: true } });
  return user.digestEnabled;
}

export async function setDigest(db: Db, actor: Actor, enabled: boolean, ip: string | undefined): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { digestEnabled: enabled } });
    await audit(tx, { userId: actor.id, action: 'user.digest', entityType: 'User', entityId: actor.id, details: { enabled }, ip });
  });
}
