// The search in SQL (docs/decisions.md 29): the GIN index of search_entry finds the candidates, the
// visibility rule of each kind (the same as its own public pages, by the clock given) keeps only what
// residents may see, one best entry per item (a document's best page or section), counted per kind in
// SQL and ranked: exact (stem) matches first, then title matches, then ts_rank.
import type { Db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { SearchKind } from '../../generated/prisma/enums.js';
import { MARK_END, MARK_START, stem, tsqueryText, type QueryTerm } from './search.terms.js';

export const SEARCH_KINDS = ['CONSULTATION', 'NEWS', 'INVESTMENT', 'SURVEY', 'DOCUMENT'] as const satisfies readonly SearchKind[];

/** Trigram similarity a word of the index needs to stand in for a typed word that matches nothing. */
const SIMILARITY = 0.45;
const SIMILAR_PER_WORD = 3;

/** Words of the index close to each typed word whose stem starts no word of the index (typos only). */
export async function withSimilarWords(db: Db, words: readonly string[]): Promise<QueryTerm[]> {
  const terms = words.map((word) => ({ word, stem: stem(word), similar: [] as string[] }));
  const fuzzy = terms.filter((t) => t.word.length >= 4 && !/\d/.test(t.word));
  if (fuzzy.length === 0) return terms;
  const rows = await db.$queryRaw<{ word: string; similar: string }[]>`
    SELECT q.word, s.word AS similar
    FROM unnest(${fuzzy.map((t) => t.word)}::text[], ${fuzzy.map((t) => t.stem)}::text[]) AS q(word, stem)
    CROSS JOIN LATERAL (
      SELECT w.word FROM search_word w
      WHERE w.word % q.word AND similarity(w.word, q.word) >= ${SIMILARITY}
      ORDER BY similarity(w.word, q.word) DESC, w.word LIMIT ${SIMILAR_PER_WORD}
    ) s
    WHERE NOT EXISTS (SELECT 1 FROM search_word p WHERE p.word LIKE q.stem || '%')`;
  for (const row of rows) terms.find((t) => t.word === row.word)!.similar.push(row.similar);
  return terms;
}

/** What residents may see, per kind: the same rules as the public pages of each. */
function visibleSql(now: Date) {
  return Prisma.sql`CASE e.kind
    WHEN 'CONSULTATION' THEN EXISTS (SELECT 1 FROM consultation c WHERE c.id = e.source_id AND c.published_at <= ${now})
    WHEN 'NEWS' THEN EXISTS (SELECT 1 FROM news n WHERE n.id = e.source_id AND n.published_at <= ${now})
    WHEN 'INVESTMENT' THEN EXISTS (SELECT 1 FROM investment i WHERE i.id = e.source_id AND i.published_at <= ${now} AND i.archived_at IS NULL)
    WHEN 'SURVEY' THEN EXISTS (
      SELECT 1 FROM survey s LEFT JOIN consultation c ON c.id = s.consultation_id
      WHERE s.id = e.source_id AND s.opens_at <= ${now} AND (s.consultation_id IS NULL OR c.published_at <= ${now}))
    WHEN 'DOCUMENT' THEN EXISTS (
      SELECT 1 FROM attachment a
      LEFT JOIN consultation c ON c.id = a.consultation_id
      LEFT JOIN news n ON n.id = a.news_id
      LEFT JOIN investment i ON i.id = a.investment_id
      WHERE a.id = e.source_id AND a.kind = 'DOCUMENT'
        AND (c.published_at <= ${now} OR n.published_at <= ${now} OR (i.published_at <= ${now} AND i.archived_at IS NULL)))
    ELSE false END`;
}

/** One best visible entry per item, with what ranks it. */
function hitsSql(terms: readonly QueryTerm[], now: Date) {
  const full = tsqueryText(terms, { fuzzy: true });
  const exact = tsqueryText(terms, { fuzzy: false });
  const title = tsqueryText(terms, { fuzzy: true, weight: 'A' });
  return Prisma.sql`
    SELECT DISTINCT ON (e.kind, e.source_id) e.id, e.kind, e.source_id,
      e.vector @@ to_tsquery('simple', ${exact}) AS exact,
      e.vector @@ to_tsquery('simple', ${title}) AS title_hit,
      ts_rank('{0.1, 0.2, 0.4, 1.0}', e.vector, to_tsquery('simple', ${full}), 1) AS rank
    FROM search_entry e
    WHERE e.vector @@ to_tsquery('simple', ${full}) AND ${visibleSql(now)}
    ORDER BY e.kind, e.source_id, 4 DESC, 5 DESC, 6 DESC, e.part`;
}

/** Counting needs no ranking: the distinct visible items that match, per kind. */
export function countSql(terms: readonly QueryTerm[], now: Date) {
  return Prisma.sql`SELECT e.kind, count(DISTINCT e.source_id)::int AS count FROM search_entry e WHERE e.vector @@ to_tsquery('simple', ${tsqueryText(terms, { fuzzy: true })}) AND ${visibleSql(now)} GROUP BY e.kind`;
}

export async function countByKind(db: Db, terms: readonly QueryTerm[], now: Date): Promise<Record<SearchKind, number>> {
  const rows = await db.$queryRaw<{ kind: SearchKind; count: number }[]>(countSql(terms, now));
  const counts = Object.fromEntries(SEARCH_KINDS.map((k) => [k, 0])) as Record<SearchKind, number>;
  for (const row of rows) counts[row.kind] = row.count;
  return counts;
}

export interface HitRow {
  kind: SearchKind;
  sourceId: number;
  page: number | null;
  section: string;
  part: number;
  /** ts_headline output with MARK_START / MARK_END around matches (not HTML). */
  title: string;
  snippet: string;
}

const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

/** One page of hits, best first, optionally of one kind, with highlighted title and snippet. */
export function pageSql(terms: readonly QueryTerm[], now: Date, kind: SearchKind | undefined, skip: number, take: number) {
  const full = tsqueryText(terms, { fuzzy: true });
  return Prisma.sql`
    SELECT e.kind, e.source_id AS "sourceId", e.page, e.section, e.part,
      ts_headline('public.search_pl', e.title, to_tsquery('simple', ${full}), ${TITLE_HEADLINE}) AS title,
      ts_headline('public.search_pl',
        CASE WHEN e.kind = 'DOCUMENT' AND e.part = 0 THEN e.summary ELSE concat_ws(' ', nullif(e.summary, ''), nullif(e.body, '')) END,
        to_tsquery('simple', ${full}), ${HEADLINE}) AS snippet
    FROM (
      SELECT h.* FROM (${hitsSql(terms, now)}) h
      WHERE ${kind ? Prisma.sql`h.kind = ${kind}::"SearchKind"` : Prisma.sql`true`}
      ORDER BY h.exact DESC, h.title_hit DESC, h.rank DESC, h.id DESC
      OFFSET ${skip} LIMIT ${take}
    ) best
    JOIN search_entry e ON e.id = best.id
    ORDER BY best.exact DESC, best.title_hit DESC, best.rank DESC, best.id DESC`;
}

export function pageOfHits(db: Db, terms: readonly QueryTerm[], now: Date, kind: SearchKind | undefined, skip: number, take: number): Promise<HitRow[]> {
  return db.$queryRaw<HitRow[]>(pageSql(terms, now, kind, skip, take));
}
