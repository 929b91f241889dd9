// What residents may read of news: published ones only (publication time reached, by the clock
// given), newest first; the list, one article, the latest few and the feeds.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { NotFoundError } from '../../http/errors.js';
import { pageOf, skipFor } from '../../http/pagination.js';
import { keysetPages } from '../../lib/tabular-export.js';

export const NEWS_PAGE_SIZE = 10;
export const FEED_SIZE = 20;

/** Public: published, and the publication time reached. */
export function publicNewsWhere(now: Date): Prisma.NewsWhereInput {
  return { publishedAt: { not: null, lte: now } };
}

const newest: Prisma.NewsOrderByWithRelationInput[] = [{ publishedAt: 'desc' }, { id: 'desc' }];

const listSelect = {
  id: true,
  slug: true,
  title: true,
  lead: true,
  publishedAt: true,
  district: { select: { slug: true, name: true } },
} satisfies Prisma.NewsSelect;
export type NewsListRow = Prisma.NewsGetPayload<{ select: typeof listSelect }>;

/** One page of public news, optionally of one district; a page past the end shows the last. */
export async function listNews(db: Db, now: Date, filters: { districtSlug?: string | undefined }, requestedPage: number, pageSize = NEWS_PAGE_SIZE) {
  const where: Prisma.NewsWhereInput = { AND: [publicNewsWhere(now), filters.districtSlug ? { district: { slug: filters.districtSlug } } : {}] };
  const total = await db.news.count({ where });
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));
  const items = await db.news.findMany({ where, orderBy: newest, skip: skipFor(page, pageSize), take: pageSize, select: listSelect });
  return pageOf(items, total, page, pageSize);
}

/** The newest public news, of one district (by id) or of all. */
export function latestNews(db: Db, now: Date, take: number, districtId?: number): Promise<NewsListRow[]> {
  return db.news.findMany({ where: { AND: [publicNewsWhere(now), districtId ? { districtId } : {}] }, orderBy: newest, take, select: listSelect });
}

const attachmentSelect = { id: true, kind: true, originalName: true, extension: true, sizeBytes: true, title: true, description: true, altText: true, width: true, height: true, thumbnailName: true } as const;

const detailSelect = {
  ...listSelect,
  bodyHtml: true,
  updatedAt: true,
  attachments: { select: attachmentSelect, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.NewsSelect;
export type NewsDetail = Prisma.NewsGetPayload<{ select: typeof detailSelect }>;

export async function findPublicNews(db: Db, slug: string, now: Date): Promise<NewsDetail> {
  const news = await db.news.findFirst({ where: { AND: [{ slug }, publicNewsWhere(now)] }, select: detailSelect });
  if (!news) throw new NotFoundError();
  return news;
}

const feedSelect = { ...listSelect, bodyHtml: true, updatedAt: true } satisfies Prisma.NewsSelect;
export type NewsFeedRow = Prisma.NewsGetPayload<{ select: typeof feedSelect }>;

/** The newest public news for a feed, with their bodies. */
export function newsForFeed(db: Db, now: Date, districtId?: number): Promise<NewsFeedRow[]> {
  return db.news.findMany({ where: { AND: [publicNewsWhere(now), districtId ? { districtId } : {}] }, orderBy: newest, take: FEED_SIZE, select: feedSelect });
}

/** The districts that have public news, for the list's filter, in Polish alphabetical order. */
export async function districtChoices(db: Db) {
  const rows = await db.district.findMany({ select: { slug: true, name: true } });
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'pl'));
}

/** Every public news article (of one district, by slug, or all), by id, a batch at a time: for CSV. */
export async function* newsForExport(db: Db, now: Date, filters: { districtSlug?: string | undefined }): AsyncGenerator<NewsListRow> {
  const where: Prisma.NewsWhereInput = { AND: [publicNewsWhere(now), filters.districtSlug ? { district: { slug: filters.districtSlug } } : {}] };
  yield* keysetPages(
    (after: number | null) => db.news.findMany({ where: after === null ? where : { AND: [where, { id: { gt: after } }] }, orderBy: { id: 'asc' }, take: 500, select: listSelect }),
    (row) => row.id,
  );
}
