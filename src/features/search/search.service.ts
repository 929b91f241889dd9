// Site-wide search: from the typed text to one page of results with counts per kind. The matching is
// in search.queries.ts; here the page's items are loaded (one query per kind present, never per item).
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { SearchKind } from '../../generated/prisma/enums.js';
import { pageOf, skipFor, type Page } from '../../http/pagination.js';
import { countByKind, pageOfHits, SEARCH_KINDS, withSimilarWords, type HitRow } from './search.queries.js';
import { queryWords } from './search.terms.js';

export const SEARCH_PAGE_SIZE = 10;

export interface SearchInput {
  text: string;
  kind?: SearchKind | undefined;
  page: number;
}

export interface SearchResult {
  /** The folded words searched for (empty: nothing to search). */
  words: string[];
  counts: Record<SearchKind, number>;
  /** Hits of every kind together. */
  total: number;
  page: Page<SearchItem>;
}

const noCounts = () => Object.fromEntries(SEARCH_KINDS.map((k) => [k, 0])) as Record<SearchKind, number>;

export async function searchSite(db: Db, now: Date, input: SearchInput, pageSize = SEARCH_PAGE_SIZE): Promise<SearchResult> {
  const words = queryWords(input.text);
  if (words.length === 0) return { words, counts: noCounts(), total: 0, page: pageOf([], 0, 1, pageSize) };
  const terms = await withSimilarWords(db, words);
  const counts = await countByKind(db, terms, now);
  const total = SEARCH_KINDS.reduce((sum, k) => sum + counts[k], 0);
  const matching = input.kind ? counts[input.kind] : total;
  // A page past the end shows the last one, as the other lists do.
  const page = Math.min(input.page, Math.max(1, Math.ceil(matching / pageSize)));
  const hits = matching === 0 ? [] : await pageOfHits(db, terms, now, input.kind, skipFor(page, pageSize), pageSize);
  return { words, counts, total, page: pageOf(await loadItems(db, hits), matching, page, pageSize) };
}

const parent = { select: { slug: true, title: true } } as const;
const selects = {
  consultation: { id: true, slug: true, startsAt: true, endsAt: true, department: { select: { name: true } } },
  news: { id: true, slug: true, publishedAt: true, district: { select: { name: true } } },
  investment: { id: true, slug: true, status: true, department: { select: { name: true } } },
  survey: { id: true, kind: true, opensAt: true, closesAt: true },
  attachment: { id: true, originalName: true, extension: true, sizeBytes: true, consultation: parent, news: parent, investment: parent },
} as const satisfies { consultation: Prisma.ConsultationSelect; news: Prisma.NewsSelect; investment: Prisma.InvestmentSelect; survey: Prisma.SurveySelect; attachment: Prisma.AttachmentSelect };

export type SearchItem =
  | { hit: HitRow; kind: 'CONSULTATION'; record: Prisma.ConsultationGetPayload<{ select: typeof selects.consultation }> }
  | { hit: HitRow; kind: 'NEWS'; record: Prisma.NewsGetPayload<{ select: typeof selects.news }> }
  | { hit: HitRow; kind: 'INVESTMENT'; record: Prisma.InvestmentGetPayload<{ select: typeof selects.investment }> }
  | { hit: HitRow; kind: 'SURVEY'; record: Prisma.SurveyGetPayload<{ select: typeof selects.survey }> }
  | { hit: HitRow; kind: 'DOCUMENT'; record: Prisma.AttachmentGetPayload<{ select: typeof selects.attachment }> };

/** The records behind a page of hits, in the hits' order: one query per kind, never one per item. */
async function loadItems(db: Db, hits: readonly HitRow[]): Promise<SearchItem[]> {
  const idsOf = (kind: SearchKind) => ({ id: { in: hits.filter((h) => h.kind === kind).map((h) => h.sourceId) } });
  const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [consultations, news, investments, surveys, documents] = await Promise.all([
    db.consultation.findMany({ where: idsOf('CONSULTATION'), select: selects.consultation }).then(byId),
    db.news.findMany({ where: idsOf('NEWS'), select: selects.news }).then(byId),
    db.investment.findMany({ where: idsOf('INVESTMENT'), select: selects.investment }).then(byId),
    db.survey.findMany({ where: idsOf('SURVEY'), select: selects.survey }).then(byId),
    db.attachment.findMany({ where: idsOf('DOCUMENT'), select: selects.attachment }).then(byId),
  ]);
  const items: SearchItem[] = [];
  for (const hit of hits) {
    const id = hit.sourceId;
    const item: SearchItem | null =
      hit.kind === 'CONSULTATION' ? withRecord(hit, 'CONSULTATION', consultations.get(id))
      : hit.kind === 'NEWS' ? withRecord(hit, 'NEWS', news.get(id))
      : hit.kind === 'INVESTMENT' ? withRecord(hit, 'INVESTMENT', investments.get(id))
      : hit.kind === 'SURVEY' ? withRecord(hit, 'SURVEY', surveys.get(id))
      : withRecord(hit, 'DOCUMENT', documents.get(id));
    // A record deleted between the two queries is left out.
    if (item) items.push(item);
  }
  return items;
}

function withRecord<K extends SearchKind>(hit: HitRow, kind: K, record: Extract<SearchItem, { kind: K }>['record'] | undefined): SearchItem | null {
  return record ? ({ hit, kind, record } as SearchItem) : null;
}
