// Loading surveys: a whole definition (questions and options in order) and the public lists.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { NotFoundError } from '../../http/errors.js';
import { fetchPage } from '../../http/pagination.js';
import { publicWhere } from '../consultations/consultation-status.js';

export const definitionSelect = {
  id: true,
  kind: true,
  title: true,
  introHtml: true,
  thankYou: true,
  departmentId: true,
  opensAt: true,
  closesAt: true,
  participation: true,
  resultsVisibility: true,
  onHomePage: true,
  districtId: true,
  askDistrict: true,
  consultation: { select: { slug: true, title: true } },
  department: { select: { name: true } },
  questions: {
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      position: true,
      type: true,
      text: true,
      hint: true,
      required: true,
      allowOther: true,
      minChoices: true,
      maxChoices: true,
      maxLength: true,
      minValue: true,
      maxValue: true,
      minLabel: true,
      maxLabel: true,
      showIfQuestionId: true,
      showIfOptionId: true,
      startsStep: true,
      options: { orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, label: true, position: true } },
    },
  },
} satisfies Prisma.SurveySelect;

export type SurveyDefinition = Prisma.SurveyGetPayload<{ select: typeof definitionSelect }>;
export type QuestionDefinition = SurveyDefinition['questions'][number];

export type SurveyPhase = 'planned' | 'open' | 'closed';

/** The one place the phase follows from the dates. */
export function phaseOf(survey: { opensAt: Date; closesAt: Date }, now: Date): SurveyPhase {
  if (now < survey.opensAt) return 'planned';
  return now < survey.closesAt ? 'open' : 'closed';
}

/** Whether residents may see the results now (staff always may, in the panel). */
export function resultsArePublic(survey: { resultsVisibility: string; opensAt: Date; closesAt: Date }, now: Date): boolean {
  if (survey.resultsVisibility === 'STAFF_ONLY') return false;
  if (survey.resultsVisibility === 'LIVE') return phaseOf(survey, now) !== 'planned';
  return phaseOf(survey, now) === 'closed';
}

/**
 * What residents may see: opened already, and, when tied to a consultation, only once that
 * consultation is public (a draft's survey must not give the draft away, nor take answers).
 */
export function visibleSurveyWhere(now: Date): Prisma.SurveyWhereInput {
  return { opensAt: { lte: now }, OR: [{ consultationId: null }, { consultation: publicWhere(now) }] };
}

/** A survey residents may see, or a 404. */
export async function publicDefinition(db: Db, id: number, now: Date): Promise<SurveyDefinition> {
  const survey = await db.survey.findFirst({ where: { AND: [{ id }, visibleSurveyWhere(now)] }, select: definitionSelect });
  if (!survey) throw new NotFoundError();
  return survey;
}

export async function definitionById(db: Db, id: number): Promise<SurveyDefinition> {
  const survey = await db.survey.findUnique({ where: { id }, select: definitionSelect });
  if (!survey) throw new NotFoundError();
  return survey;
}

const listSelect = { id: true, kind: true, title: true, opensAt: true, closesAt: true, resultsVisibility: true, department: { select: { name: true } }, _count: { select: { responses: true } } } satisfies Prisma.SurveySelect;
export type SurveyListRow = Prisma.SurveyGetPayload<{ select: typeof listSelect }>;

export function openSurveys(db: Db, now: Date) {
  return db.survey.findMany({ where: { AND: [visibleSurveyWhere(now), { closesAt: { gt: now } }] }, orderBy: [{ closesAt: 'asc' }, { id: 'asc' }], select: listSelect });
}

export async function closedSurveys(db: Db, now: Date, page: number, pageSize: number) {
  const where: Prisma.SurveyWhereInput = { AND: [visibleSurveyWhere(now), { closesAt: { lte: now } }] };
  const [rows, total] = await Promise.all([
    db.survey.findMany({ where, orderBy: [{ closesAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize, select: listSelect }),
    db.survey.count({ where }),
  ]);
  return { rows, total };
}

/** A consultation's surveys and polls, opened ones only (a planned survey is not public yet): its page and its report list them. */
export function consultationSurveys(db: Db, consultationId: number, now: Date) {
  return db.survey.findMany({ where: { consultationId, opensAt: { lte: now } }, orderBy: [{ opensAt: 'asc' }, { id: 'asc' }], select: listSelect });
}

/** The newest open poll placed on the home page, or on one district's page, with its single question. */
export async function placedPoll(db: Db, now: Date, place: 'home' | { districtId: number }): Promise<SurveyDefinition | null> {
  const where = place === 'home' ? { onHomePage: true } : { districtId: place.districtId };
  return db.survey.findFirst({ where: { AND: [visibleSurveyWhere(now), { kind: 'POLL', ...where, closesAt: { gt: now } }] }, orderBy: [{ opensAt: 'desc' }, { id: 'desc' }], select: definitionSelect });
}

export interface PublicSurveyFilters {
  phase?: 'open' | 'closed' | undefined;
  kind?: 'SURVEY' | 'POLL' | undefined;
  consultationSlug?: string | undefined;
}

/**
 * Opened surveys for the open-data API. One tied to a consultation is listed only once that
 * consultation is public, so a draft's survey never gives the draft away.
 */
export function publicSurveysWhere(now: Date, f: PublicSurveyFilters): Prisma.SurveyWhereInput {
  return {
    AND: [
      visibleSurveyWhere(now),
      f.phase === 'open' ? { closesAt: { gt: now } } : f.phase === 'closed' ? { closesAt: { lte: now } } : {},
      f.kind ? { kind: f.kind } : {},
      f.consultationSlug ? { consultation: { slug: f.consultationSlug } } : {},
    ],
  };
}

const apiSelect = {
  id: true,
  kind: true,
  title: true,
  opensAt: true,
  closesAt: true,
  resultsVisibility: true,
  department: { select: { code: true, name: true } },
  consultation: { select: { slug: true, title: true } },
} satisfies Prisma.SurveySelect;
export type PublicSurveyRow = Prisma.SurveyGetPayload<{ select: typeof apiSelect }>;

/** One page of public surveys, newest opening first; a page past the end shows the last. */
export async function listPublicSurveys(db: Db, now: Date, filters: PublicSurveyFilters, requestedPage: number, pageSize: number) {
  const where = publicSurveysWhere(now, filters);
  return fetchPage(requestedPage, pageSize, () => db.survey.count({ where }), (skip, take) => db.survey.findMany({ where, orderBy: [{ opensAt: 'desc' }, { id: 'desc' }], skip, take, select: apiSelect }));
}

/** One public survey with its definition (for its results), or a 404. */
export async function findPublicSurvey(db: Db, id: number, now: Date) {
  const survey = await db.survey.findFirst({ where: { AND: [{ id }, publicSurveysWhere(now, {})] }, select: { ...apiSelect, ...definitionSelect, department: { select: { code: true, name: true } } } });
  if (!survey) throw new NotFoundError();
  return survey;
}
