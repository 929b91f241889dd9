// What residents may read about consultations: the filtered list, one consultation's page, the home
// page lists, and the meetings and dates of the calendar. Only published records (publicWhere), status
// filters only through phaseWhere(), so the lists and statusOf() always agree.
import type { Db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import { NotFoundError } from '../../http/errors.js';
import { fetchPage, pageOf, skipFor, type Page } from '../../http/pagination.js';
import { warsawInstant, warsawParts } from '../../lib/dates.js';
import { keysetPages } from '../../lib/tabular-export.js';
import { districtEventsBetween } from '../districts/districts.queries.js';
import { phaseWhere, publicWhere, type PublicPhase } from './consultation-status.js';

export const PAGE_SIZE = 20;

export interface ListFilters {
  phase?: PublicPhase | undefined;
  departmentCode?: string | undefined;
  districtSlug?: string | undefined;
  topicSlug?: string | undefined;
  year?: number | undefined;
  text?: string | undefined;
}

// Without a status filter the list reads open ones first (closing soonest first), then planned ones
// (starting soonest first), then finished ones (most recent first).
const PHASE_ORDER: readonly { phase: PublicPhase; orderBy: Prisma.ConsultationOrderByWithRelationInput[] }[] = [
  { phase: 'trwajace', orderBy: [{ endsAt: 'asc' }, { id: 'asc' }] },
  { phase: 'planowane', orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] },
  { phase: 'zakonczone', orderBy: [{ endsAt: 'desc' }, { id: 'desc' }] },
];

/** The phases in the order the list shows them. */
export const LIST_PHASES = PHASE_ORDER.map((p) => p.phase);

const statusFields = { startsAt: true, endsAt: true, publishedAt: true, state: true, reportPublishedAt: true } as const;

const listSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  ...statusFields,
  cityWide: true,
  department: { select: { code: true, name: true } },
  districts: { select: { district: { select: { slug: true, name: true } } }, orderBy: { district: { name: 'asc' } } },
} satisfies Prisma.ConsultationSelect;

export type ConsultationListRow = Prisma.ConsultationGetPayload<{ select: typeof listSelect }>;

export interface ListGroup {
  phase: PublicPhase;
  /** All matching consultations of this phase, not only those on the page. */
  count: number;
  items: ConsultationListRow[];
}

/** LIKE pattern for a text anywhere, with the resident's % and _ taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Ids of published consultations whose title or summary contains the text, ignoring case and Polish
 * diacritics (f_unaccent from the consultations migration; the title has a trigram index).
 */
async function idsMatchingText(db: Db, text: string, now: Date): Promise<number[]> {
  const pattern = containsPattern(text);
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM consultation
    WHERE published_at <= ${now}
      AND (f_unaccent(lower(title)) LIKE f_unaccent(lower(${pattern})) OR f_unaccent(lower(summary)) LIKE f_unaccent(lower(${pattern})))`;
  return rows.map((r) => r.id);
}

/** Consultations running at any time in that calendar year (in Warsaw). */
function yearWhere(year: number): Prisma.ConsultationWhereInput {
  return { startsAt: { lt: warsawInstant(`${year + 1}-01-01`) }, endsAt: { gt: warsawInstant(`${year}-01-01`) } };
}

async function filtersWhere(db: Db, now: Date, f: ListFilters): Promise<Prisma.ConsultationWhereInput> {
  const and: Prisma.ConsultationWhereInput[] = [publicWhere(now)];
  if (f.departmentCode) and.push({ department: { code: f.departmentCode } });
  // A district's residents are concerned by city-wide consultations too.
  if (f.districtSlug) and.push({ OR: [{ cityWide: true }, { districts: { some: { district: { slug: f.districtSlug } } } }] });
  if (f.topicSlug) and.push({ topic: { slug: f.topicSlug } });
  if (f.year) and.push(yearWhere(f.year));
  if (f.text) and.push({ id: { in: await idsMatchingText(db, f.text, now) } });
  return { AND: and };
}

/**
 * One page of the list: counts per phase (in SQL), then only the rows of this page, each phase's slice
 * in one query with its relations. A page past the end shows the last page.
 */
export async function listConsultations(db: Db, now: Date, filters: ListFilters, requestedPage: number, pageSize = PAGE_SIZE) {
  const where = await filtersWhere(db, now, filters);
  const phases = PHASE_ORDER.filter((p) => !filters.phase || p.phase === filters.phase);
  const whereOf = (phase: PublicPhase) => ({ AND: [where, phaseWhere(phase, now)] });
  const counts = await Promise.all(phases.map((p) => db.consultation.count({ where: whereOf(p.phase) })));
  const total = counts.reduce((sum, n) => sum + n, 0);
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));

  let skip = skipFor(page, pageSize);
  let room = pageSize;
  const slices: { phase: PublicPhase; count: number; orderBy: Prisma.ConsultationOrderByWithRelationInput[]; skip: number; take: number }[] = [];
  phases.forEach((p, i) => {
    const count = counts[i]!;
    if (room === 0 || skip >= count) {
      skip = Math.max(0, skip - count);
      return;
    }
    const take = Math.min(room, count - skip);
    slices.push({ ...p, count, skip, take });
    skip = 0;
    room -= take;
  });
  const groups: ListGroup[] = await Promise.all(
    slices.map(async (s) => ({
      phase: s.phase,
      count: s.count,
      items: await db.consultation.findMany({ where: whereOf(s.phase), orderBy: s.orderBy, skip: s.skip, take: s.take, select: listSelect }),
    })),
  );
  const result: Page<ConsultationListRow> & { groups: ListGroup[] } = { ...pageOf(groups.flatMap((g) => g.items), total, page, pageSize), groups };
  return result;
}

/** The first few consultations of one phase, in the list's order (home page). */
export async function consultationsInPhase(db: Db, now: Date, phase: PublicPhase, take: number): Promise<ConsultationListRow[]> {
  const { orderBy } = PHASE_ORDER.find((p) => p.phase === phase)!;
  return db.consultation.findMany({ where: { AND: [publicWhere(now), phaseWhere(phase, now)] }, orderBy, take, select: listSelect });
}

const byPolishName = new Intl.Collator('pl').compare;

/** The choices of the filter form: dictionaries in Polish alphabetical order, and the years with consultations. */
export async function listFilterOptions(db: Db, now: Date) {
  const [departments, districts, topics, span] = await Promise.all([
    db.department.findMany({ select: { code: true, name: true } }),
    db.district.findMany({ select: { slug: true, name: true } }),
    db.topic.findMany({ select: { slug: true, name: true } }),
    db.consultation.aggregate({ where: publicWhere(now), _min: { startsAt: true }, _max: { endsAt: true } }),
  ]);
  const years: number[] = [];
  if (span._min.startsAt && span._max.endsAt) {
    const first = Number(warsawParts(span._min.startsAt).date.slice(0, 4));
    const last = Number(warsawParts(new Date(span._max.endsAt.getTime() - 1)).date.slice(0, 4));
    for (let y = last; y >= first; y--) years.push(y);
  }
  const sorted = <T extends { name: string }>(rows: T[]) => rows.sort((a, b) => byPolishName(a.name, b.name));
  return { departments: sorted(departments), districts: sorted(districts), topics: sorted(topics), years };
}

const attachmentSelect = {
  id: true,
  kind: true,
  originalName: true,
  extension: true,
  sizeBytes: true,
  title: true,
  description: true,
  altText: true,
  thumbnailName: true,
} satisfies Prisma.AttachmentSelect;

const meetingSelect = { id: true, title: true, startsAt: true, endsAt: true, place: true, onlineUrl: true, description: true } satisfies Prisma.MeetingSelect;

const detailSelect = {
  ...listSelect,
  subjectHtml: true,
  purposeHtml: true,
  legalBasis: true,
  addressees: true,
  forms: true,
  stateNote: true,
  coordinator: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  contactPlace: true,
  updatedAt: true,
  topic: { select: { slug: true, name: true } },
  attachments: { select: attachmentSelect, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
  meetings: { select: meetingSelect, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.ConsultationSelect;

export type ConsultationDetail = Prisma.ConsultationGetPayload<{ select: typeof detailSelect }>;

/** A published consultation by its slug, with its documents, gallery and meetings; 404 otherwise. */
export async function findPublicConsultation(db: Db, slug: string, now: Date): Promise<ConsultationDetail> {
  const consultation = await db.consultation.findFirst({ where: { AND: [{ slug }, publicWhere(now)] }, select: detailSelect });
  if (!consultation) throw new NotFoundError();
  return consultation;
}

/** Any consultation by id, published or not: for staff previewing a draft (the caller checks permission). */
export async function findConsultationForPreview(db: Db, id: number): Promise<ConsultationDetail> {
  const consultation = await db.consultation.findUnique({ where: { id }, select: detailSelect });
  if (!consultation) throw new NotFoundError();
  return consultation;
}

// Calendars show what will happen: consultations that were cancelled or postponed have no dates to keep.
const goingAhead = (now: Date): Prisma.ConsultationWhereInput => ({ AND: [publicWhere(now), { state: 'ACTIVE' }] });

const upcomingMeetingSelect = { ...meetingSelect, consultation: { select: { id: true, slug: true, title: true, state: true } } } satisfies Prisma.MeetingSelect;
export type UpcomingMeeting = Prisma.MeetingGetPayload<{ select: typeof upcomingMeetingSelect }>;

/** Meetings not over yet at `from` (those without an end count until they start) and starting before `to`. */
function meetingsBetween(from: Date, to: Date | undefined): Prisma.MeetingWhereInput {
  return {
    OR: [{ endsAt: { gte: from } }, { endsAt: null, startsAt: { gte: from } }],
    ...(to ? { startsAt: { lt: to } } : {}),
  };
}

export function upcomingMeetings(db: Db, now: Date, take: number): Promise<UpcomingMeeting[]> {
  return db.meeting.findMany({
    where: { AND: [{ consultation: goingAhead(now) }, meetingsBetween(now, undefined)] },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take,
    select: upcomingMeetingSelect,
  });
}

const datesSelect = { id: true, slug: true, title: true, ...statusFields, updatedAt: true } satisfies Prisma.ConsultationSelect;
export type ConsultationDates = Prisma.ConsultationGetPayload<{ select: typeof datesSelect }>;

/** What the calendar shows between two instants: meetings, and consultations starting or ending then. */
export async function calendarEntries(db: Db, now: Date, from: Date, to: Date) {
  const [meetings, consultations] = await Promise.all([
    db.meeting.findMany({
      where: { AND: [{ consultation: goingAhead(now) }, meetingsBetween(from, to)] },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      select: upcomingMeetingSelect,
    }),
    db.consultation.findMany({
      where: { AND: [goingAhead(now), { OR: [{ startsAt: { gte: from, lt: to } }, { endsAt: { gt: from, lte: to } }] }] },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      select: datesSelect,
    }),
  ]);
  return { meetings, consultations };
}

/** One meeting of a published consultation, for its .ics file; 404 otherwise. */
export async function findPublicMeeting(db: Db, slug: string, id: number, now: Date): Promise<UpcomingMeeting> {
  const meeting = await db.meeting.findFirst({ where: { id, consultation: { AND: [{ slug }, publicWhere(now)] } }, select: upcomingMeetingSelect });
  if (!meeting) throw new NotFoundError();
  return meeting;
}

/**
 * Open and planned consultations that name this district (not the city-wide ones, which the list
 * filter adds), open ones first, for the district's page.
 */
export function consultationsInDistrict(db: Db, now: Date, districtId: number, take: number): Promise<ConsultationListRow[]> {
  return db.consultation.findMany({
    where: { AND: [publicWhere(now), { districts: { some: { districtId } } }, { OR: [phaseWhere('trwajace', now), phaseWhere('planowane', now)] }] },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take,
    select: listSelect,
  });
}

/** The calendar's entries plus the district councils' events (sessions, office hours) in the same window. */
export async function calendarEntriesWithDistrictEvents(db: Db, now: Date, from: Date, to: Date) {
  const [entries, districtEvents] = await Promise.all([calendarEntries(db, now, from, to), districtEventsBetween(db, from, to)]);
  return { ...entries, districtEvents };
}

export interface MeetingFilters {
  consultationSlug?: string | undefined;
  /** Meetings starting at or after this instant. */
  from?: Date | undefined;
  /** Meetings starting at or before this instant. */
  to?: Date | undefined;
}

const meetingListSelect = { ...meetingSelect, consultation: { select: { slug: true, title: true } } } satisfies Prisma.MeetingSelect;
export type MeetingListRow = Prisma.MeetingGetPayload<{ select: typeof meetingListSelect }>;

function meetingFiltersWhere(now: Date, f: MeetingFilters): Prisma.MeetingWhereInput {
  return {
    consultation: { AND: [publicWhere(now), f.consultationSlug ? { slug: f.consultationSlug } : {}] },
    ...(f.from || f.to ? { startsAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) } } : {}),
  };
}

/** One page of the meetings of published consultations (cancelled ones too: the record stays public), by start. */
export async function listPublicMeetings(db: Db, now: Date, filters: MeetingFilters, requestedPage: number, pageSize: number) {
  const where = meetingFiltersWhere(now, filters);
  return fetchPage(requestedPage, pageSize, () => db.meeting.count({ where }), (skip, take) => db.meeting.findMany({ where, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], skip, take, select: meetingListSelect }));
}

const EXPORT_BATCH = 500;

/** Every public consultation matching the filters (the phase too), by id, a batch at a time: for CSV. */
export async function* consultationsForExport(db: Db, now: Date, filters: ListFilters): AsyncGenerator<ConsultationListRow> {
  const base = await filtersWhere(db, now, filters);
  const where = filters.phase ? { AND: [base, phaseWhere(filters.phase, now)] } : base;
  yield* keysetPages(
    (after: number | null) => db.consultation.findMany({ where: after === null ? where : { AND: [where, { id: { gt: after } }] }, orderBy: { id: 'asc' }, take: EXPORT_BATCH, select: listSelect }),
    (row) => row.id,
  );
}

/** Every meeting of a published consultation matching the filters, by id, a batch at a time: for CSV. */
export async function* meetingsForExport(db: Db, now: Date, filters: MeetingFilters): AsyncGenerator<MeetingListRow> {
  const where = meetingFiltersWhere(now, filters);
  yield* keysetPages(
    (after: number | null) => db.meeting.findMany({ where: after === null ? where : { AND: [where, { id: { gt: after } }] }, orderBy: { id: 'asc' }, take: EXPORT_BATCH, select: meetingListSelect }),
    (row) => row.id,
  );
}

const feedSelect = { ...listSelect, updatedAt: true } satisfies Prisma.ConsultationSelect;
export type ConsultationFeedRow = Prisma.ConsultationGetPayload<{ select: typeof feedSelect }>;

/**
 * The public consultations whose latest change a resident could notice (publication, start, end, report,
 * cancellation or postponement) is the most recent, newest first: the feed turns each into its entries.
 */
export async function consultationsForFeed(db: Db, now: Date, take: number): Promise<ConsultationFeedRow[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM consultation
     WHERE published_at <= ${now}
     ORDER BY GREATEST(published_at,
                       CASE WHEN starts_at <= ${now} THEN starts_at END,
                       CASE WHEN ends_at <= ${now} THEN ends_at END,
                       CASE WHEN report_published_at <= ${now} THEN report_published_at END,
                       CASE WHEN state <> 'ACTIVE' THEN updated_at END) DESC, id DESC
     LIMIT ${take}`;
  return db.consultation.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: feedSelect });
}
