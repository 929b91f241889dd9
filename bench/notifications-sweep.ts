// How long the per-minute announcement sweep takes with many subscribers: one consultation in a
// district and one district news article become public; the sweep claims them and queues one e-mail
// job per recipient (ledger row + pg-boss job, in one transaction each). The e-mails are not sent.
//
//   npx tsx bench/notifications-sweep.ts [subscribers=10000]
//
// Uses a scratch database "konsultacje_bench" next to the portal's (DATABASE_URL's server, or the
// embedded PostgreSQL under DATA_DIR), created, migrated and dropped by this script.
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { closeDeps, createDeps } from '../src/deps.js';
import { scratchDatabase } from './support.js';
import { DISTRICTS } from '../src/db/seed-data.js';
import { announceNews, announcePublished } from '../src/features/notifications/announcements.service.js';

const SUBSCRIBERS = Number(process.argv[2] ?? 10_000);
const BENCH_DB = 'konsultacje_bench';

async function main() {
  const config = loadConfig();
  const database = await scratchDatabase(config, BENCH_DB);
  const deps = createDeps(config, database.url, { jobOptions: { schedules: false } });
  try {
    await migrate(deps.pool);
    const { pool } = deps;
    const now = new Date();
    // Data: 20 districts, a department, subscribers with a mix of choices (set-based SQL, seconds).
    await pool.query(`INSERT INTO district (slug, name) SELECT * FROM unnest($1::text[], $2::text[])`, [DISTRICTS.map((d) => d.slug), DISTRICTS.map((d) => d.name)]);
    await pool.query(`INSERT INTO department (code, name) VALUES ('BENCH', 'Wydział testowy')`);
    await pool.query(
      `INSERT INTO subscriber (email, new_consultations, confirmed_at)
       SELECT 'osoba' || i || '@example.org', (ARRAY['ALL','CHOSEN','NONE'])[1 + i % 3]::"NotifyScope", CASE WHEN i % 10 = 0 THEN NULL ELSE now() END
       FROM generate_series(1, $1) AS i`,
      [SUBSCRIBERS],
    );
    const districtIds = (await pool.query<{ id: number }>(`SELECT id FROM district ORDER BY id`)).rows.map((r) => r.id);
    // Chosen districts (consultations) and news districts: 1-3 each, spread over the 20.
    for (const [table, offset] of [['subscriber_district', 0], ['subscriber_news_district', 7]] as const) {
      await pool.query(
        `INSERT INTO ${table} (subscriber_id, district_id)
         SELECT DISTINCT s.id, ($1::int[])[1 + ((s.id * k + ${offset}) % 20)]
         FROM subscriber s CROSS JOIN generate_series(1, 1 + s.id % 3) AS k`,
        [districtIds],
      );
    }
    const target = districtIds[0]!;
    const consultation = await pool.query<{ id: number }>(
      `INSERT INTO consultation (slug, title, city_wide, department_id, starts_at, ends_at, published_at, updated_at)
       VALUES ('bench', 'Konsultacja', false, (SELECT id FROM department LIMIT 1), $1, $1::timestamptz + interval '30 days', $1, $1) RETURNING id`,
      [now],
    );
    await pool.query(`INSERT INTO consultation_district (consultation_id, district_id) VALUES ($1, $2)`, [consultation.rows[0]!.id, target]);
    await pool.query(`INSERT INTO news (slug, title, district_id, published_at, updated_at) VALUES ('bench', 'Aktualność', $1, $2, $2)`, [target, now]);
    await deps.jobs.send({ name: 'bench-warm-up', data: {} }); // pg-boss creates its schema outside the timing

    for (const [name, sweep] of [['consultation', announcePublished], ['news', announceNews]] as const) {
      const started = performance.now();
      const result = await sweep({ pool, jobs: deps.jobs, now: new Date() });
      const ms = performance.now() - started;
      console.log(`${name}: ${JSON.stringify(result)} in ${ms.toFixed(0)} ms (${SUBSCRIBERS} subscribers)`);
    }
    const idle = performance.now();
    await announcePublished({ pool, jobs: deps.jobs, now: new Date() });
    await announceNews({ pool, jobs: deps.jobs, now: new Date() });
    console.log(`an idle sweep (nothing new): ${(performance.now() - idle).toFixed(1)} ms`);
  } finally {
    await closeDeps(deps);
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
