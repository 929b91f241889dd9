// A database of this test file's own, cloned from the migrated template; emptied between tests.
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

const CLONE_LOCK = 424_242;

export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplateDb');
  const name = `test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // PostgreSQL refuses two clones of one template at the same moment: take turns.
    await admin.query('SELECT pg_advisory_lock($1)', [CLONE_LOCK]);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [CLONE_LOCK]);
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Empties every table except the migration record. */
export async function truncateAll(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length === 0) return;
  await pool.query(`TRUNCATE ${rows.map((r) => pg.escapeIdentifier(r.tablename)).join(', ')} RESTART IDENTITY CASCADE`);
}
