// Measures the discussion page of a consultation with many comments: SQL statements per page and
// response times of the first, a middle and the last page, over HTTP against a real PostgreSQL.
// Run: npx tsx bench/discussion.ts [topLevelComments=5000] [requestsPerPage=200] [postgresql://... a database it may fill]
// Without a database URL it starts a throw-away embedded PostgreSQL.
import type { AddressInfo } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import { createApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { migrate } from '../src/db/migrate.js';
import { seedBase } from '../src/db/seed.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { percentile, throwawayDatabase, timedGet } from './support.js';

const TOP = Number(process.argv[2] ?? 5000);
const REQUESTS = Number(process.argv[3] ?? 200);
const DATABASE_URL = process.argv[4];

async function main() {
  const { url, close } = await throwawayDatabase(DATABASE_URL);
  const deps = createDeps(parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), url);
  try {
    await migrate(deps.pool);
    await seedBase(deps.db);
    const department = await deps.db.department.findFirstOrThrow();
    const now = Date.now();
    await deps.pool.query(`DELETE FROM consultation WHERE slug = 'bench-dyskusja'`);
    const { rows } = await deps.pool.query<{ id: number }>(
      `INSERT INTO consultation (slug, title, department_id, starts_at, ends_at, published_at, updated_at)
       VALUES ('bench-dyskusja', 'Konsultacja z tysiącami komentarzy', $1, $2, $3, $2, now()) RETURNING id`,
      [department.id, new Date(now - 10 * 86_400_000), new Date(now + 10 * 86_400_000)],
    );
    const id = rows[0]!.id;
    // Every top-level comment gets a reply, every tenth an answer of the city too; a few are hidden.
    await deps.pool.query(
      `INSERT INTO comment (consultation_id, author_name, body, status, hidden_reason, created_at, published_at)
       SELECT $1, 'Mieszkaniec ' || n || '.', repeat('Treść komentarza ' || n || '. ', 12),
              (CASE WHEN n % 50 = 0 THEN 'HIDDEN' ELSE 'PUBLISHED' END)::"CommentStatus", CASE WHEN n % 50 = 0 THEN 'Spam' ELSE '' END,
              now() - interval '1 second' * ($2 - n), now()
       FROM generate_series(1, $2) AS n`,
      [id, TOP],
    );
    await deps.pool.query(
      `INSERT INTO comment (consultation_id, parent_id, author_name, official, body, status, created_at, published_at)
       SELECT consultation_id, id, 'Anna N.', false, 'Odpowiedź.', 'PUBLISHED'::"CommentStatus", created_at + interval '1 minute', now() FROM comment WHERE consultation_id = $1 AND parent_id IS NULL
       UNION ALL
       SELECT consultation_id, id, 'Wydział', true, 'Odpowiedź Urzędu.', 'PUBLISHED'::"CommentStatus", created_at + interval '2 minutes', now() FROM comment WHERE consultation_id = $1 AND parent_id IS NULL AND id % 10 = 0`,
      [id],
    );
    await deps.pool.query('ANALYZE comment');
    const total = (await deps.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM comment WHERE consultation_id = $1', [id])).rows[0]!.n;

    const statements: string[] = [];
    const db = new PrismaClient({ adapter: new PrismaPg(deps.pool), log: [{ emit: 'event', level: 'query' }] });
    db.$on('query', (e) => statements.push(e.query));
    const server = createApp({ ...deps, db }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const lastPage = Math.ceil(TOP / 20);
    console.log(`${TOP} top-level comments, ${total} in all; node ${process.version}`);
    for (const page of [1, Math.ceil(lastPage / 2), lastPage]) {
      const pathname = `/konsultacje/bench-dyskusja/dyskusja${page > 1 ? `?strona=${page}` : ''}`;
      for (let i = 0; i < 20; i++) await timedGet(port, pathname); // warm-up
      statements.length = 0;
      await timedGet(port, pathname);
      const perRequest = statements.length;
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push((await timedGet(port, pathname)).ms);
      times.sort((a, b) => a - b);
      console.log(`page ${page}: ${perRequest} SQL statements; ${REQUESTS} sequential requests: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
    }
    server.close();
    await db.$disconnect();
  } finally {
    await deps.pool.end();
    await close();
  }
}

await main();
