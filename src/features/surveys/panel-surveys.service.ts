// Staff build surveys of their department (administrators any): settings, closing, copying. Every write
// is checked and audit-logged; what a survey with responses may no longer change is refused here.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ConflictError, FormError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { endOfWarsawDay, warsawInstant, warsawParts } from '../../lib/dates.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { audit } from '../audit/audit.service.js';
import type { SurveyInput } from './panel-surveys.schema.js';
import { findManageableSurvey } from './surveys.policy.js';
import { definitionById, phaseOf } from './surveys.queries.js';

export interface PanelContext {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

const ownWhere = (actor: Actor): Prisma.SurveyWhereInput => (actor.role === 'ADMIN' ? {} : { departmentId: actor.departmentId ?? -1 });

export async function listForStaff({ db, actor, now }: PanelContext, page: number, pageSize = 20) {
  const where = ownWhere(actor);
  const [rows, total] = await Promise.all([
    db.survey.findMany({
      where,
      orderBy: [{ opensAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, title: true, kind: true, opensAt: true, closesAt: true, department: { select: { code: true } }, _count: { select: { responses: true } } },
    }),
    db.survey.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...r, phase: phaseOf(r, now), responses: r._count.responses })), total };
}

export async function getForPanel({ db, actor }: PanelContext, id: number) {
  const access = await findManageableSurvey(db, actor, id);
  const survey = await definitionById(db, id);
  const extra = await db.survey.findUniqueOrThrow({ where: { id }, select: { introMd: true, consultationId: true, districtId: true } });
  return { ...survey, ...extra, responses: access.responses, locked: access.locked };
}
export type PanelSurvey = Awaited<ReturnType<typeof getForPanel>>;

export function formValues(s: PanelSurvey) {
  return {
    kind: s.kind,
    title: s.title,
    introMd: s.introMd,
    thankYou: s.thankYou,
    departmentId: String(s.departmentId),
    consultationId: s.consultationId ? String(s.consultationId) : '',
    openDate: warsawParts(s.opensAt).date,
    closeDate: warsawParts(new Date(s.closesAt.getTime() - 1)).date,
    participation: s.participation,
    resultsVisibility: s.resultsVisibility,
    onHomePage: s.onHomePage ? 'tak' : '',
    districtId: s.districtId ? String(s.districtId) : '',
    askDistrict: s.askDistrict ? 'tak' : '',
  };
}

export async function departmentOptions(db: Db, actor: Actor) {
  return db.department.findMany({ where: actor.role === 'ADMIN' ? {} : { id: actor.departmentId ?? -1 }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}

/** Districts whose page may show a poll, in Polish alphabetical order. */
export async function districtOptions(db: Db) {
  const rows = await db.district.findMany({ select: { id: true, name: true } });
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'pl'));
}

export async function consultationOptions(db: Db, actor: Actor) {
  return db.consultation.findMany({ where: actor.role === 'ADMIN' ? {} : { departmentId: actor.departmentId ?? -1 }, orderBy: { startsAt: 'desc' }, take: 200, select: { id: true, title: true } });
}

/** Staff always build for their own department; administrators choose. The consultation must be the department's. */
async function ownersFor(db: Db, actor: Actor, input: SurveyInput) {
  const departmentId = actor.role === 'ADMIN' ? input.departmentId : (actor.departmentId ?? undefined);
  if (!departmentId || !(await db.department.findUnique({ where: { id: departmentId }, select: { id: true } }))) throw new FormError({ departmentId: ['validation.department.required'] });
  if (input.consultationId) {
    const consultation = await db.consultation.findUnique({ where: { id: input.consultationId }, select: { departmentId: true } });
    if (!consultation || (actor.role !== 'ADMIN' && consultation.departmentId !== departmentId)) throw new FormError({ consultationId: ['panel.surveys.validation.consultation'] });
  }
  // Only a poll is placed on a district's page; the district must exist.
  const districtId = input.kind === 'POLL' ? (input.districtId ?? null) : null;
  if (districtId !== null && !(await db.district.findUnique({ where: { id: districtId }, select: { id: true } }))) throw new FormError({ districtId: ['panel.surveys.validation.district'] });
  return { departmentId, consultationId: input.consultationId ?? null, districtId };
}

function settingsData(input: SurveyInput) {
  return {
    title: input.title,
    introMd: input.introMd,
    introHtml: renderMarkdown(input.introMd),
    thankYou: input.thankYou,
    opensAt: warsawInstant(input.openDate),
    closesAt: endOfWarsawDay(input.closeDate),
    resultsVisibility: input.resultsVisibility,
    onHomePage: input.kind === 'POLL' && input.onHomePage,
    askDistrict: input.kind === 'SURVEY' && input.askDistrict,
  };
}

export async function createSurvey({ db, actor, ip }: PanelContext, input: SurveyInput) {
  const owners = await ownersFor(db, actor, input);
  return db.$transaction(async (tx) => {
    const survey = await tx.survey.create({ data: { ...settingsData(input), ...owners, kind: input.kind, participation: input.participation, createdById: actor.id }, select: { id: true } });
    await audit(tx, { userId: actor.id, action: 'survey.create', entityType: 'survey', entityId: survey.id, details: { title: input.title }, ip });
    return survey;
  });
}

/** Settings stay editable; the kind and the participation rule are fixed once anyone answered. */
export async function updateSurvey({ db, actor, ip }: PanelContext, id: number, input: SurveyInput) {
  const access = await findManageableSurvey(db, actor, id);
  const current = await db.survey.findUniqueOrThrow({ where: { id }, select: { kind: true, participation: true } });
  if (access.locked && (current.kind !== input.kind || current.participation !== input.participation)) throw new FormError({ participation: ['panel.surveys.locked.rule'] });
  if (input.kind === 'POLL' && current.kind !== 'POLL' && (await db.surveyQuestion.count({ where: { surveyId: id } })) > 1) throw new FormError({ kind: ['panel.surveys.validation.pollOneQuestion'] });
  const owners = await ownersFor(db, actor, input);
  await db.$transaction(async (tx) => {
    await tx.survey.update({ where: { id }, data: { ...settingsData(input), ...owners, kind: input.kind, participation: input.participation } });
    await audit(tx, { userId: actor.id, action: 'survey.update', entityType: 'survey', entityId: id, details: { title: input.title }, ip });
  });
}

/** Closes an open (or planned) survey now. */
export async function closeSurvey({ db, actor, ip, now }: PanelContext, id: number) {
  const access = await findManageableSurvey(db, actor, id);
  if (phaseOf(access, now) === 'closed') throw new ConflictError('panel.surveys.closeClosed');
  const opensAt = access.opensAt > now ? new Date(now.getTime() - 1) : access.opensAt;
  await db.$transaction(async (tx) => {
    await tx.survey.update({ where: { id }, data: { closesAt: now, opensAt } });
    await audit(tx, { userId: actor.id, action: 'survey.close', entityType: 'survey', entityId: id, ip });
  });
}

/**
 * A new survey with the same settings, questions, options and conditions, planned from tomorrow for
 * as long as the original ran: the way to change a survey that already has responses.
 */
export async function copySurvey({ db, actor, ip, now }: PanelContext, id: number) {
  await findManageableSurvey(db, actor, id);
  const source = await db.survey.findUniqueOrThrow({ where: { id }, include: { questions: { include: { options: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] } } });
  const opensAt = warsawInstant(warsawParts(new Date(now.getTime() + 86_400_000)).date);
  const closesAt = new Date(opensAt.getTime() + Math.max(86_400_000, source.closesAt.getTime() - source.opensAt.getTime()));
  return db.$transaction(async (tx) => {
    const { id: copyId } = await tx.survey.create({
      data: {
        kind: source.kind, title: source.title, introMd: source.introMd, introHtml: source.introHtml, thankYou: source.thankYou, departmentId: source.departmentId, consultationId: source.consultationId,
        opensAt, closesAt, participation: source.participation, resultsVisibility: source.resultsVisibility, onHomePage: false, copiedFromId: source.id, createdById: actor.id,
      },
      select: { id: true },
    });
    const questionIds = new Map<number, number>();
    const optionIds = new Map<number, number>();
    for (const q of source.questions) {
      const { id: _id, surveyId: _s, options, showIfQuestionId: _q, showIfOptionId: _o, ...fields } = q;
      const created = await tx.surveyQuestion.create({ data: { ...fields, surveyId: copyId }, select: { id: true } });
      questionIds.set(q.id, created.id);
      for (const o of options) optionIds.set(o.id, (await tx.surveyOption.create({ data: { questionId: created.id, position: o.position, label: o.label }, select: { id: true } })).id);
    }
    for (const q of source.questions.filter((q) => q.showIfQuestionId && q.showIfOptionId)) {
      await tx.surveyQuestion.update({ where: { id: questionIds.get(q.id)! }, data: { showIfQuestionId: questionIds.get(q.showIfQuestionId!) ?? null, showIfOptionId: optionIds.get(q.showIfOptionId!) ?? null } });
    }
    await audit(tx, { userId: actor.id, action: 'survey.copy', entityType: 'survey', entityId: copyId, details: { from: source.id }, ip });
    return { id: copyId };
  });
}
