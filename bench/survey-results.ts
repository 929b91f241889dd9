// Benchmark of survey results, submissions and exports at scale: a 20-question survey with 40,000
// responses (about 1,040,000 answer rows, generated in SQL), then through the real app over HTTP: the
// public and staff results pages (uncached: nothing caches them), the results queries from the
// running counts against a recount of the answers, submissions of the 20-question form by many
// clients at once (rate, latency percentiles, then no response lost or doubled and the counts equal to a
// recount), and the CSV and XLSX exports with the process's memory sampled during each download. Its
// own embedded PostgreSQL in a temporary folder; nothing else is touched.
//   node --expose-gc --import tsx bench/survey-results.ts [responses=40000] [submit seconds=20] [clients=32] [exports=yes|no]
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
import { fieldNames } from '../src/features/surveys/survey-answers.js';
import { recountResults, surveyResults } from '../src/features/surveys/survey-results.js';
import type { SurveyDefinition } from '../src/features/surveys/surveys.queries.js';
import { percentile } from './support.js';
import { createGeneratedSurvey, type DemoQuestion } from '../src/features/surveys/surveys.demo.js';
import { definitionById } from '../src/features/surveys/surveys.queries.js';
import { createStaffUser } from '../src/features/users/users.service.js';

const RESPONSES = Number(process.argv[2] ?? 40_000);
const SUBMIT_SECONDS = Number(process.argv[3] ?? 20);
const CLIENTS = Number(process.argv[4] ?? 32);
const EXPORTS = process.argv[5] !== 'no';
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

/** A valid answer to every question of the form, varied by `i`, as the browser would post it. */
function formBody(survey: SurveyDefinition, token: string, i: number): string {
  const body = new URLSearchParams([['_csrf', token]]);
  for (const [k, q] of survey.questions.entries()) {
    const name = fieldNames.question(q);
    const pick = (n: number) => (i * 31 + k * 7) % n;
    switch (q.type) {
      case 'SINGLE':
        body.append(name, String(q.options[pick(q.options.length)]!.id));
        break;
      case 'MULTIPLE':
        for (const [j, o] of q.options.entries()) if ((i + j + k) % 2 === 0) body.append(name, String(o.id));
        break;
      case 'SCALE':
        body.append(name, String((q.minValue ?? 0) + pick((q.maxValue ?? 10) - (q.minValue ?? 0) + 1)));
        break;
      case 'NUMBER':
        body.append(name, String(pick(1000)));
        break;
      case 'RANKING': {
        const shift = pick(q.options.length);
        for (const [j, o] of q.options.entries()) body.append(fieldNames.rank(q, o), String(((j + shift) % q.options.length) + 1));
        break;
      }
      case 'MATRIX':
        for (const o of q.options) body.append(fieldNames.row(q, o), String((q.minValue ?? 1) + pick((q.maxValue ?? 5) - (q.minValue ?? 1) + 1)));
        break;
      default:
        if (i % 5 === 0) body.append(name, `Uwaga ${i}`);
    }
  }
  return body.toString();
}

/**
 * CPU seconds used so far by the PostgreSQL server (postmaster, its live backends and those that
 * ended), from /proc: on a machine shared with others, CPU per submission says more than wall time.
 */
function postgresCpuSeconds(dataDir: string): number {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    if (pid === postmaster) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    else if (ppid === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100; // USER_HZ
}

/** One POST on a kept-alive connection: status and milliseconds. */
function post(agent: http.Agent, port: number, pathname: string, cookie: string, body: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: 'POST', agent, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CLIENTS residents, each with its own session and CSRF token, posting the form as fast as answered. */
async function submitLoad(base: string, port: number, survey: SurveyDefinition, pgDir: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const page = await fetch(`${base}/ankiety/${survey.id}`);
      const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      return { cookie, token: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]! };
    }),
  );
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const until = Date.now() + SUBMIT_SECONDS * 1000;
  const started = process.hrtime.bigint();
  const nodeCpu = process.cpuUsage();
  const pgCpu = postgresCpuSeconds(pgDir);
  let i = 0;
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < until) {
        const r = await post(agent, port, `/ankiety/${survey.id}`, c.cookie, formBody(survey, c.token, i++));
        latencies.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = ms(started) / 1000;
  const node = process.cpuUsage(nodeCpu);
  const cpu = { node: (node.user + node.system) / 1e6, postgres: postgresCpuSeconds(pgDir) - pgCpu };
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { seconds, cpu, sent: latencies.length, stored: statuses.get(303) ?? 0, statuses, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1]! };
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

    // The database's share of the page: from the running counts (what the pages run), then grouped
    // from the answers as every results page did before the counts existed (the same figures).
    const definition = await definitionById(deps.db, surveyId);
    const queryTimes = async (run: () => Promise<unknown>, runs = 5) => {
      const times: number[] = [];
      for (let i = 0; i < runs + 2; i++) {
        const t = process.hrtime.bigint();
        await run();
        if (i >= 2) times.push(ms(t));
      }
      return median(times);
    };
    const lastDays = { from: new Date(now.getTime() - 10 * 86_400_000).toISOString().slice(0, 10) };
    console.log(`Results queries from the counts: median ${(await queryTimes(() => surveyResults(deps!.db, definition))).toFixed(0)} ms; with a date filter ${(await queryTimes(() => surveyResults(deps!.db, definition, lastDays))).toFixed(0)} ms`);
    console.log(`Results grouped from the answers (before): median ${(await queryTimes(() => recountResults(deps!.db, definition), 3)).toFixed(0)} ms; with a date filter ${(await queryTimes(() => recountResults(deps!.db, definition, lastDays), 3)).toFixed(0)} ms`);
    const tallyRows = await deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM survey_tally');
    console.log(`Counter rows summed: ${tallyRows.rows[0]!.n.toLocaleString('en')} (for ${answers.toLocaleString('en')} answers)`);

    const responsesBefore = await deps.db.surveyResponse.count({ where: { surveyId } });
    const load = await submitLoad(base, Number(new URL(base).port), definition, path.join(dir, 'postgres'));
    const responsesAfter = await deps.db.surveyResponse.count({ where: { surveyId } });
    console.log(
      `Submissions (20 answers each, ${CLIENTS} clients, ${load.seconds.toFixed(1)} s): ${(load.stored / load.seconds).toFixed(0)}/s stored; ` +
        `latency p50 ${load.p50.toFixed(0)} ms, p95 ${load.p95.toFixed(0)} ms, p99 ${load.p99.toFixed(0)} ms, max ${load.max.toFixed(0)} ms; statuses ${JSON.stringify(Object.fromEntries(load.statuses))}`,
    );
    const cpuPer = (1000 * (load.cpu.node + load.cpu.postgres)) / Math.max(1, load.stored);
    console.log(
      `CPU per submission: ${cpuPer.toFixed(1)} ms (Node ${((1000 * load.cpu.node) / Math.max(1, load.stored)).toFixed(1)} ms incl. the load generator, PostgreSQL ${((1000 * load.cpu.postgres) / Math.max(1, load.stored)).toFixed(1)} ms); ` +
        `so ${os.cpus().length} idle CPUs would take about ${((os.cpus().length * 1000) / cpuPer).toFixed(0)} submissions a second`,
    );
    const same = JSON.stringify(await surveyResults(deps.db, definition, {}, { public: false })) === JSON.stringify(await recountResults(deps.db, definition, {}, { public: false }));
    console.log(`Responses stored ${(responsesAfter - responsesBefore).toLocaleString('en')} for ${load.stored.toLocaleString('en')} answered 303 (${responsesAfter - responsesBefore === load.stored ? 'none lost or doubled' : 'MISMATCH'}); counts ${same ? 'equal' : 'DIFFER FROM'} a recount of the answers`);
    const pubAfter = await timed(`${base}/ankiety/${surveyId}/wyniki`, {}, 10);
    console.log(`Public results page after the submissions: median ${pubAfter.median.toFixed(0)} ms (max ${pubAfter.max.toFixed(0)})`);

    for (const format of EXPORTS ? (['csv', 'xlsx'] as const) : []) {
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
