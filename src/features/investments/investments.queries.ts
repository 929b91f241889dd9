// What residents may read of investments: published and not archived ones. The list with its filters,
// one investment, the map's points, a district's and the home page's few, the filter choices.
import type { Db } from '../../db/client.js';
import type { InvestmentStatus } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { NotFoundError } from '../../http/errors.js';
import { pageOf, skipFor } from '../../http/pagination.js';
import { keysetPages } from '../../lib/tabular-export.js';
import { publicNewsWhere, type NewsListRow } from '../news/news.queries.js';

export const PAGE_SIZE = 20;

/** Public: published (publication time reached) and not archived. */
export function publicInvestmentWhere(now: Date): Prisma.InvestmentWhereInput {
  return { publishedAt: { not: null, lte: now }, archivedAt: null };
}

export interface InvestmentFilters {
  status?: InvestmentStatus | undefined;
  districtSlug?: string | undefined;
  departmentCode?: string | undefined;
  year?: number | undefined;
}

/**
 * "Running at any time in that year": started (actually, or else as planned) by its last day and not
 * finished (actually, or else as planned; no end yet counts as open) before its first day.
 */
function yearWhere(year: number): Prisma.InvestmentWhereInput {
  const first = new Date(Date.UTC(year, 0, 1));
  const last = new Date(Date.UTC(year, 11, 31));
  return {
    AND: [
      { OR: [{ actualStart: { lte: last } }, { actualStart: null, plannedStart: { lte: last } }] },
      { OR: [{ actualEnd: { gte: first } }, { actualEnd: null, plannedEnd: { gte: first } }, { actualEnd: null, plannedEnd: null }] },
    ],
  };
}

export function filtersWhere(now: Date, f: InvestmentFilters): Prisma.InvestmentWhereInput {
  return {
    AND: [
      publicInvestmentWhere(now),
      f.status ? { status: f.status } : {},
      f.districtSlug ? { districts: { some: { district: { slug: f.districtSlug } } } } : {},
      f.departmentCode ? { department: { code: f.departmentCode } } : {},
      f.year ? yearWhere(f.year) : {},
    ],
  };
}

// Ongoing first, then being prepared, planned, suspended, finished (the enum's order); newest within a status.
const listOrder: Prisma.InvestmentOrderByWithRelationInput[] = [{ status: 'asc' }, { plannedStart: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }];

const listSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  status: true,
  budgetGrosze: true,
  euFundingGrosze: true,
  fundingSources: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  address: true,
  latitude: true,
  longitude: true,
  department: { select: { code: true, name: true } },
  districts: { select: { district: { select: { slug: true, name: true } } } },
} satisfies Prisma.InvestmentSelect;
export type InvestmentListRow = Prisma.InvestmentGetPayload<{ select: typeof listSelect }>;

/** One page of public investments; a page past the end shows the last. */
export async function listInvestments(db: Db, now: Date, filters: InvestmentFilters, requestedPage: number, pageSize = PAGE_SIZE) {
  const where = filtersWhere(now, filters);
  const total = await db.investment.count({ where });
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));
  const items = await db.investment.findMany({ where, orderBy: listOrder, skip: skipFor(page, pageSize), take: pageSize, select: listSelect });
  return pageOf(items, total, page, pageSize);
}

const pointSelect = {
  id: true,
  slug: true,
  title: true,
  status: true,
  budgetGrosze: true,
  address: true,
  latitude: true,
  longitude: true,
  districts: { select: { district: { select: { name: true } } } },
} satisfies Prisma.InvestmentSelect;
export type InvestmentPoint = Prisma.InvestmentGetPayload<{ select: typeof pointSelect }> & { latitude: number; longitude: number };

/** Every public investment with coordinates matching the filters, for the map and the GeoJSON. */
export async function investmentPoints(db: Db, now: Date, filters: InvestmentFilters): Promise<InvestmentPoint[]> {
  const rows = await db.investment.findMany({
    where: { AND: [filtersWhere(now, filters), { latitude: { not: null }, longitude: { not: null } }] },
    orderBy: [{ id: 'asc' }],
    select: pointSelect,
  });
  return rows as InvestmentPoint[];
}

/** A few public investments: of one district, or (home page) with the given statuses. */
export async function someInvestments(db: Db, now: Date, take: number, where: { districtId?: number; statuses?: InvestmentStatus[] }): Promise<InvestmentListRow[]> {
  return db.investment.findMany({
    where: {
      AND: [
        publicInvestmentWhere(now),
        where.districtId ? { districts: { some: { districtId: where.districtId } } } : {},
        where.statuses ? { status: { in: where.statuses } } : {},
      ],
    },
    orderBy: listOrder,
    take,
    select: listSelect,
  });
}

/** How many public investments a district has (for "see all N"). */
export function countInDistrict(db: Db, now: Date, districtId: number): Promise<number> {
  return db.investment.count({ where: { AND: [publicInvestmentWhere(now), { districts: { some: { districtId } } }] } });
}

const byPolishName = new Intl.Collator('pl').compare;

/** The filter form's choices: departments and districts in Polish order, and the years investments span. */
export async function investmentFilterOptions(db: Db, now: Date) {
  const [departments, districts, span] = await Promise.all([
    db.department.findMany({ where: { investments: { some: publicInvestmentWhere(now) } }, select: { code: true, name: true } }),
    db.district.findMany({ select: { slug: true, name: true } }),
    db.investment.aggregate({ where: publicInvestmentWhere(now), _min: { plannedStart: true, actualStart: true }, _max: { plannedEnd: true, actualEnd: true, plannedStart: true } }),
  ]);
  const yearOf = (d: Date | null) => (d ? d.getUTCFullYear() : null);
  const starts = [yearOf(span._min.plannedStart), yearOf(span._min.actualStart)].filter((y): y is number => y !== null);
  const ends = [yearOf(span._max.plannedEnd), yearOf(span._max.actualEnd), yearOf(span._max.plannedStart)].filter((y): y is number => y !== null);
  const years: number[] = [];
  if (starts.length > 0 && ends.length > 0) for (let y = Math.max(...ends); y >= Math.min(...starts); y--) years.push(y);
  return { departments: departments.sort((a, b) => byPolishName(a.name, b.name)), districts: districts.sort((a, b) => byPolishName(a.name, b.name)), years };
}

const attachmentSelect = { id: true, kind: true, originalName: true, extension: true, sizeBytes: true, title: true, description: true, altText: true, width: true, height: true, thumbnailName: true, investmentUpdateId: true } as const;

const detailSelect = {
  ...listSelect,
  descriptionHtml: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  updatedAt: true,
  consultation: { select: { slug: true, title: true, publishedAt: true } },
  updates: { select: { id: true, date: true, title: true, bodyHtml: true }, orderBy: [{ date: 'desc' }, { id: 'desc' }] },
  attachments: { select: attachmentSelect, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.InvestmentSelect;
export type InvestmentDetail = Prisma.InvestmentGetPayload<{ select: typeof detailSelect }>;

/** A public investment by its slug with its timeline, files and consultation; 404 otherwise. */
export async function findPublicInvestment(db: Db, slug: string, now: Date): Promise<InvestmentDetail> {
  const investment = await db.investment.findFirst({ where: { AND: [{ slug }, publicInvestmentWhere(now)] }, select: detailSelect });
  if (!investment) throw new NotFoundError();
  return investment;
}

/** Any investment by id, for staff previewing a draft (the caller checks permission). */
export async function findInvestmentForPreview(db: Db, id: number): Promise<InvestmentDetail> {
  const investment = await db.investment.findUnique({ where: { id }, select: detailSelect });
  if (!investment) throw new NotFoundError();
  return investment;
}

/**
 * Public news that link to the investment (its address, /inwestycje/<slug>, in the article's text),
 * newest first. A substring match narrows in SQL (news bodies are few per city); the exact slug is then
 * checked, so /inwestycje/most does not find /inwestycje/mostek.
 */
export async function newsMentioning(db: Db, now: Date, slug: string, take = 5): Promise<NewsListRow[]> {
  const path = `/inwestycje/${slug}`;
  const exact = new RegExp(`${path}(?![a-z0-9-])`);
  const rows = await db.news.findMany({
    where: { AND: [publicNewsWhere(now), { bodyMd: { contains: path } }] },
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    take: take * 4,
    select: { id: true, slug: true, title: true, lead: true, publishedAt: true, bodyMd: true, district: { select: { slug: true, name: true } } },
  });
  return rows.filter((n) => exact.test(n.bodyMd)).slice(0, take).map(({ bodyMd: _body, ...n }) => n);
}

/** Every public investment matching the filters, by id, a batch at a time: for CSV. */
export async function* investmentsForExport(db: Db, now: Date, filters: InvestmentFilters): AsyncGenerator<InvestmentListRow> {
  const where = filtersWhere(now, filters);
  yield* keysetPages(
    (after: number | null) => db.investment.findMany({ where: after === null ? where : { AND: [where, { id: { gt: after } }] }, orderBy: { id: 'asc' }, take: 500, select: listSelect }),
    (row) => row.id,
  );
}

const feedSelect = { ...listSelect, publishedAt: true, updatedAt: true } satisfies Prisma.InvestmentSelect;
export type InvestmentFeedRow = Prisma.InvestmentGetPayload<{ select: typeof feedSelect }>;

/** The public investments most recently published or changed, for the feed. */
export function investmentsForFeed(db: Db, now: Date, take: number): Promise<InvestmentFeedRow[]> {
  return db.investment.findMany({ where: publicInvestmentWhere(now), orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take, select: feedSelect });
}
