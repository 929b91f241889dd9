// npm run bench:data -- [--scale 1] [--seed 2010] [--now 2026-12-01]
// Builds the benchmark's data set from scratch in its own database (see benchDatabase in support.ts):
// drops and re-creates it, applies the migrations, loads the base data (departments, districts, topics),
// one administrator for the staff-only measurements, then the generated rows. Progress on stderr.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPool, createPrisma } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedBase } from '../src/db/seed.js';
import { createStaffUser } from '../src/features/users/users.service.js';
import { generateBenchData } from './generate.js';
import { BENCH_ADMIN, BENCH_DATABASE_NAME, BENCH_DIR, benchDatabase, progressBar } from './support.js';

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '2010' }, now: { type: 'string' } } });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!(scale > 0 && scale <= 10) || !Number.isInteger(seed)) throw new Error('--scale must be a number in (0, 10], --seed a whole number');
  // Today at midnight UTC unless given: the same seed on the same day gives the same rows.
  const now = new Date(values.now ?? `${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(now.getTime())) throw new Error('--now must be a date (2026-12-01)');

  const database = await benchDatabase();
  try {
    const admin = new pg.Client({ connectionString: database.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE_NAME}`);
    await admin.end();
    const uploads = path.join(BENCH_DIR, 'uploads');
    fs.rmSync(uploads, { recursive: true, force: true });

    const pool = createPool(database.url, 2);
    const db = createPrisma(pool);
    const client = await pool.connect();
    try {
      await migrate(pool);
      await seedBase(db);
      await createStaffUser(db, { email: BENCH_ADMIN.email, name: 'Administrator benchmarku', password: BENCH_ADMIN.password, role: 'ADMIN' });
      const result = await generateBenchData(client, db, { scale, seed, now, filesDir: path.join(uploads, 'files'), onProgress: progressBar() });
      const meta = { scale, seed, now: now.toISOString(), generatedAt: new Date().toISOString(), seconds: result.seconds, counts: result.counts, targets: result.targets };
      // Kept with the data, so `npm run bench` knows what it measures and reports it.
      await client.query(`COMMENT ON DATABASE ${BENCH_DATABASE_NAME} IS ${pg.escapeLiteral(JSON.stringify(meta))}`);
      console.log(`Generated in ${result.seconds.toFixed(1)} s (scale ${scale}, seed ${seed}, now ${now.toISOString().slice(0, 10)}) into ${BENCH_DATABASE_NAME}:`);
      for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(24)} ${n.toLocaleString('en').padStart(10)}`);
    } finally {
      client.release();
      await db.$disconnect();
      await pool.end();
    }
  } finally {
    await database.close();
  }
}

await main();
