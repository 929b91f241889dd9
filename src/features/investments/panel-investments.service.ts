// Department staff keep their department's investments (administrators any): drafts, publication,
// archiving, and the timeline of progress updates. Every write is checked, transactional and audit-logged.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { FormError, NotFoundError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { slugFrom } from '../../lib/slug.js';
import { audit } from '../audit/audit.service.js';
import { zlotyInput } from './investments.format.js';
import { findManageableInvestment } from './investments.policy.js';
import type { InvestmentInput, ProgressInput } from './panel-investments.schema.js';

interface Context {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

export type Publication = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

export function publicationOf(i: { publishedAt: Date | null; archivedAt: Date | null }): Publication {
  if (i.archivedAt) return 'ARCHIVED';
  return i.publishedAt ? 'PUBLISHED' : 'DRAFT';
}

const ownWhere = (actor: Actor): Prisma.InvestmentWhereInput => (actor.role === 'ADMIN' ? {} : { departmentId: actor.departmentId ?? -1 });

export async function listForStaff({ db, actor }: Context, page: number, pageSize = 20) {
  const where = ownWhere(actor);
  const [rows, total] = await Promise.all([
    db.investment.findMany({
      where,
      orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { updatedAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, title: true, status: true, publishedAt: true, archivedAt: true, department: { select: { code: true } } },
    }),
    db.investment.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...r, publication: publicationOf(r) })), total };
}

export async function getForPanel({ db, actor }: Context, id: number) {
  await findManageableInvestment(db, actor, id);
  const i = await db.investment.findUniqueOrThrow({
    where: { id },
    include: {
      department: { select: { name: true } },
      districts: { select: { districtId: true, district: { select: { name: true } } } },
      updates: { orderBy: [{ date: 'desc' }, { id: 'desc' }], select: { id: true, date: true, title: true, _count: { select: { photos: true } } } },
      attachments: { where: { kind: 'IMAGE' }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, title: true, originalName: true, altText: true, investmentUpdateId: true } },
      _count: { select: { attachments: true } },
    },
  });
  const images = i.attachments.length;
  return { ...i, publication: publicationOf(i), counts: { images, documents: i._count.attachments - images } };
}
export type PanelInvestment = Awaited<ReturnType<typeof getForPanel>>;

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export function formValues(i: PanelInvestment) {
  return {
    title: i.title, summary: i.summary, descriptionMd: i.descriptionMd, status: i.status, departmentId: String(i.departmentId),
    districtIds: i.districts.map((d) => String(d.districtId)),
    budget: zlotyInput(i.budgetGrosze), euFunding: zlotyInput(i.euFundingGrosze), fundingSources: i.fundingSources,
    plannedStart: isoDay(i.plannedStart), plannedEnd: isoDay(i.plannedEnd), actualStart: isoDay(i.actualStart), actualEnd: isoDay(i.actualEnd),
    address: i.address, latitude: i.latitude === null ? '' : String(i.latitude), longitude: i.longitude === null ? '' : String(i.longitude),
    consultationId: i.consultationId ? String(i.consultationId) : '', contactName: i.contactName, contactEmail: i.contactEmail, contactPhone: i.contactPhone,
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'pl');

/** The choices of the form: departments (administrators only choose), districts, consultations. */
export async function formOptions(db: Db, actor: Actor) {
  const [departments, districts, consultations] = await Promise.all([
    db.department.findMany({ where: actor.role === 'ADMIN' ? {} : { id: actor.departmentId ?? -1 }, select: { id: true, name: true } }),
    db.district.findMany({ select: { id: true, name: true } }),
    db.consultation.findMany({ orderBy: [{ startsAt: 'desc' }, { id: 'desc' }], take: 300, select: { id: true, title: true } }),
  ]);
  return { departments: departments.sort(byName), districts: districts.sort(byName), consultations };
}

/** Staff always keep their own department's investments; administrators choose any that exists. */
async function departmentFor(db: Db, actor: Actor, input: InvestmentInput, current?: number): Promise<number> {
  if (actor.role !== 'ADMIN') return current ?? actor.departmentId!;
  if (input.departmentId === null) throw new FormError({ departmentId: ['investments.validation.department'] });
  if (!(await db.department.findUnique({ where: { id: input.departmentId }, select: { id: true } }))) throw new FormError({ departmentId: ['investments.validation.department'] });
  return input.departmentId;
}

async function checkReferences(db: Db, input: InvestmentInput) {
  const errors: Record<string, string[]> = {};
  if (input.districtIds.length > 0 && (await db.district.count({ where: { id: { in: input.districtIds } } })) !== new Set(input.districtIds).size) errors.districtIds = ['investments.validation.districts'];
  if (input.consultationId !== null && !(await db.consultation.findUnique({ where: { id: input.consultationId }, select: { id: true } }))) errors.consultationId = ['investments.validation.consultation'];
  if (Object.keys(errors).length > 0) throw new FormError(errors);
}

const contentOf = (input: InvestmentInput) => ({
  title: input.title, summary: input.summary, descriptionMd: input.descriptionMd, descriptionHtml: renderMarkdown(input.descriptionMd), status: input.status,
  budgetGrosze: input.budget, euFundingGrosze: input.euFunding, fundingSources: input.fundingSources,
  plannedStart: input.plannedStart, plannedEnd: input.plannedEnd, actualStart: input.actualStart, actualEnd: input.actualEnd,
  address: input.address, latitude: input.latitude, longitude: input.longitude, consultationId: input.consultationId,
  contactName: input.contactName, contactEmail: input.contactEmail, contactPhone: input.contactPhone,
});

/** What the audit log keeps of a change: the figures and references, not the long texts. */
const auditDetails = (input: InvestmentInput, departmentId: number) => ({
  status: input.status, departmentId, districtIds: input.districtIds, budgetGrosze: input.budget?.toString() ?? null, euFundingGrosze: input.euFunding?.toString() ?? null,
  latitude: input.latitude, longitude: input.longitude, consultationId: input.consultationId,
});

/** A slug from the title, made unique with -2, -3 ...; it never changes afterwards. */
async function freeSlug(db: Pick<Db, 'investment'>, title: string): Promise<string> {
  const base = slugFrom(title);
  const taken = new Set((await db.investment.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((n) => n.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createInvestment({ db, actor, ip }: Context, input: InvestmentInput): Promise<{ id: number }> {
  const departmentId = await departmentFor(db, actor, input);
  await checkReferences(db, input);
  return db.$transaction(async (tx) => {
    const created = await tx.investment.create({
      data: { ...contentOf(input), slug: await freeSlug(tx, input.title), departmentId, createdById: actor.id, districts: { create: input.districtIds.map((districtId) => ({ districtId })) } },
      select: { id: true, slug: true },
    });
    await audit(tx, { userId: actor.id, action: 'investment.create', entityType: 'Investment', entityId: created.id, details: { slug: created.slug, ...auditDetails(input, departmentId) }, ip });
    return { id: created.id };
  });
}

export async function updateInvestment({ db, actor, ip }: Context, id: number, input: InvestmentInput): Promise<void> {
  const current = await findManageableInvestment(db, actor, id);
  const departmentId = await departmentFor(db, actor, input, current.departmentId);
  await checkReferences(db, input);
  await db.$transaction(async (tx) => {
    await tx.investmentDistrict.deleteMany({ where: { investmentId: id } });
    await tx.investment.update({ where: { id }, data: { ...contentOf(input), departmentId, districts: { create: input.districtIds.map((districtId) => ({ districtId })) } } });
    await audit(tx, { userId: actor.id, action: 'investment.update', entityType: 'Investment', entityId: id, details: auditDetails(input, departmentId), ip });
  });
}

/** Publication, withdrawal to a draft, archiving and restoring: one column each, one audit entry. */
async function setState({ db, actor, ip }: Context, id: number, action: string, data: Prisma.InvestmentUpdateInput) {
  await findManageableInvestment(db, actor, id);
  await db.$transaction(async (tx) => {
    await tx.investment.update({ where: { id }, data });
    await audit(tx, { userId: actor.id, action, entityType: 'Investment', entityId: id, ip });
  });
}

export const publishInvestment = (ctx: Context, id: number) => setState(ctx, id, 'investment.publish', { publishedAt: ctx.now });
export const unpublishInvestment = (ctx: Context, id: number) => setState(ctx, id, 'investment.unpublish', { publishedAt: null });
export const archiveInvestment = (ctx: Context, id: number) => setState(ctx, id, 'investment.archive', { archivedAt: ctx.now });
export const restoreInvestment = (ctx: Context, id: number) => setState(ctx, id, 'investment.restore', { archivedAt: null });

/** A dated entry of the timeline; the chosen gallery photos (of this investment only) are shown with it. */
export async function addProgressUpdate({ db, actor, ip }: Context, id: number, input: ProgressInput): Promise<{ id: number }> {
  await findManageableInvestment(db, actor, id);
  const photos = input.photoIds.length === 0 ? [] : await db.attachment.findMany({ where: { id: { in: input.photoIds }, investmentId: id, kind: 'IMAGE' }, select: { id: true } });
  if (photos.length !== new Set(input.photoIds).size) throw new FormError({ photoIds: ['investments.validation.photos'] });
  return db.$transaction(async (tx) => {
    const created = await tx.investmentUpdate.create({ data: { investmentId: id, date: input.date!, title: input.title, bodyMd: input.bodyMd, bodyHtml: renderMarkdown(input.bodyMd), createdById: actor.id }, select: { id: true } });
    if (photos.length > 0) await tx.attachment.updateMany({ where: { id: { in: photos.map((p) => p.id) } }, data: { investmentUpdateId: created.id } });
    await audit(tx, { userId: actor.id, action: 'investment.progress.add', entityType: 'InvestmentUpdate', entityId: created.id, details: { investmentId: id, date: input.date!.toISOString().slice(0, 10), photoIds: photos.map((p) => p.id) }, ip });
    return created;
  });
}

/** Removes an entry; its photos go back to the investment's gallery (the foreign key sets them free). */
export async function removeProgressUpdate({ db, actor, ip }: Context, id: number, updateId: number): Promise<{ title: string }> {
  await findManageableInvestment(db, actor, id);
  const update = await db.investmentUpdate.findFirst({ where: { id: updateId, investmentId: id }, select: { id: true, title: true } });
  if (!update) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    await tx.investmentUpdate.delete({ where: { id: updateId } });
    await audit(tx, { userId: actor.id, action: 'investment.progress.remove', entityType: 'InvestmentUpdate', entityId: updateId, details: { investmentId: id, title: update.title }, ip });
  });
  return { title: update.title };
}
