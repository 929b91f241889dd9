// Department staff run their consultations: create, edit, publish or schedule, cancel or postpone,
// archive. Every write checks the department, runs in one transaction and is audit-logged.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ConflictError, FormError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { endOfWarsawDay, daysBetween, warsawInstant, warsawParts } from '../../lib/dates.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { slugFrom } from '../../lib/slug.js';
import { audit } from '../audit/audit.service.js';
import { statusOf } from './consultation-status.js';
import { findManageableConsultation } from './consultations.policy.js';
import type { ConsultationInput, PublishInput, StateInput } from './panel-consultations.schema.js';

// Typical Polish rules (DOMAIN.md); to become site settings editable by administrators.
export const RULES = { minNoticeDays: 7, minDurationDays: 14 } as const;

interface Context {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

export async function listForStaff({ db, actor, now }: Context, page: number, pageSize = 20) {
  const where: Prisma.ConsultationWhereInput = actor.role === 'ADMIN' ? {} : { departmentId: actor.departmentId ?? -1 };
  const [rows, total] = await Promise.all([
    db.consultation.findMany({
      where,
      orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { startsAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, title: true, startsAt: true, endsAt: true, publishedAt: true, state: true, reportPublishedAt: true, archivedAt: true, department: { select: { code: true } } },
    }),
    db.consultation.count({ where }),
  ]);
  return { rows: rows.map((row) => ({ ...row, status: statusOf(row, now) })), total };
}

export async function getForPanel({ db, actor, now }: Context, id: number) {
  await findManageableConsultation(db, actor, id);
  const c = await db.consultation.findUniqueOrThrow({
    where: { id },
    include: {
      department: { select: { code: true, name: true } },
      topic: { select: { name: true } },
      districts: { select: { district: { select: { id: true, name: true } } }, orderBy: { district: { name: 'asc' } } },
      meetings: { orderBy: { startsAt: 'asc' } },
      _count: { select: { attachments: true, remarks: true, drafts: true } },
    },
  });
  return { ...c, status: statusOf(c, now), warnings: ruleWarnings(c) };
}

/** Departures from the usual rules, shown to staff (not enforced: the city may have reasons). */
export function ruleWarnings(c: { startsAt: Date; endsAt: Date; publishedAt: Date | null }): { key: string; params: Record<string, number> }[] {
  const warnings: { key: string; params: Record<string, number> }[] = [];
  const duration = daysBetween(c.startsAt, c.endsAt) + 1;
  if (duration < RULES.minDurationDays) warnings.push({ key: 'panel.consultations.warning.duration', params: { days: duration, min: RULES.minDurationDays } });
  if (c.publishedAt) {
    const notice = daysBetween(c.publishedAt, c.startsAt);
    if (notice < RULES.minNoticeDays) warnings.push({ key: 'panel.consultations.warning.notice', params: { days: Math.max(0, notice), min: RULES.minNoticeDays } });
  }
  return warnings;
}

/** The edit form's values from a stored consultation. */
export function formValues(c: Awaited<ReturnType<typeof getForPanel>>) {
  return {
    title: c.title,
    summary: c.summary,
    subjectMd: c.subjectMd,
    purposeMd: c.purposeMd,
    legalBasis: c.legalBasis,
    addressees: c.addressees,
    forms: c.forms,
    departmentId: String(c.departmentId),
    topicId: c.topicId ? String(c.topicId) : '',
    scope: c.cityWide ? 'miasto' : 'dzielnice',
    districtIds: c.districts.map((d) => String(d.district.id)),
    startDate: warsawParts(c.startsAt).date,
    endDate: warsawParts(c.endsAt).date,
    coordinator: c.coordinator,
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    contactPhone: c.contactPhone,
    contactPlace: c.contactPlace,
    commentsModeration: c.commentsPremoderated ? 'przed' : 'po',
  };
}

async function resolveReferences(db: Db, actor: Actor, input: ConsultationInput) {
  const departmentId = actor.role === 'ADMIN' ? input.departmentId : actor.departmentId;
  if (!departmentId || !(await db.department.findUnique({ where: { id: departmentId }, select: { id: true } }))) {
    throw new FormError({ departmentId: ['validation.department.required'] });
  }
  if (input.topicId && !(await db.topic.findUnique({ where: { id: input.topicId }, select: { id: true } }))) {
    throw new FormError({ topicId: ['validation.invalid'] });
  }
  const districtIds = input.scope === 'dzielnice' ? [...new Set(input.districtIds)] : [];
  if (districtIds.length > 0 && (await db.district.count({ where: { id: { in: districtIds } } })) !== districtIds.length) {
    throw new FormError({ districtIds: ['panel.consultations.validation.districts'] });
  }
  return { departmentId, districtIds };
}

function contentOf(input: ConsultationInput) {
  return {
    title: input.title,
    summary: input.summary,
    subjectMd: input.subjectMd,
    subjectHtml: renderMarkdown(input.subjectMd),
    purposeMd: input.purposeMd,
    purposeHtml: renderMarkdown(input.purposeMd),
    legalBasis: input.legalBasis,
    addressees: input.addressees,
    forms: [...new Set(input.forms)],
    topicId: input.topicId ?? null,
    cityWide: input.scope === 'miasto',
    startsAt: warsawInstant(input.startDate),
    endsAt: endOfWarsawDay(input.endDate),
    coordinator: input.coordinator,
    contactName: input.contactName,
    contactEmail: input.contactEmail ?? '',
    contactPhone: input.contactPhone,
    contactPlace: input.contactPlace,
    commentsPremoderated: input.commentsModeration === 'przed',
  };
}

/** Addresses under /konsultacje/ that belong to other pages (the annual plan), never a consultation's slug. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['plan']);

/** A slug from the title, made unique with -2, -3 ...; it never changes afterwards. */
export async function freeSlug(db: Pick<Db, 'consultation'>, title: string): Promise<string> {
  const base = slugFrom(title);
  const taken = new Set((await db.consultation.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((c) => c.slug));
  for (const reserved of RESERVED_SLUGS) taken.add(reserved);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export async function createConsultation(ctx: Context, input: ConsultationInput): Promise<{ id: number }> {
  const { db, actor, ip } = ctx;
  const { departmentId, districtIds } = await resolveReferences(db, actor, input);
  return db.$transaction(async (tx) => {
    const created = await tx.consultation.create({
      data: {
        ...contentOf(input),
        slug: await freeSlug(tx, input.title),
        departmentId,
        createdById: actor.id,
        districts: { create: districtIds.map((districtId) => ({ districtId })) },
      },
      select: { id: true, slug: true },
    });
    await audit(tx, { userId: actor.id, action: 'consultation.create', entityType: 'Consultation', entityId: created.id, details: { slug: created.slug }, ip });
    return { id: created.id };
  });
}

function assertEditable(c: { archivedAt: Date | null }) {
  if (c.archivedAt) throw new ConflictError('panel.consultations.archivedReadOnly');
}

export async function updateConsultation(ctx: Context, id: number, input: ConsultationInput): Promise<void> {
  const { db, actor, ip } = ctx;
  const current = await findManageableConsultation(db, actor, id);
  assertEditable(current);
  const { departmentId, districtIds } = await resolveReferences(db, actor, input);
  await db.$transaction(async (tx) => {
    await tx.consultationDistrict.deleteMany({ where: { consultationId: id } });
    await tx.consultation.update({
      where: { id },
      data: { ...contentOf(input), departmentId, districts: { create: districtIds.map((districtId) => ({ districtId })) } },
    });
    await audit(tx, { userId: actor.id, action: 'consultation.update', entityType: 'Consultation', entityId: id, ip });
  });
}

export async function publishConsultation(ctx: Context, id: number, input: PublishInput): Promise<Date> {
  const { db, actor, ip, now } = ctx;
  const current = await findManageableConsultation(db, actor, id);
  assertEditable(current);
  const at = input.when === 'teraz' ? now : warsawInstant(input.publishDate!, input.publishTime ?? '00:00');
  if (input.when === 'pozniej' && at <= now) throw new FormError({ publishDate: ['panel.consultations.validation.publishInPast'] });
  await db.$transaction(async (tx) => {
    await tx.consultation.update({ where: { id }, data: { publishedAt: at } });
    await audit(tx, { userId: actor.id, action: input.when === 'teraz' ? 'consultation.publish' : 'consultation.schedule', entityType: 'Consultation', entityId: id, details: { publishedAt: at.toISOString() }, ip });
  });
  return at;
}

/** Back to a draft: only before the public has seen it (a published record stays public). */
export async function unpublishConsultation(ctx: Context, id: number): Promise<void> {
  const { db, actor, ip, now } = ctx;
  const current = await findManageableConsultation(db, actor, id);
  assertEditable(current);
  if (current.publishedAt && current.publishedAt <= now) throw new ConflictError('panel.consultations.alreadyPublic');
  await db.$transaction(async (tx) => {
    await tx.consultation.update({ where: { id }, data: { publishedAt: null } });
    await audit(tx, { userId: actor.id, action: 'consultation.unpublish', entityType: 'Consultation', entityId: id, ip });
  });
}

export async function setConsultationState(ctx: Context, id: number, input: StateInput): Promise<void> {
  const { db, actor, ip } = ctx;
  const current = await findManageableConsultation(db, actor, id);
  assertEditable(current);
  await db.$transaction(async (tx) => {
    await tx.consultation.update({ where: { id }, data: { state: input.state, stateNote: input.state === 'ACTIVE' ? '' : input.stateNote } });
    await audit(tx, { userId: actor.id, action: 'consultation.state', entityType: 'Consultation', entityId: id, details: { state: input.state }, ip });
  });
}

/** Archived consultations stay public (a public record) but can no longer be changed. */
export async function archiveConsultation(ctx: Context, id: number): Promise<void> {
  const { db, actor, ip, now } = ctx;
  const current = await findManageableConsultation(db, actor, id);
  assertEditable(current);
  const full = await db.consultation.findUniqueOrThrow({ where: { id }, select: { startsAt: true, endsAt: true, publishedAt: true, state: true, reportPublishedAt: true } });
  const status = statusOf(full, now);
  if (!['CLOSED', 'CLOSED_PENDING_REPORT', 'CANCELLED', 'DRAFT'].includes(status)) throw new ConflictError('panel.consultations.archiveOnlyFinished');
  await db.$transaction(async (tx) => {
    await tx.consultation.update({ where: { id }, data: { archivedAt: now } });
    await audit(tx, { userId: actor.id, action: 'consultation.archive', entityType: 'Consultation', entityId: id, ip });
  });
}

/** Choices for the form's selects. */
export async function formOptions(db: Db) {
  const [departments, topics, districts] = await Promise.all([
    db.department.findMany({ orderBy: { name: 'asc' }, select: { id: true, code: true, name: true } }),
    db.topic.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.district.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { departments, topics, districts };
}
