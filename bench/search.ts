// How fast the site-wide search (/szukaj) answers on a large generated city, and proof that its query
// plans use the indexes: the GIN index of search_entry's tsvector for the match, the trigram GIN index
// of search_word for typo expansion. Fills N consultations, 4N news, N/5 investments, N/10 surveys and
// N documents of 8 pages each (their pages written as the extraction job writes them), times the search
// page over HTTP for Polish queries (plain, inflected, typo, rare, a kind filter, a deep page), then
// prints EXPLAIN ANALYZE of the counting query and of the vocabulary lookup.
//
//   npx tsx bench/search.ts [N=5000] [requests per query=20]
//
// Uses a scratch database "konsultacje_bench_search" next to the portal's (DATABASE_URL's server, or
// the embedded PostgreSQL under DATA_DIR), created, migrated and dropped by this script.
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { closeDeps, createDeps } from '../src/deps.js';
import pino from 'pino';
import { Prisma } from '../src/generated/prisma/client.js';
import { countSql, pageSql, searchStatement, walkSql, WALK_SETTINGS, withSimilarWords } from '../src/features/search/search.queries.js';
import { queryWords } from '../src/features/search/search.terms.js';
import { percentile, scratchDatabase, timedGet } from './support.js';

const N = Number(process.argv[2] ?? 5000);
const RUNS = Number(process.argv[3] ?? 20);
const BENCH_DB = 'konsultacje_bench_search';

// Words the generated texts are made of: streets, places and topics of the city, in several forms.
const WORDS = [
  'ulica', 'ulicy', 'Źródlana', 'Źródlanej', 'Kmicica', 'Warszawska', 'Warszawskiej', 'aleja', 'Najświętszej', 'Maryi', 'park', 'parku',
  'Lisiniec', 'Lisińcu', 'Raków', 'Rakowie', 'Tysiąclecie', 'Tysiącleciu', 'Błeszno', 'Błesznie', 'ścieżka', 'rowerowa', 'ścieżki', 'rowerowej',
  'przebudowa', 'przebudowy', 'remont', 'remontu', 'chodnik', 'chodników', 'oświetlenie', 'zieleń', 'drzewa', 'nasadzenia', 'przystanek',
  'tramwajowy', 'autobusowy', 'rewitalizacja', 'rewitalizacji', 'budżet', 'obywatelski', 'mieszkańców', 'mieszkańcy', 'konsultacje',
  'konsultacji', 'spotkanie', 'szkoła', 'boisko', 'plac', 'zabaw', 'parking', 'kanalizacja', 'deszczowa', 'most', 'rzeka', 'Warta', 'Stradom',
];
// One word in five is one of the city's words above; the others come from 30,000 made-up ones, so a
// word of the city is in many texts but not in all (as in real ones, whose vocabulary is large).
const text = (seed: string, words: number) =>
  `(SELECT string_agg(CASE WHEN ((${seed}) * 31 + k * 17) % 5 = 0
     THEN (ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}])[1 + ((${seed}) * 7919 + k * 104729) % ${WORDS.length}]
     ELSE 'wyraz' || chr(97 + ((${seed}) * 13 + k * 7) % 26) || (((${seed}) * 7919 + k * 104729) % 30000) END, ' ') FROM generate_series(1, ${words}) AS k)`;

const QUERIES: [string, string][] = [
  ['plain word', '/szukaj?q=rewitalizacja'],
  ['two words, no Polish letters', '/szukaj?q=sciezka+rowerowa'],
  ['inflected street', '/szukaj?q=%C5%BAr%C3%B3dlanej'],
  ['typo', '/szukaj?q=konsultacie'],
  ['typo beyond the stem', '/szukaj?q=rewitalizajca+parku'],
  ['rare word', '/szukaj?q=warta+stradom+kmicica'],
  ['no match', '/szukaj?q=xylofon'],
  ['kind filter: documents', '/szukaj?q=przebudowa&rodzaj=dokumenty'],
  ['deep page', '/szukaj?q=park&strona=50'],
];

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
}

async function main() {
  const config = loadConfig();
  const database = await scratchDatabase(config, BENCH_DB);
  const deps = createDeps(config, database.url, { jobOptions: { schedules: false }, logger: pino({ level: 'silent' }) });
  const server = createApp(deps).listen(0, '127.0.0.1');
  try {
    await migrate(deps.pool);
    const { pool } = deps;
    const started = Date.now();
    await pool.query(`INSERT INTO department (code, name) SELECT 'W' || i, 'Wydział ' || i FROM generate_series(1, 10) AS i`);
    // Every insert goes through the search triggers, as the panel's writes do; a tenth is a draft.
    await pool.query(
      `INSERT INTO consultation (slug, title, summary, subject_html, purpose_html, department_id, starts_at, ends_at, published_at)
       SELECT 'k-' || i, 'Konsultacja ' || i || ': ' || ${text('i', 4)}, ${text('i + 1', 25)}, '<p>' || ${text('i + 2', 150)} || '</p>', '<p>' || ${text('i + 3', 80)} || '</p>',
              1 + i % 10, now() - (i || ' hours')::interval, now() + '30 days'::interval, CASE WHEN i % 10 = 0 THEN NULL ELSE now() - '1 year'::interval END
       FROM generate_series(1, $1) AS i`,
      [N],
    );
    await pool.query(
      `INSERT INTO news (slug, title, lead, body_md, body_html, published_at)
       SELECT 'n-' || i, 'Aktualność ' || i || ': ' || ${text('i + 5', 5)}, ${text('i + 6', 20)}, '', '<p>' || ${text('i + 7', 200)} || '</p>', now() - (i || ' minutes')::interval
       FROM generate_series(1, $1) AS i`,
      [N * 4],
    );
    await pool.query(
      `INSERT INTO investment (slug, title, summary, description_html, department_id, address, published_at)
       SELECT 'i-' || i, 'Inwestycja ' || i || ': ' || ${text('i + 9', 4)}, ${text('i + 10', 20)}, '<p>' || ${text('i + 11', 120)} || '</p>', 1 + i % 10, 'ul. ' || ${text('i', 1)}, now() - '1 day'::interval
       FROM generate_series(1, $1) AS i`,
      [Math.ceil(N / 5)],
    );
    await pool.query(
      `INSERT INTO survey (title, intro_html, department_id, opens_at, closes_at)
       SELECT 'Ankieta ' || i || ': ' || ${text('i + 13', 4)}, '<p>' || ${text('i + 14', 60)} || '</p>', 1 + i % 10, now() - '10 days'::interval, now() + '10 days'::interval
       FROM generate_series(1, $1) AS i`,
      [Math.ceil(N / 10)],
    );
    await pool.query(
      `INSERT INTO attachment (kind, consultation_id, original_name, stored_name, mime_type, extension, size_bytes, title)
       SELECT 'DOCUMENT', c.id, 'dokument-' || c.id || '.pdf', md5(c.id::text) || '.pdf', 'application/pdf', 'pdf', 123456, 'Dokument ' || c.id || ': ' || ${text('c.id + 17', 3)}
       FROM consultation c`,
    );
    // Eight pages a document, as the extraction job stores them.
    await pool.query(
      `INSERT INTO search_entry (kind, source_id, part, page, title, body)
       SELECT 'DOCUMENT', a.id, p, p, a.title, ${text('a.id * 8 + p', 300)}
       FROM attachment a CROSS JOIN generate_series(1, 8) AS p`,
    );
    await pool.query('ANALYZE');
    const counts = (await pool.query(`SELECT kind, count(*)::int AS n FROM search_entry GROUP BY kind ORDER BY kind`)).rows.map((r: { kind: string; n: number }) => `${r.kind} ${r.n}`).join(', ');
    const words = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_word`)).rows[0]!.n;
    const size = (await pool.query<{ size: string }>(`SELECT pg_size_pretty(pg_total_relation_size('search_entry')) AS size`)).rows[0]!.size;
    console.log(`search entries: ${counts}; ${words} words in the vocabulary; search_entry with indexes ${size}; loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const port = (server.address() as { port: number }).port;
    for (const [name, path] of QUERIES) {
      await timedGet(port, path); // warm-up
      const samples: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const r = await timedGet(port, path);
        samples.push(r.ms);
        bytes = r.bytes;
      }
      console.log(`GET ${path} (${name}): ${stats(samples)}, ${(bytes / 1024).toFixed(0)} kB (${RUNS} runs)`);
    }

    // The plans: the match must come from the GIN indexes, not a scan of every entry.
    const now = new Date();
    for (const q of ['ścieżka rowerowa', 'rewitalizajca', 'warta stradom kmicica']) {
      const terms = await withSimilarWords(deps.db, queryWords(q));
      for (const [name, sql] of [['counting query', countSql(terms, now)], ['first page', pageSql(terms, now, undefined, 0, 10)]] as const) {
        // With the statement's own planner settings (searchStatement), as the page runs it.
        const plan = await searchStatement<{ 'QUERY PLAN': string }[]>(deps.db, Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`);
        const lines = plan.map((r) => r['QUERY PLAN']);
        console.log(`\nEXPLAIN ${name} for "${q}" (terms ${JSON.stringify(terms)}):\n${lines.join('\n')}`);
        console.log(`reads search_entry through the kinds' GIN indexes only: ${lines.some((l) => /search_entry_\w+_idx/.test(l)) && !lines.some((l) => /Seq Scan on search_entry/.test(l)) ? 'yes' : 'NO'}`);
      }
    }
    // The index walk of a common word (decision 47): the (kind, source_id, part) btree in order, at most WALK rows a kind.
    await pool.query('ANALYZE search_entry');
    for (const q of ['park', 'warta stradom kmicica']) {
      const terms = await withSimilarWords(deps.db, queryWords(q));
      const plan = await searchStatement<{ 'QUERY PLAN': string }[]>(deps.db, Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${walkSql(terms, now)}`, WALK_SETTINGS);
      const lines = plan.map((r) => r['QUERY PLAN']);
      console.log(`\nEXPLAIN index walk for "${q}":\n${lines.join('\n')}`);
      console.log(`walks search_entry_kind_source_id_part_key only: ${lines.some((l) => l.includes('Index Scan using search_entry_kind_source_id_part_key')) && !lines.some((l) => /Seq Scan on search_entry|Bitmap Heap Scan on search_entry/.test(l)) ? 'yes' : 'NO'}`);
    }
    const vocabulary = await deps.db.$queryRaw<{ 'QUERY PLAN': string }[]>`
      EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT word FROM search_word WHERE word % 'rewitalizajca' AND similarity(word, 'rewitalizajca') >= 0.45 ORDER BY similarity(word, 'rewitalizajca') DESC LIMIT 3`;
    const lines = vocabulary.map((r) => r['QUERY PLAN']);
    console.log(`\nEXPLAIN vocabulary lookup for a typo:\n${lines.join('\n')}`);
    console.log(`uses search_word_trgm_idx: ${lines.some((l) => l.includes('search_word_trgm_idx')) ? 'yes' : 'NO (the vocabulary is small enough to scan)'}`);
  } finally {
    server.close();
    await closeDeps(deps);
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
