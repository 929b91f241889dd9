// Measures the open-data API and the CSV downloads on a large data set: N public consultations and N
// news (default 50,000 each, far beyond ten years of a city), filled by set-based SQL. Times paginated
// API lists (first, a deep page, a filtered one) and streams the whole consultations and news lists as
// CSV, reporting rows per second and how much the process's memory grew while streaming (sampled).
// Run: node --expose-gc --import tsx bench/api.ts [N=50000] [requests per list=20] [postgresql://... a database it may fill]
// Without a database URL it starts a throw-away embedded PostgreSQL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { seedBase } from '../src/db/seed.js';
import { createDeps } from '../src/deps.js';
import { percentile, throwawayDatabase, timedGet } from './support.js';

const N = Number(process.argv[2] ?? 50_000);
const REQUESTS = Number(process.argv[3] ?? 20);
const DATABASE_URL = process.argv[4];
const gc = (globalThis as { gc?: () => void }).gc;

/** Streams a download, sampling this process's memory every 20 ms; the peak growth over the start. */
function streamed(port: number, pathname: string): Promise<{ ms: number; bytes: number; lines: number; heapMb: number; rssMb: number }> {
  gc?.();
  const start = process.memoryUsage();
  let peakHeap = start.heapUsed;
  let peakRss = start.rss;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 20);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http.get({ host: '127.0.0.1', port, path: pathname }, (res) => {
      let bytes = 0;
      let lines = 0;
      // The client only counts: what it holds is one chunk at a time, so growth is the server's.
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => {
        clearInterval(timer);
        if (res.statusCode !== 200) return reject(new Error(`${pathname}: ${res.statusCode}`));
        const mb = (n: number) => n / 1024 / 1024;
        resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, bytes, lines, heapMb: mb(peakHeap - start.heapUsed), rssMb: mb(peakRss - start.rss) });
      });
    }).on('error', reject);
  });
}

async function main() {
  const { url, close } = await throwawayDatabase(DATABASE_URL);
  const deps = createDeps(parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), url);
  try {
    await migrate(deps.pool);
    await seedBase(deps.db);
    const started = Date.now();
    await deps.pool.query(`DELETE FROM consultation WHERE slug LIKE 'bench-api-%'`);
    await deps.pool.query(`DELETE FROM news WHERE slug LIKE 'bench-api-%'`);
    // Over twenty years, every department and district, a tenth of them drafts that must stay out.
    await deps.pool.query(
      `INSERT INTO consultation (slug, title, summary, department_id, city_wide, starts_at, ends_at, published_at, report_published_at, updated_at)
       SELECT 'bench-api-' || n, 'Konsultacja numer ' || n || ' o ulicy Źródlanej', 'Krótki opis konsultacji numer ' || n || ', z przecinkiem i "cudzysłowem".',
              (SELECT id FROM department ORDER BY id OFFSET n % 10 LIMIT 1), n % 3 = 0,
              now() - interval '1 day' * (n % 7300) - interval '20 days', now() - interval '1 day' * (n % 7300) + interval '10 days',
              CASE WHEN n % 10 = 0 THEN NULL ELSE now() - interval '1 day' * (n % 7300) - interval '30 days' END,
              CASE WHEN n % 4 = 0 THEN now() - interval '1 day' * (n % 7300) + interval '40 days' END, now()
       FROM generate_series(1, $1) AS n`,
      [N],
    );
    await deps.pool.query(
      `INSERT INTO consultation_district (consultation_id, district_id)
       SELECT c.id, d.id FROM consultation c JOIN LATERAL (SELECT id FROM district ORDER BY id OFFSET c.id % 20 LIMIT 1) d ON true
        WHERE c.slug LIKE 'bench-api-%' AND NOT c.city_wide`,
    );
    await deps.pool.query(
      `INSERT INTO news (slug, title, lead, body_md, body_html, district_id, published_at, updated_at)
       SELECT 'bench-api-' || n, 'Aktualność numer ' || n, 'Wstęp aktualności ' || n, 'Treść.', '<p>Treść.</p>',
              CASE WHEN n % 5 = 0 THEN NULL ELSE (SELECT id FROM district ORDER BY id OFFSET (n / 5) % 20 LIMIT 1) END,
              CASE WHEN n % 10 = 0 THEN NULL ELSE now() - interval '1 hour' * n END, now()
       FROM generate_series(1, $1) AS n`,
      [N],
    );
    await deps.pool.query('ANALYZE');
    const district = (await deps.db.district.findFirstOrThrow({ orderBy: { id: 'asc' } })).slug;
    console.log(`${N} consultations and ${N} news (a tenth drafts) loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const app = createApp(deps);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;

    console.log(`\nAPI lists, ${REQUESTS} sequential requests each\n| request | median ms | p95 ms | kB |\n|---|---|---|---|`);
    const deepPage = Math.floor((N * 0.9) / 100 / 2);
    for (const pathname of [
      '/api/v1/consultations?limit=100',
      `/api/v1/consultations?limit=100&page=${deepPage}`,
      `/api/v1/consultations?phase=closed&district=${district}&limit=100&page=5`,
      '/api/v1/consultations?q=zrodlanej&limit=20',
      '/api/v1/news?limit=100',
      `/api/v1/news?limit=100&page=${deepPage}`,
      `/api/v1/news?district=${district}&limit=100`,
    ]) {
      await timedGet(port, pathname);
      const runs: { ms: number; bytes: number }[] = [];
      for (let i = 0; i < REQUESTS; i += 1) runs.push(await timedGet(port, pathname));
      const times = runs.map((r) => r.ms).sort((a, b) => a - b);
      console.log(`| \`${pathname}\` | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${(runs[0]!.bytes / 1024).toFixed(0)} |`);
    }

    console.log(`\nCSV of the whole list (streamed; memory growth of this process, which runs the server)\n| download | rows | seconds | rows/s | MB | heap growth MB | RSS growth MB |\n|---|---|---|---|---|---|---|`);
    for (const pathname of ['/konsultacje.csv', '/aktualnosci.csv']) {
      const r = await streamed(port, pathname);
      const rows = r.lines - 1;
      console.log(`| \`${pathname}\` | ${rows} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(rows / (r.ms / 1000))} | ${(r.bytes / 1024 / 1024).toFixed(1)} | ${r.heapMb.toFixed(1)} | ${r.rssMb.toFixed(1)} |`);
    }
    if (!gc) console.log('\n(run with node --expose-gc for a heap baseline after a collection)');
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  } finally {
    await deps.jobs.stop().catch(() => undefined);
    await deps.pool.end();
    await close();
  }
}

await main();
