// Speed of the public investment pages on a city-sized data set and well beyond it: N investments
// (default 1,000; a city has tens) over 20 districts and 10 departments, 3 progress updates each.
// Starts its own embedded PostgreSQL in a temporary folder, migrates, fills it, serves the real app on a
// local port and times each page (sequential requests, after a warm-up), with the SQL statements each
// request sends (an N+1 would show as a count growing with the page size).
//   npx tsx bench/investments.ts [N] [requests per page]
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { prepareDatabase } from '../src/db/prepare.js';
import { closeDeps, createDeps } from '../src/deps.js';
import type { InvestmentStatus } from '../src/generated/prisma/enums.js';

const N = Number(process.argv[2] ?? 1000);
const REQUESTS = Number(process.argv[3] ?? 40);
const STATUSES: InvestmentStatus[] = ['IN_PROGRESS', 'PREPARATION', 'PLANNED', 'SUSPENDED', 'COMPLETED'];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'konsultacje-bench-'));
// As root, the embedded PostgreSQL runs as its own user, which must be able to enter the folder.
fs.chmodSync(dataDir, 0o755);
const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, UPLOADS_DIR: path.join(dataDir, 'uploads'), EMBEDDED_PG_PORT: String(55_000 + crypto.randomInt(4000)) });
const database = await openDatabase(config, { log: () => undefined });
const deps = createDeps(config, database.databaseUrl);

// Every statement any pooled connection sends is counted (Prisma's adapter goes through these clients).
let statements = 0;
deps.pool.on('connect', (client: pg.PoolClient) => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    statements++;
    return query(...args);
  };
});

try {
  await prepareDatabase(deps.pool, deps.db, { demo: 'never', embedded: true });
  const [departments, districts] = await Promise.all([deps.db.department.findMany({ select: { id: true } }), deps.db.district.findMany({ select: { id: true, slug: true } })]);
  const started = Date.now();
  for (let from = 0; from < N; from += 500) {
    const batch = Array.from({ length: Math.min(500, N - from) }, (_, k) => from + k);
    await deps.db.investment.createMany({
      data: batch.map((n) => ({
        slug: `inwestycja-${n}`, title: `Inwestycja numer ${n}`, summary: 'Przebudowa ulicy z chodnikami i oświetleniem.', descriptionHtml: '<p>Opis.</p>',
        status: STATUSES[n % STATUSES.length]!, departmentId: departments[n % departments.length]!.id,
        budgetGrosze: BigInt(1_000_000 + n * 7919) * 100n, euFundingGrosze: n % 3 === 0 ? BigInt(500_000 + n) * 100n : null,
        plannedStart: new Date(Date.UTC(2018 + (n % 10), n % 12, 1)), plannedEnd: new Date(Date.UTC(2020 + (n % 10), n % 12, 28)),
        latitude: 50.72 + ((n * 37) % 160) / 1000, longitude: 19.0 + ((n * 53) % 280) / 1000, address: `ul. Przykładowa ${n}`,
        publishedAt: new Date('2026-01-01T00:00:00Z'),
      })),
    });
  }
  const ids = await deps.db.investment.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  await deps.db.investmentDistrict.createMany({ data: ids.flatMap((r, n) => [{ investmentId: r.id, districtId: districts[n % 20]!.id }, { investmentId: r.id, districtId: districts[(n + 7) % 20]!.id }]) });
  await deps.db.investmentUpdate.createMany({ data: ids.flatMap((r) => [1, 2, 3].map((k) => ({ investmentId: r.id, date: new Date(Date.UTC(2025, k, 1)), title: `Etap ${k}`, bodyHtml: '<p>Postęp.</p>' }))) });
  await deps.pool.query('ANALYZE');
  console.log(`${N} investments, ${N * 2} district links, ${N * 3} progress updates loaded in ${Date.now() - started} ms`);

  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const district = districts[3]!.slug;
  const pages = [
    '/inwestycje',
    '/inwestycje?strona=25',
    '/inwestycje?status=w-realizacji&rok=2024',
    `/inwestycje?dzielnica=${district}&wydzial=MZDiT`,
    '/inwestycje.geojson',
    '/inwestycje.geojson?status=planowana',
    `/inwestycje/inwestycja-${Math.floor(N / 2)}`,
    `/dzielnice/${district}`,
    '/',
  ];
  console.log('\n| page | median ms | p95 ms | SQL statements per request | bytes |\n|---|---|---|---|---|');
  for (const page of pages) {
    for (let i = 0; i < 5; i++) await (await fetch(base + page)).arrayBuffer();
    const times: number[] = [];
    let bytes = 0;
    const before = statements;
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await fetch(base + page);
      bytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${page}: ${res.status}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(`| \`${page}\` | ${at(0.5)} | ${at(0.95)} | ${((statements - before) / REQUESTS).toFixed(1)} | ${bytes} |`);
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
} finally {
  await closeDeps(deps);
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
