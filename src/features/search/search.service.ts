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
  /** Kinds whose count stopped at COUNT_CAP (at least that many). */
  capped: Record<SearchKind, boolean>;
  /** Hits of every kind together, and whether that is a lower bound. */
  total: number;
  totalCapped: boolean;
  /** Matches of the shown kind (or all), which may be more than the ranked results that can be paged. */
  matching: number;
  /** The ranked results: paged through, at most CANDIDATES × 2 per kind. */
  page: Page<SearchItem>;
}

const byKind = <T>(value: T) => Object.fromEntries(SEARCH_KINDS.map((k) => [k, value])) as Record<SearchKind, T>;

export async function searchSite(db: Db, now: Date, input: SearchInput, pageSize = SEARCH_PAGE_SIZE): Promise<SearchResult> {
  const words = queryWords(input.text);
  const none = { words, counts: byKind(0), capped: byKind(false), total: 0, totalCapped: false, matching: 0, page: pageOf<SearchItem>([], 0, 1, pageSize) };
  if (words.length === 0) return none;
  const terms = await withSimilarWords(db, words);
  const { counts, capped, walked } = await countByKind(db, terms, now);
  const total = SEARCH_KINDS.reduce((sum, k) => sum + counts[k], 0);
  const matching = input.kind ? counts[input.kind] : total;
  if (matching === 0) return { ...none, counts, capped, total, totalCapped: false };
  // Only the ranked candidates can be paged; how many there are comes with the page. A page past
  // the end shows the last one, as the other lists do (one more query, only then).
  let page = input.page;
  let hits = await pageOfHits(db, terms, now, input.kind, skipFor(page, pageSize), pageSize, walked);
  if (hits.length === 0 && page > 1) {
    const first = await pageOfHits(db, terms, now, input.kind, 0, pageSize, walked);
    page = Math.max(1, Math.ceil((first[0]?.ranked ?? 0) / pageSize));
    hits = page === 1 ? first : await pageOfHits(db, terms, now, input.kind, skipFor(page, pageSize), pageSize, walked);
  }
  const ranked = hits[0]?.ranked ?? 0;
  return {
    words,
    counts,
    capped,
    total,
    totalCapped: SEARCH_KINDS.some((k) => capped[k]),
    matching,
    page: pageOf(await loadItems(db, hits), ranked, page, pageSize),
  };
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
