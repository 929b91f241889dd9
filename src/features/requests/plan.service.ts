// The year's plan of consultations: items by month and department, kept by the coordinating office;
// an item becomes a draft consultation of its department in one step when it starts.
import type { Db } from '../../db/client.js';
import { ConflictError, FormError, NotFoundError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { audit } from '../audit/audit.service.js';
import { createDraftConsultation, draftDates } from './consultation-drafts.js';
import type { PlanItemInput } from './requests.schema.js';

interface Context {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

export async function planForYear(db: Db, year: number) {
  const rows = await db.consultationPlanItem.findMany({
    where: { year },
    orderBy: [{ month: 'asc' }, { department: { name: 'asc' } }, { title: 'asc' }, { id: 'asc' }],
    select: {
      id: true, year: true, month: true, title: true, description: true, departmentId: true,
      department: { select: { code: true, name: true } },
      consultation: { select: { id: true, slug: true, title: true, publishedAt: true } },
    },
  });
  return rows;
}

/** Years that have a plan, newest first, and always the given (current) year. */
export async function planYears(db: Db, current: number): Promise<number[]> {
  const rows = await db.consultationPlanItem.groupBy({ by: ['year'] });
  return [...new Set([current, ...rows.map((r) => r.year)])].sort((a, b) => b - a);
}

export async function getItem(db: Db, id: number) {
  const item = await db.consultationPlanItem.findUnique({ where: { id }, select: { id: true, year: true, month: true, title: true, description: true, departmentId: true, consultationId: true } });
  if (!item) throw new NotFoundError();
  return item;
}

async function checkDepartment(db: Db, departmentId: number) {
  if (!(await db.department.findUnique({ where: { id: departmentId }, select: { id: true } }))) throw new FormError({ departmentId: ['validation.department.required'] });
}

const dataOf = (input: PlanItemInput) => ({ title: input.title, description: input.description, departmentId: input.departmentId, year: input.year, month: input.month });

export async function createItem({ db, actor, ip }: Context, input: PlanItemInput): Promise<{ id: number }> {
  await checkDepartment(db, input.departmentId);
  return db.$transaction(async (tx) => {
    const created = await tx.consultationPlanItem.create({ data: dataOf(input), select: { id: true } });
    await audit(tx, { userId: actor.id, action: 'plan.create', entityType: 'ConsultationPlanItem', entityId: created.id, details: { year: input.year, month: input.month }, ip });
    return created;
  });
}

export async function updateItem({ db, actor, ip }: Context, id: number, input: PlanItemInput): Promise<void> {
  await getItem(db, id);
  await checkDepartment(db, input.departmentId);
  await db.$transaction(async (tx) => {
    await tx.consultationPlanItem.update({ where: { id }, data: dataOf(input) });
    await audit(tx, { userId: actor.id, action: 'plan.update', entityType: 'ConsultationPlanItem', entityId: id, details: { year: input.year, month: input.month }, ip });
  });
}

/** An item that has become a consultation stays in the plan: the record of what was planned. */
export async function deleteItem({ db, actor, ip }: Context, id: number): Promise<{ year: number }> {
  const item = await getItem(db, id);
  if (item.consultationId) throw new ConflictError('plan.startedCannotDelete');
  await db.$transaction(async (tx) => {
    await tx.consultationPlanItem.delete({ where: { id } });
    await audit(tx, { userId: actor.id, action: 'plan.delete', entityType: 'ConsultationPlanItem', entityId: id, details: { title: item.title }, ip });
  });
  return { year: item.year };
}

export async function startItem({ db, actor, ip, now }: Context, id: number): Promise<{ id: number; year: number }> {
  const item = await getItem(db, id);
  if (item.consultationId) throw new ConflictError('plan.alreadyStarted');
  return db.$transaction(async (tx) => {
    const created = await createDraftConsultation(tx, {
      title: item.title,
      summary: item.description,
      subjectMd: item.description || item.title,
      purposeMd: item.description || item.title,
      forms: [],
      departmentId: item.departmentId,
      districtIds: [],
      createdById: actor.id,
    }, draftDates(now, item));
    const linked = await tx.consultationPlanItem.updateMany({ where: { id, consultationId: null }, data: { consultationId: created.id } });
    if (linked.count === 0) throw new ConflictError('plan.alreadyStarted');
    await audit(tx, { userId: actor.id, action: 'consultation.create', entityType: 'Consultation', entityId: created.id, details: { slug: created.slug, fromPlanItem: id }, ip });
    await audit(tx, { userId: actor.id, action: 'plan.start', entityType: 'ConsultationPlanItem', entityId: id, details: { consultationId: created.id }, ip });
    return { id: created.id, year: item.year };
  });
}
