// How fast the pages of requests for consultations answer with a city's many years of requests:
// 20,000 requests, 400,000 confirmed online supports and 10,000 paper lists; the annual plan with
// 2,000 items. Times the public list (first and a deep page, a state filter), one request, the
// office's list with deadlines, and the plan of a year, each through HTTP on the real app.
//
//   npx tsx bench/requests-list.ts [requests=20000]
//
// Uses a scratch database "konsultacje_bench_requests" next to the portal's (DATABASE_URL's server,
// or the embedded PostgreSQL under DATA_DIR), created, migrated and dropped by this script.
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { closeDeps, createDeps } from '../src/deps.js';
import { percentile, scratchDatabase } from './support.js';

const REQUESTS = Number(process.argv[2] ?? 20_000);
const BENCH_DB = 'konsultacje_bench_requests';
const RUNS = 30;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
}

async function main() {
  const config = loadConfig();
  const database = await scratchDatabase(config, BENCH_DB);
  const deps = createDeps(config, database.url, { jobOptions: { schedules: false } });
  const server = createApp(deps).listen(0, '127.0.0.1');
  try {
    await migrate(deps.pool);
    const { pool } = deps;
    await pool.query(`INSERT INTO district (slug, name) SELECT 'd' || i, 'Dzielnica ' || i FROM generate_series(1, 20) AS i`);
    await pool.query(`INSERT INTO department (code, name) SELECT 'W' || i, 'Wydział ' || i FROM generate_series(1, 10) AS i`);
    // Requests over ten years, every state, a fifth from district councils.
    await pool.query(
      `INSERT INTO consultation_request (origin, district_id, title, justification, scope, state, answer, answered_at, submitted_at, contact_name, contact_email)
       SELECT CASE WHEN i % 5 = 0 THEN 'DISTRICT_COUNCIL' ELSE 'RESIDENTS' END::"RequestOrigin",
              CASE WHEN i % 5 = 0 THEN 1 + i % 20 END,
              'Wniosek nr ' || i, repeat('Uzasadnienie wniosku. ', 20), repeat('Zakres. ', 20),
              (ARRAY['SUBMITTED','UNDER_REVIEW','ACCEPTED','REJECTED'])[1 + i % 4]::"RequestState",
              CASE WHEN i % 4 >= 2 THEN 'Odpowiedź miasta.' ELSE '' END,
              CASE WHEN i % 4 >= 2 THEN now() - (i || ' hours')::interval ELSE NULL END,
              now() - (i || ' hours')::interval, 'Osoba ' || i, 'osoba' || i || '@example.org'
       FROM generate_series(1, $1) AS i`,
      [REQUESTS],
    );
    await pool.query(
      `INSERT INTO request_support (request_id, name, email_hash, confirmed_at)
       SELECT r.id, 'Mieszkaniec', md5(r.id || '-' || k), now() FROM consultation_request r CROSS JOIN generate_series(1, 25) AS k WHERE r.origin = 'RESIDENTS'`,
    );
    await pool.query(`INSERT INTO request_paper_list (request_id, signatures, received_on) SELECT id, 120, current_date FROM consultation_request WHERE origin = 'RESIDENTS' AND id % 2 = 0`);
    await pool.query(
      `INSERT INTO consultation_plan_item (year, month, title, department_id) SELECT 2017 + i % 10, 1 + i % 12, 'Pozycja planu ' || i, 1 + i % 10 FROM generate_series(1, 2000) AS i`,
    );
    const office = await pool.query<{ id: number }>(`INSERT INTO department (code, name, coordinates_consultations) VALUES ('BIK', 'Biuro', true) RETURNING id`);
    await pool.query('ANALYZE');
    const counts = (await pool.query(`SELECT (SELECT count(*) FROM consultation_request) AS requests, (SELECT count(*) FROM request_support) AS supports, (SELECT count(*) FROM request_paper_list) AS lists`)).rows[0];
    console.log(`data: ${JSON.stringify(counts)}`);

    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The office's pages need a session: log in through the real form is out of scope here, so the
    // office list is timed through its service call by the same HTTP-free path the handler uses.
    const { listForOffice } = await import('../src/features/requests/panel-requests.service.js');
    const targets: [string, () => Promise<unknown>][] = [
      ['GET /wnioski', () => fetch(`${base}/wnioski`).then((r) => r.text())],
      ['GET /wnioski?strona=900', () => fetch(`${base}/wnioski?strona=900`).then((r) => r.text())],
      ['GET /wnioski?stan=w-ocenie', () => fetch(`${base}/wnioski?stan=w-ocenie`).then((r) => r.text())],
      ['GET /wnioski/12345', () => fetch(`${base}/wnioski/12345`).then((r) => r.text())],
      ['GET /konsultacje/plan?rok=2024', () => fetch(`${base}/konsultacje/plan?rok=2024`).then((r) => r.text())],
      ['listForOffice (panel list, page 1)', () => listForOffice({ db: deps.db, actor: { id: 1, role: 'DEPARTMENT_STAFF', departmentId: office.rows[0]!.id, districtId: null, coordinator: true }, now: new Date() }, config.requests, {}, 1)],
    ];
    for (const [name, run] of targets) {
      await run(); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await run();
        samples.push(performance.now() - started);
      }
      console.log(`${name}: ${stats(samples)} (${RUNS} runs)`);
    }
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
