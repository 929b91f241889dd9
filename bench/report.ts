// Measures a consultation report with many remarks (the 2013 "III Aleja" had 1,871 forms): the report
// page, its PDF and the table of remarks as CSV and XLSX, over HTTP against a real PostgreSQL. The PDF
// is made by the background job (timed once here, as the job runs it), then served from storage.
// Run: npx tsx bench/report.ts [remarks=2000] [requestsPerKind=10] [postgresql://... a database it may fill]
// Without a database URL it starts a throw-away embedded PostgreSQL.
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { migrate } from '../src/db/migrate.js';
import { seedBase } from '../src/db/seed.js';
import { makeReportPdf, requestReportPdf } from '../src/features/remarks/report-pdf.service.js';
import { percentile, throwawayDatabase, timedGet } from './support.js';

const REMARKS = Number(process.argv[2] ?? 2000);
const REQUESTS = Number(process.argv[3] ?? 10);
const DATABASE_URL = process.argv[4];

async function main() {
  const { url, close } = await throwawayDatabase(DATABASE_URL);
  const deps = createDeps(parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), url);
  try {
    await migrate(deps.pool);
    await seedBase(deps.db);
    const department = await deps.db.department.findFirstOrThrow();
    const now = Date.now();
    await deps.pool.query(`DELETE FROM consultation WHERE slug = 'bench-raport'`);
    const { rows } = await deps.pool.query<{ id: number }>(
      `INSERT INTO consultation (slug, title, department_id, starts_at, ends_at, published_at, report_published_at, updated_at)
       VALUES ('bench-raport', 'Konsultacja z tysiącami uwag', $1, $2, $3, $2, $4, now()) RETURNING id`,
      [department.id, new Date(now - 40 * 86_400_000), new Date(now - 10 * 86_400_000), new Date(now - 86_400_000)],
    );
    const id = rows[0]!.id;
    // Remarks from every channel, one in ten from an institution, all answered.
    await deps.pool.query(
      `INSERT INTO remark (consultation_id, reference, channel, received_at, late, part, content, proposal, justification, author_kind, author_name, email, position, answer)
       SELECT $1, 'B/' || n, (ARRAY['ONLINE','EMAIL','PAPER','MEETING'])[1 + n % 4]::"RemarkChannel", now() - interval '1 minute' * ($2 - n), n % 50 = 0,
              '§ ' || (1 + n % 12), repeat('Treść uwagi numer ' || n || ' do projektu. ', 8), 'Proponowane brzmienie ' || n, 'Uzasadnienie ' || n,
              (CASE WHEN n % 10 = 0 THEN 'INSTITUTION' ELSE 'PERSON' END)::"RemarkAuthorKind", CASE WHEN n % 10 = 0 THEN 'Rada Dzielnicy ' || n ELSE 'Osoba ' || n END,
              'osoba' || n || '@example.org', (ARRAY['ACCEPTED','PARTLY_ACCEPTED','REJECTED','EXPLANATION','OUT_OF_SCOPE'])[1 + n % 5]::"RemarkPosition", repeat('Odpowiedź urzędu. ', 6)
       FROM generate_series(1, $2) AS n`,
      [id, REMARKS],
    );
    await deps.pool.query('ANALYZE remark');

    // What the report-pdf job does after publication or a change: timed once, then the download serves the file.
    await requestReportPdf(deps.pool, deps.jobs, id);
    const started = performance.now();
    await makeReportPdf({ db: deps.db, storage: deps.storage, now: new Date(), site: { name: 'Konsultacje', cityHall: 'Urząd Miasta' } }, id);
    console.log(`report PDF made by the job in ${(performance.now() - started).toFixed(0)} ms`);

    const app = createApp(deps);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    console.log(`${REMARKS} remarks, ${REQUESTS} requests each (sequential)`);
    for (const pathname of ['/konsultacje/bench-raport/raport', '/konsultacje/bench-raport/raport.pdf', '/konsultacje/bench-raport/zestawienie-uwag.csv', '/konsultacje/bench-raport/zestawienie-uwag.xlsx']) {
      await timedGet(port, pathname);
      const runs: { ms: number; bytes: number }[] = [];
      for (let i = 0; i < REQUESTS; i += 1) runs.push(await timedGet(port, pathname));
      const times = runs.map((r) => r.ms).sort((a, b) => a - b);
      console.log(`${pathname.padEnd(48)} median ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, ${(runs[0]!.bytes / 1024).toFixed(0)} kB`);
    }
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  } finally {
    await deps.jobs.stop().catch(() => undefined);
    await deps.pool.end();
    await close();
  }
}

await main();
