// Measures the public pages anonymous visitors read most, on a large data set: SQL statements per page and
// the slowest one, then the production server (a child process) under a closed-loop load, next to raw
// node:http sending the very same bytes (the ceiling the issue 11 target is a third of).
// Run: npx tsx bench/public-pages.ts [consultations=10000] [seconds=3] [concurrency=16] [postgresql://... a database it may fill]
// Without a database URL it starts a throw-away embedded PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { migrate } from '../src/db/migrate.js';
import { seedBase } from '../src/db/seed.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { percentile, throwawayDatabase, timedGet } from './support.js';

const CONSULTATIONS = Number(process.argv[2] ?? 10_000);
const SECONDS = Number(process.argv[3] ?? 3);
const CONCURRENCY = Number(process.argv[4] ?? 16);
const DATABASE_URL = process.argv[5];
const COMMENTS = 2000;

const PAGES = [
  ['home', '/'],
  ['list', '/konsultacje'],
  ['list, filters', '/konsultacje?status=zakonczone&wydzial=MZDiT&rok=2019'],
  ['list, page 40', '/konsultacje?strona=40'],
  ['list, search', '/konsultacje?q=parking'],
  ['consultation (2000 comments)', '/konsultacje/bench-dyskusja'],
  ['discussion, page 1', '/konsultacje/bench-dyskusja/dyskusja'],
  ['district', '/dzielnice/rakow'],
] as const;

/** 20 years of consultations (1–2 districts each, a meeting each), news, investments and one consultation with 2000 comments. */
async function fill(pool: import('pg').Pool) {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM consultation WHERE slug LIKE 'bench-%'`);
  if (rows[0]!.n > 0) return;
  await pool.query(`
    INSERT INTO consultation (slug, title, summary, department_id, topic_id, city_wide, starts_at, ends_at, published_at, updated_at)
    SELECT 'bench-' || n,
           (ARRAY['Parking przy ulicy', 'Park miejski', 'Ścieżka rowerowa', 'Budżet obywatelski', 'Plan miejscowy', 'Przystanek'])[1 + n % 6] || ' nr ' || n,
           'Streszczenie konsultacji numer ' || n || ': ' || repeat('opis ', 20),
           (SELECT id FROM department ORDER BY id OFFSET (n % (SELECT count(*) FROM department)) LIMIT 1),
           (SELECT id FROM topic ORDER BY id OFFSET (n % (SELECT count(*) FROM topic)) LIMIT 1),
           n % 4 = 0,
           now() - interval '20 years' + (interval '20 years' + interval '60 days') * n / $1,
           now() - interval '20 years' + (interval '20 years' + interval '60 days') * n / $1 + interval '30 days',
           now() - interval '20 years' + (interval '20 years' + interval '60 days') * n / $1 - interval '14 days',
           now()
    FROM generate_series(1, $1) AS n`, [CONSULTATIONS]);
  await pool.query(`
    INSERT INTO consultation_district (consultation_id, district_id)
    SELECT c.id, d.id FROM consultation c JOIN district d ON d.id % 20 IN (c.id % 20, (c.id * 7) % 20)
    WHERE c.slug LIKE 'bench-%' AND NOT c.city_wide ON CONFLICT DO NOTHING`);
  await pool.query(`
    INSERT INTO meeting (consultation_id, title, starts_at, ends_at, place)
    SELECT id, 'Spotkanie', starts_at + interval '7 days', starts_at + interval '7 days 2 hours', 'Urząd Miasta' FROM consultation WHERE slug LIKE 'bench-%'`);
  await pool.query(`
    INSERT INTO news (slug, title, lead, body_html, district_id, published_at, updated_at)
    SELECT 'bench-news-' || n, 'Aktualność ' || n, 'Zapowiedź ' || n, '<p>Treść</p>',
           CASE WHEN n % 3 = 0 THEN (SELECT id FROM district ORDER BY id OFFSET (n % 20) LIMIT 1) END,
           now() - interval '1 hour' * n, now()
    FROM generate_series(1, $1 * 2) AS n`, [CONSULTATIONS]);
  await pool.query(`
    INSERT INTO investment (slug, title, summary, department_id, status, published_at, updated_at)
    SELECT 'bench-inv-' || n, 'Inwestycja ' || n, 'Opis', (SELECT id FROM department ORDER BY id OFFSET (n % 10) LIMIT 1),
           (ARRAY['PLANNED', 'IN_PROGRESS', 'COMPLETED'])[1 + n % 3]::"InvestmentStatus", now() - interval '1 day' * n, now()
    FROM generate_series(1, $1 / 5) AS n`, [CONSULTATIONS]);
  await pool.query(`
    INSERT INTO investment_district (investment_id, district_id)
    SELECT i.id, d.id FROM investment i JOIN district d ON d.id % 20 = i.id % 20 ON CONFLICT DO NOTHING`);
  const big = await pool.query<{ id: number }>(`
    INSERT INTO consultation (slug, title, department_id, starts_at, ends_at, published_at, updated_at)
    VALUES ('bench-dyskusja', 'Konsultacja z tysiącami komentarzy', (SELECT min(id) FROM department), now() - interval '10 days', now() + interval '10 days', now() - interval '10 days', now())
    RETURNING id`);
  await pool.query(`
    INSERT INTO comment (consultation_id, author_name, body, status, created_at, published_at)
    SELECT $1, 'Mieszkaniec ' || n || '.', repeat('Treść komentarza ' || n || '. ', 12), 'PUBLISHED', now() - interval '1 second' * ($2 - n), now()
    FROM generate_series(1, $2) AS n`, [big.rows[0]!.id, COMMENTS]);
  await pool.query('ANALYZE');
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  times: number[];
  seconds: number;
}

function merge(loads: Load[]): Load {
  const times = loads.flatMap((l) => l.times).sort((a, b) => a - b);
  const seconds = loads.reduce((sum, l) => sum + l.seconds, 0);
  return { rps: times.length / seconds, p50: percentile(times, 50), p99: percentile(times, 99), errors: loads.reduce((sum, l) => sum + l.errors, 0), times, seconds };
}

/** A closed loop of `concurrency` keep-alive clients for `seconds`: requests per second and latencies. */
async function load(port: number, path: string, seconds: number, concurrency: number): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const times: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) times.push(performance.now() - started);
            else errors++;
            resolve();
          });
        })
        .on('error', () => {
          errors++;
          resolve();
        });
    });
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) await one();
  }));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  return { rps: times.length / elapsed, p50: percentile(times, 50), p99: percentile(times, 99), errors, times, seconds: elapsed };
}

function startChild(command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}: ${out}`)));
  });
}

// The same bytes from node:http alone: the body saved from the full stack, sent with its length.
const RAW_SERVER = `
const http = require('node:http');
const body = Buffer.from(process.env.BODY_B64, 'base64');
http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }); res.end(body); })
  .listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port); });`;

async function main() {
  const { url, close } = await throwawayDatabase(DATABASE_URL);
  const deps = createDeps(parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), url);
  const children: ChildProcess[] = [];
  try {
    await migrate(deps.pool);
    await seedBase(deps.db);
    const filling = performance.now();
    await fill(deps.pool);
    const counts = (await deps.pool.query<{ c: number; n: number; m: number }>(`SELECT (SELECT count(*) FROM consultation)::int AS c, (SELECT count(*) FROM news)::int AS n, (SELECT count(*) FROM comment)::int AS m`)).rows[0]!;
    console.log(`data: ${counts.c} consultations, ${counts.n} news, ${counts.m} comments (filled in ${((performance.now() - filling) / 1000).toFixed(1)} s); node ${process.version}, ${CONCURRENCY} clients, ${SECONDS} s a page`);

    // SQL per page, in-process, with each statement's duration.
    const statements: { query: string; ms: number }[] = [];
    const db = new PrismaClient({ adapter: new PrismaPg(deps.pool), log: [{ emit: 'event', level: 'query' }] });
    db.$on('query', (e) => statements.push({ query: e.query, ms: e.duration }));
    const server = createApp({ ...deps, db }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const sql: Record<string, { count: number; slowest: number; query: string }> = {};
    for (const [name, path] of PAGES) {
      // The first request renders (the render cache is cold): what a page costs when it must be built.
      statements.length = 0;
      await timedGet(port, path);
      const slowest = statements.reduce((a, b) => (b.ms > a.ms ? b : a), { query: '', ms: 0 });
      sql[name] = { count: statements.length, slowest: slowest.ms, query: slowest.query.slice(0, 160) };
    }
    server.close();
    await db.$disconnect();

    const appPort = await freePort();
    const { child: app } = await startChild(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      NODE_ENV: 'production', DATABASE_URL: url, PORT: String(appPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEB_CONCURRENCY: '1',
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123', BASE_URL: 'http://127.0.0.1',
    }, /listening on 127\.0\.0\.1:\d+/);
    children.push(app);

    const rows: string[][] = [];
    for (const [name, path] of PAGES) {
      const body = await getBody(appPort, path);
      const { child: raw, match } = await startChild('node', ['-e', RAW_SERVER], { BODY_B64: body.toString('base64') }, /port (\d+)/);
      children.push(raw);
      const rawPort = Number(match[1]);
      await load(appPort, path, 0.5, CONCURRENCY); // warm-up
      // Alternating slices, so a change in the machine's load hits both sides alike.
      const slices: { full: Load[]; bare: Load[] } = { full: [], bare: [] };
      for (let i = 0; i < SECONDS * 2; i++) {
        slices.full.push(await load(appPort, path, 0.5, CONCURRENCY));
        slices.bare.push(await load(rawPort, path, 0.5, CONCURRENCY));
      }
      const [full, bare] = [merge(slices.full), merge(slices.bare)];
      raw.kill();
      const s = sql[name]!;
      rows.push([name, `${(body.length / 1024).toFixed(0)} KiB`, String(s.count), `${s.slowest.toFixed(1)}`, full.rps.toFixed(0), full.p50.toFixed(1), full.p99.toFixed(1), String(full.errors), bare.rps.toFixed(0), (full.rps / bare.rps).toFixed(2)]);
    }
    printTable(['page', 'size', 'SQL', 'slowest ms', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'raw req/s', 'ratio'], rows);
    for (const [name, s] of Object.entries(sql)) if (s.slowest > 10) console.log(`slowest on ${name}: ${s.slowest} ms ${s.query}`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await deps.pool.end();
    await close();
  }
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/** A port free right now on the loopback address. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function getBody(port: number, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${path}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

await main();
process.exit(0); // a child's pipes must not keep the script waiting
