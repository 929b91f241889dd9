// The search in SQL (docs/decisions.md 43 and 47). Each kind is searched on its own, with the visibility
// rule of its public pages (by the clock given) as a plain semi-join, and never more than a bounded
// number of entries is read: counts stop at COUNT_CAP per kind, and only a bounded set of candidates
// per kind (the first CANDIDATES whose title matches, the first CANDIDATES matching anywhere, both
// from the GIN indexes of migration 20261203100000) is ranked: exact (stem) matches first, then title
// matches, then ts_rank. A word in most entries of a kind is counted, and its candidates taken, by a
// bounded walk of the kind's btree instead (WALK), which stops after a few hundred rows where the GIN
// index would first list every match. So a word found in most entries costs about what a rare one does.
import type { Db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { SearchKind } from '../../generated/prisma/enums.js';
import { alternateStems, MARK_END, MARK_START, stem, tsqueryText, type QueryTerm } from './search.terms.js';

export const SEARCH_KINDS = ['CONSULTATION', 'NEWS', 'INVESTMENT', 'SURVEY', 'DOCUMENT'] as const satisfies readonly SearchKind[];

/** Trigram similarity a word of the index needs to stand in for a typed word that matches nothing. */
const SIMILARITY = 0.45;
const SIMILAR_PER_WORD = 3;

/** Words of the index close to each typed word whose stem starts no word of the index (typos only). */
export async function withSimilarWords(db: Db, words: readonly string[]): Promise<QueryTerm[]> {
  const terms = words.map((word) => ({ word, stem: stem(word), variants: alternateStems(word), similar: [] as string[] }));
  const fuzzy = terms.filter((t) => t.word.length >= 4 && !/\d/.test(t.word));
  if (fuzzy.length === 0) return terms;
  // A word is a typo only when neither its stem nor an alternate stem starts a word of the index.
  const rows = await db.$queryRaw<{ word: string; similar: string }[]>`
    SELECT q.word, s.word AS similar
    FROM unnest(${fuzzy.map((t) => t.word)}::text[], ${fuzzy.map((t) => [t.stem, ...t.variants].map((x) => `${x}%`).join(' '))}::text[]) AS q(word, prefixes)
    CROSS JOIN LATERAL (
      SELECT w.word FROM search_word w
      WHERE w.word % q.word AND similarity(w.word, q.word) >= ${SIMILARITY}
      ORDER BY similarity(w.word, q.word) DESC, w.word LIMIT ${SIMILAR_PER_WORD}
    ) s
    WHERE NOT EXISTS (SELECT 1 FROM search_word p WHERE p.word LIKE ANY (string_to_array(q.prefixes, ' ')))`;
  for (const row of rows) terms.find((t) => t.word === row.word)!.similar.push(row.similar);
  return terms;
}

/** Counts stop here: a word found in most entries says "co najmniej 300" instead of counting them all. */
export const COUNT_CAP = 300;
/** Entries read per kind and per way of matching (title, anywhere) before ranking. */
export const CANDIDATES = 60;

/** What residents may see of one kind: the same rules as its public pages, as a semi-join on e.source_id. */
function visibleSql(kind: SearchKind, now: Date) {
  switch (kind) {
    case 'CONSULTATION':
      return Prisma.sql`EXISTS (SELECT 1 FROM consultation c WHERE c.id = e.source_id AND c.published_at <= ${now})`;
    case 'NEWS':
      return Prisma.sql`EXISTS (SELECT 1 FROM news n WHERE n.id = e.source_id AND n.published_at <= ${now})`;
    case 'INVESTMENT':
      return Prisma.sql`EXISTS (SELECT 1 FROM investment i WHERE i.id = e.source_id AND i.published_at <= ${now} AND i.archived_at IS NULL)`;
    case 'SURVEY':
      // A survey of a consultation is public only once that consultation is (decisions 45, visibleSurveyWhere).
      return Prisma.sql`EXISTS (
        SELECT 1 FROM survey s LEFT JOIN consultation c ON c.id = s.consultation_id
        WHERE s.id = e.source_id AND s.opens_at <= ${now} AND (s.consultation_id IS NULL OR c.published_at <= ${now}))`;
    case 'DOCUMENT':
      return Prisma.sql`EXISTS (
        SELECT 1 FROM attachment a
        LEFT JOIN consultation c ON c.id = a.consultation_id
        LEFT JOIN news n ON n.id = a.news_id
        LEFT JOIN investment i ON i.id = a.investment_id
        WHERE a.id = e.source_id AND a.kind = 'DOCUMENT'
          AND (c.published_at <= ${now} OR n.published_at <= ${now} OR (i.published_at <= ${now} AND i.archived_at IS NULL)))`;
  }
}

// The kind as a literal (one of SEARCH_KINDS, never typed text), so the planner matches the partial
// indexes of each kind (search_entry_<kind>_idx, search_entry_<kind>_title_idx).
const kindSql = (kind: SearchKind) => Prisma.raw(`'${kind}'::"SearchKind"`);
/** The title alone, as the partial expression indexes search_entry_<kind>_title_idx have it (part 0). */
const TITLE_VECTOR = Prisma.raw(`to_tsvector('public.search_pl'::regconfig, e.title)`);

/**
 * Runs a search statement reading search_entry through the GIN indexes only. The planner cannot estimate
 * prefix matches per kind (its statistics are of the whole column), and on a guess of "many matches" it
 * walks the table in order hoping to stop at the LIMIT: for a word found in no entry of a kind that reads
 * every vector of it (0.4 s for 50,000 documents). A bitmap scan of the kind's GIN index costs the word's
 * posting list at worst, so sequential and plain index scans are switched off for this statement alone.
 */
export async function searchStatement<T>(db: Db, sql: Prisma.Sql, settings = PLAN_SETTINGS): Promise<T> {
  const [, rows] = await db.$transaction([db.$queryRaw(settings), db.$queryRaw<T>(sql)]);
  return rows;
}
// The same for the visibility semi-joins: a probe of the source's primary key per entry read (at most
// COUNT_CAP or CANDIDATES of them), never a hash of the whole source table; no parallel workers for a
// statement of a few milliseconds. `scans` is the other kind of index scan switched off.
const planSettings = (scans: 'enable_indexscan' | 'enable_bitmapscan') => Prisma.sql`SELECT set_config('enable_seqscan', 'off', true), set_config(${scans}, 'off', true),
  set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`;
export const PLAN_SETTINGS = planSettings('enable_indexscan');

/** Visible items of each kind that match, counted up to COUNT_CAP entries (a document counts once). */
export function countSql(terms: readonly QueryTerm[], now: Date, kinds: readonly SearchKind[] = SEARCH_KINDS) {
  const query = tsqueryText(terms, { fuzzy: true });
  return Prisma.join(
    kinds.map(
      (kind) => Prisma.sql`SELECT ${kind}::text AS kind, count(*)::int AS entries, count(DISTINCT x.source_id)::int AS items FROM (
        SELECT e.source_id FROM search_entry e
        WHERE e.kind = ${kindSql(kind)} AND e.vector @@ to_tsquery('simple', ${query}) AND ${visibleSql(kind, now)}
        LIMIT ${COUNT_CAP}) x`,
    ),
    ' UNION ALL ',
  );
}

/**
 * Entries of each kind (their part 0: the record itself, a document's title and description) read in
 * the order of the (kind, source_id, part) index before any GIN index is asked. A word found in most
 * entries of a kind fills its count here after a few hundred rows, where a GIN index would build a
 * bitmap of all its matches first (60,000 news for "konsultacje"); a kind where it is rarer leaves the
 * walk after WALK rows and is counted from its GIN index, whose posting list is then shorter.
 */
export const WALK = 1000;

/** The index walk wants plain index scans, which PLAN_SETTINGS turns off; nothing here can read more than WALK rows a kind. */
export const WALK_SETTINGS = planSettings('enable_bitmapscan');

const likePrefix = (stemText: string) => `${stemText.replace(/[\\%_]/g, '\\$&')}%`;

/** The share of all entries a word must be in for the walk: below it no kind of any size fills COUNT_CAP in WALK rows. */
export const COMMON_SHARE = 0.02;

/**
 * Whether every typed word is common: the words of the index its stems begin are, together, in at
 * least COMMON_SHARE of the entries, by PostgreSQL's own statistics of search_entry.vector (ANALYZE
 * keeps the most common elements and their frequencies: words in more than about 0.2 % of the entries).
 * Only then is the index walk worth its thousands of rows; any other word goes straight to the GIN
 * indexes, as everything does before the table was first analysed.
 */
export function commonSql(terms: readonly QueryTerm[]) {
  const prefixes = terms.map((t) => [...new Set([t.stem, ...(t.variants ?? []), ...t.similar.map(stem)])].map(likePrefix).join(' '));
  return Prisma.sql`SELECT coalesce(bool_and(f.share >= ${COMMON_SHARE}), false) AS yes FROM (
      SELECT (SELECT coalesce(sum(m.freq), 0) FROM unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS m(word, freq)
              WHERE m.word LIKE ANY (string_to_array(t.prefixes, ' '))) AS share
      FROM pg_stats s CROSS JOIN unnest(${prefixes}::text[]) AS t(prefixes)
      WHERE s.schemaname = current_schema() AND s.tablename = 'search_entry' AND s.attname = 'vector') f`;
}

/** Per kind, the visible matches among the first WALK entries (up to COUNT_CAP), and the candidates they give. */
export function walkSql(terms: readonly QueryTerm[], now: Date) {
  const query = tsqueryText(terms, { fuzzy: true });
  const title = tsqueryText(terms, { fuzzy: true, weight: 'A' });
  const kinds = SEARCH_KINDS.map(
    (kind) => Prisma.sql`SELECT ${kind}::text AS kind, count(*)::int AS entries, count(DISTINCT x.source_id)::int AS items,
        coalesce((array_agg(x.id ORDER BY x.source_id) FILTER (WHERE x.title_hit))[1:${CANDIDATES}], '{}') AS "titleIds",
        coalesce((array_agg(x.id ORDER BY x.source_id))[1:${CANDIDATES}], '{}') AS "anyIds"
      FROM (
        SELECT e.id::int AS id, e.source_id, e.vector @@ to_tsquery('simple', ${title}) AS title_hit
        FROM (SELECT w.id, w.source_id, w.vector FROM search_entry w WHERE w.kind = ${kindSql(kind)} AND w.part = 0
              ORDER BY w.kind, w.source_id, w.part LIMIT ${WALK}) e
        WHERE e.vector @@ to_tsquery('simple', ${query}) AND ${visibleSql(kind, now)}
        LIMIT ${COUNT_CAP}) x`,
  );
  return Prisma.join(kinds, ' UNION ALL ');
}

export interface KindCounts {
  counts: Record<SearchKind, number>;
  /** Kinds whose count stopped at COUNT_CAP: there are at least that many, perhaps more. */
  capped: Record<SearchKind, boolean>;
  /** For the kinds the index walk capped: their candidates (entry ids), instead of the GIN indexes'. */
  walked: Partial<Record<SearchKind, number[]>>;
}

export async function countByKind(db: Db, terms: readonly QueryTerm[], now: Date): Promise<KindCounts> {
  const counts = Object.fromEntries(SEARCH_KINDS.map((k) => [k, 0])) as Record<SearchKind, number>;
  const capped = Object.fromEntries(SEARCH_KINDS.map((k) => [k, false])) as Record<SearchKind, boolean>;
  const walked: Partial<Record<SearchKind, number[]>> = {};
  // A statement of its own, so that a rare word costs no planning of the walk.
  const [common] = await db.$queryRaw<{ yes: boolean }[]>(commonSql(terms));
  const walk = common?.yes ? await searchStatement<{ kind: SearchKind; entries: number; items: number; titleIds: number[]; anyIds: number[] }[]>(db, walkSql(terms, now), WALK_SETTINGS) : [];
  for (const row of walk) {
    if (row.entries < COUNT_CAP) continue;
    counts[row.kind] = row.items;
    capped[row.kind] = true;
    walked[row.kind] = [...new Set([...row.titleIds, ...row.anyIds])];
  }
  const rest = SEARCH_KINDS.filter((k) => !capped[k]);
  if (rest.length === 0) return { counts, capped, walked };
  const rows = await searchStatement<{ kind: SearchKind; entries: number; items: number }[]>(db, countSql(terms, now, rest));
  for (const row of rows) {
    counts[row.kind] = row.items;
    capped[row.kind] = row.entries >= COUNT_CAP;
  }
  return { counts, capped, walked };
}

/**
 * The bounded candidates: per kind, the first entries whose title matches and the first matching anywhere,
 * from the GIN indexes, or for a kind the index walk capped, those it found (its first matches in
 * source order whose title matches, and its first matches).
 */
function candidatesSql(terms: readonly QueryTerm[], now: Date, kinds: readonly SearchKind[], walked: Partial<Record<SearchKind, number[]>>) {
  const query = tsqueryText(terms, { fuzzy: true });
  return Prisma.join(
    kinds.flatMap((kind) => {
      const ids = walked[kind];
      if (ids) return [Prisma.sql`(SELECT w.id::bigint AS id FROM unnest(${ids}::int[]) AS w(id))`];
      return [
        Prisma.sql`(SELECT e.id FROM search_entry e WHERE e.kind = ${kindSql(kind)} AND e.part = 0 AND ${TITLE_VECTOR} @@ to_tsquery('simple', ${query}) AND ${visibleSql(kind, now)} LIMIT ${CANDIDATES})`,
        Prisma.sql`(SELECT e.id FROM search_entry e WHERE e.kind = ${kindSql(kind)} AND e.vector @@ to_tsquery('simple', ${query}) AND ${visibleSql(kind, now)} LIMIT ${CANDIDATES})`,
      ];
    }),
    ' UNION ',
  );
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
  /** How many items the ranked candidates hold (the results that can be paged through). */
  ranked: number;
}

const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const TITLE_HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

/** One page of the ranked candidates, best first, optionally of one kind, with highlighted title and snippet. */
export function pageSql(terms: readonly QueryTerm[], now: Date, kind: SearchKind | undefined, skip: number, take: number, walked: Partial<Record<SearchKind, number[]>> = {}) {
  const full = tsqueryText(terms, { fuzzy: true });
  const exact = tsqueryText(terms, { fuzzy: false });
  const title = tsqueryText(terms, { fuzzy: true, weight: 'A' });
  return Prisma.sql`
    WITH candidate AS (${candidatesSql(terms, now, kind ? [kind] : SEARCH_KINDS, walked)}),
    best_part AS (
      SELECT DISTINCT ON (e.kind, e.source_id) e.id,
        e.vector @@ to_tsquery('simple', ${exact}) AS exact,
        e.vector @@ to_tsquery('simple', ${title}) AS title_hit,
        ts_rank('{0.1, 0.2, 0.4, 1.0}', e.vector, to_tsquery('simple', ${full}), 1) AS rank
      FROM candidate JOIN search_entry e ON e.id = candidate.id
      ORDER BY e.kind, e.source_id, 2 DESC, 3 DESC, 4 DESC, e.part
    ),
    best AS (
      SELECT b.*, count(*) OVER ()::int AS ranked FROM best_part b
      ORDER BY b.exact DESC, b.title_hit DESC, b.rank DESC, b.id DESC
      OFFSET ${skip} LIMIT ${take}
    )
    SELECT e.kind, e.source_id AS "sourceId", e.page, e.section, e.part, best.ranked,
      ts_headline('public.search_pl', e.title, to_tsquery('simple', ${full}), ${TITLE_HEADLINE}) AS title,
      ts_headline('public.search_pl',
        CASE WHEN e.kind = 'DOCUMENT' AND e.part = 0 THEN e.summary ELSE concat_ws(' ', nullif(e.summary, ''), nullif(e.body, '')) END,
        to_tsquery('simple', ${full}), ${HEADLINE}) AS snippet
    FROM best JOIN search_entry e ON e.id = best.id
    ORDER BY best.exact DESC, best.title_hit DESC, best.rank DESC, best.id DESC`;
}

export function pageOfHits(db: Db, terms: readonly QueryTerm[], now: Date, kind: SearchKind | undefined, skip: number, take: number, walked: Partial<Record<SearchKind, number[]>> = {}): Promise<HitRow[]> {
  return searchStatement<HitRow[]>(db, pageSql(terms, now, kind, skip, take, walked));
}
