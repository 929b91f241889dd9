// Who may build a survey: staff of its department, administrators any (the shared permission matrix).
import type { Db } from '../../db/client.js';
import { ForbiddenError, NotFoundError } from '../../http/errors.js';
import { can, type Actor } from '../../http/permissions.js';

export const canManageSurvey = (actor: Actor, survey: { departmentId: number }) => can(actor, 'surveys:manage', { departmentId: survey.departmentId });

/** The survey if this actor may manage it: 404 when missing, 403 when it is another department's. */
export async function findManageableSurvey(db: Db, actor: Actor, id: number) {
  const survey = await db.survey.findUnique({ where: { id }, select: { id: true, departmentId: true, title: true, kind: true, opensAt: true, closesAt: true, _count: { select: { responses: true } } } });
  if (!survey) throw new NotFoundError();
  if (!canManageSurvey(actor, survey)) throw new ForbiddenError();
  return { ...survey, responses: survey._count.responses, locked: survey._count.responses > 0 };
}
