// Benchmark of survey results and exports at scale: a 20-question survey with 100,000 responses (about
// 2.6 million answer rows, generated in SQL), then through the real app over HTTP: the public results
// page, the staff results page, and the CSV and XLSX exports with the process's memory sampled during
// each download. Its own embedded PostgreSQL in a temporary folder; nothing else is touched.
//   node --expose-gc --import tsx bench/survey-results.ts [responses=100000]
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createDatabaseIfMissing, createPool, createPrisma } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { seedBase } from '../src/db/seed.js';
import { closeDeps, createDeps } from '../src/deps.js';
import { surveyResults } from '../src/features/surveys/survey-results.js';
import { createGeneratedSurvey, type DemoQuestion } from '../src/features/surveys/surveys.demo.js';
import { definitionById } from '../src/features/surveys/surveys.queries.js';
import { createStaffUser } from '../src/features/users/users.service.js';

const RESPONSES = Number(process.argv[2] ?? 100_000);
const PASSWORD = 'Bench-Haslo-2026!';

function questions(): DemoQuestion[] {
  const qs: DemoQuestion[] = [];
  for (let i = 0; i < 6; i++) qs.push({ type: 'SINGLE', text: `Jednokrotny wybór ${i + 1}`, required: true, allowOther: i === 0, options: ['A', 'B', 'C', 'D'], fill: { kind: 'weights', weights: [40, 30, 20, 10] } });
  for (let i = 0; i < 3; i++) qs.push({ type: 'MULTIPLE', text: `Wielokrotny wybór ${i + 1}`, options: ['W', 'X', 'Y', 'Z', 'V'], fill: { kind: 'each', percents: [60, 45, 30, 20, 10] } });
  for (let i = 0; i < 3; i++) qs.push({ type: 'SCALE', text: `Skala ${i + 1}`, min: 0, max: 10, fill: { kind: 'scale', weights: [2, 3, 5, 8, 10, 14, 16, 14, 12, 9, 7] } });
  for (let i = 0; i < 2; i++) qs.push({ type: 'NUMBER', text: `Liczba ${i + 1}`, min: 0, max: 1000, fill: { kind: 'number', from: 0, to: 999 } });
  for (let i = 0; i < 2; i++) qs.push({ type: 'RANKING', text: `Ranking ${i + 1}`, options: ['R1', 'R2', 'R3', 'R4'], fill: { kind: 'orders', orders: [[1, 2, 3, 4], [2, 1, 4, 3], [4, 3, 2, 1]], weights: [50, 30, 20] } });
  for (let i = 0; i < 2; i++) qs.push({ type: 'MATRIX', text: `Macierz ${i + 1}`, min: 1, max: 5, options: ['M1', 'M2', 'M3'], fill: { kind: 'rows', weights: [[10, 20, 40, 20, 10], [30, 30, 20, 10, 10], [5, 10, 15, 30, 40]] } });
  qs.push({ type: 'SHORT_TEXT', text: 'Krótki tekst', fill: { kind: 'texts', every: 5, texts: ['Więcej zieleni', 'Lepsze oświetlenie', 'Ścieżki rowerowe'] } });
  qs.push({ type: 'LONG_TEXT', text: 'Długi tekst', fill: { kind: 'texts', every: 10, texts: ['Dłuższa uwaga mieszkańca o planach miasta, z przecinkami, „cudzysłowem” i polskimi literami: zażółć gęślą jaźń.'] } });
  return qs;
}

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(url: string, headers: Record<string, string>, runs: number) {
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    const res = await fetch(url, { headers });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    if (i >= 2) times.push(ms(start)); // two warm-up requests
    size = body.length;
  }
  return { min: Math.min(...times), median: median(times), max: Math.max(...times), kb: Math.round(size / 1024) };
}

/**
 * Downloads, counting bytes only, while sampling this process's memory every 200 ms. Run with
 * --expose-gc: each sample then follows a full collection, so it is the live heap, not garbage
 * waiting for a collection (which says nothing about growth).
 */
async function download(url: string, headers: Record<string, string>) {
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sampler = setInterval(() => {
    global.gc?.();
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }, 200);
  const start = process.hrtime.bigint();
  const res = await fetch(url, { headers });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body!) {
    bytes += chunk.length;
    for (const byte of chunk as Uint8Array) if (byte === 10) lines += 1;
  }
  clearInterval(sampler);
  return { seconds: ms(start) / 1000, mb: bytes / 1024 / 1024, lines, heapBefore: before.heapUsed, peakHeap, rssBefore: before.rss, peakRss };
}

async function login(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/logowanie`);
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/logowanie`, { method: 'POST', redirect: 'manual', headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token, email, password: PASSWORD }) });
  if (res.status !== 303) throw new Error(`login: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'konsultacje-bench-'));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as the `postgres` user and must reach its folder
  const port = 55_000 + Math.floor(Math.random() * 5000);
  // Results on a shared machine depend on what else runs: the load average says how busy it was.
  if (!global.gc) console.log('(run with node --expose-gc --import tsx for live-heap figures)');
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; embedded PostgreSQL in ${dir}`);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'postgres'), port });
  const uploads = path.join(dir, 'uploads');
  let deps: ReturnType<typeof createDeps> | undefined;
  let server: http.Server | undefined;
  try {
    await createDatabaseIfMissing(pg.adminUrl, 'bench');
    const url = pg.urlFor('bench');
    const setupPool = createPool(url, 4);
    await migrate(setupPool);
    const db = createPrisma(setupPool);
    await seedBase(db);
    const department = await db.department.findFirstOrThrow({ where: { code: 'MZDiT' } });
    await createStaffUser(db, { email: 'bench@example.org', name: 'Bench', password: PASSWORD, role: 'ADMIN' });

    const now = new Date();
    const start = process.hrtime.bigint();
    const surveyId = await createGeneratedSurvey(db, {
      title: 'Ankieta wydajnościowa', intro: '', department: 'MZDiT', participation: 'OPEN', resultsVisibility: 'LIVE', responses: RESPONSES, questions: questions(),
      opensAt: (n) => new Date(n.getTime() - 30 * 86_400_000), closesAt: (n) => new Date(n.getTime() + 30 * 86_400_000),
    }, department.id, now);
    const answers = await db.surveyAnswer.count();
    console.log(`Generated ${RESPONSES.toLocaleString('en')} responses, ${answers.toLocaleString('en')} answer rows, in ${(ms(start) / 1000).toFixed(1)} s`);
    await setupPool.query('VACUUM ANALYZE survey_answer');
    await setupPool.query('VACUUM ANALYZE survey_response');
    await db.$disconnect();
    await setupPool.end();

    deps = createDeps(parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_SLOWDOWN_MS: '0', UPLOADS_DIR: uploads }), url);
    server = http.createServer(createApp(deps));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const pub = await timed(`${base}/ankiety/${surveyId}/wyniki`, {}, 10);
    console.log(`Public results page: median ${pub.median.toFixed(0)} ms (min ${pub.min.toFixed(0)}, max ${pub.max.toFixed(0)}) over 10 requests, ${pub.kb} kB of HTML`);
    const cookie = await login(base, 'bench@example.org');
    const staff = await timed(`${base}/panel/ankiety/${surveyId}/wyniki`, { cookie }, 5);
    console.log(`Staff results page: median ${staff.median.toFixed(0)} ms (min ${staff.min.toFixed(0)}, max ${staff.max.toFixed(0)}) over 5 requests`);
    const filtered = await timed(`${base}/panel/ankiety/${surveyId}/wyniki?od=${new Date(now.getTime() - 10 * 86_400_000).toISOString().slice(0, 10)}`, { cookie }, 5);
    console.log(`Staff results, date filter (about a third): median ${filtered.median.toFixed(0)} ms`);

    // The database's share of the page: the results queries alone, as the page runs them.
    const sqlTimes: number[] = [];
    const definition = await definitionById(deps.db, surveyId);
    for (let i = 0; i < 7; i++) {
      const t = process.hrtime.bigint();
      await surveyResults(deps.db, definition);
      if (i >= 2) sqlTimes.push(ms(t));
    }
    console.log(`Results queries alone: median ${median(sqlTimes).toFixed(0)} ms over 5 runs`);
    const plan = await deps.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT a.question_id, a.option_id, a.value, count(*) FROM survey_answer a WHERE a.question_id = ANY($1::int[]) GROUP BY 1, 2, 3`,
      [definition.questions.map((q) => q.id)],
    );
    console.log(`Grouping query plan: ${plan.rows.map((r) => r['QUERY PLAN']).filter((l) => /Execution Time|Scan|Aggregate|Workers/.test(l)).map((l) => l.trim()).join(' | ')}`);

    for (const format of ['csv', 'xlsx'] as const) {
      const d = await download(`${base}/panel/ankiety/${surveyId}/eksport.${format}`, { cookie });
      console.log(
        `Export ${format.toUpperCase()}: ${d.mb.toFixed(1)} MB in ${d.seconds.toFixed(1)} s${format === 'csv' ? ` (${d.lines - 1} data rows)` : ''}; ` +
          `live heap ${mb(d.heapBefore)} -> peak ${mb(d.peakHeap)} MB, RSS ${mb(d.rssBefore)} -> peak ${mb(d.peakRss)} MB`,
      );
    }
    console.log(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (deps) await closeDeps(deps);
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
