import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { migrate, MigrationError, pendingMigrations, readMigrations } from '../../src/db/migrate.js';

// Each test gets an empty database (not the migrated template) to watch migrations run.
const admin = () => new pg.Client({ connectionString: inject('pgAdminUrl') });
const created: string[] = [];
let counter = 0;

async function emptyDatabase(): Promise<pg.Pool> {
  const name = `migrate_${process.pid}_${counter++}`;
  const client = admin();
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  created.push(name);
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return new pg.Pool({ connectionString: url.toString(), max: 4 });
}

const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  const client = admin();
  await client.connect();
  for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
});

describe('migration runner', () => {
  it('applies every migration once, records it like Prisma, and is a no-op the second time', async () => {
    const pool = await emptyDatabase();
    pools.push(pool);
    const all = readMigrations().map((m) => m.name);
    expect(await pendingMigrations(pool)).toEqual(all);
    expect(await migrate(pool)).toEqual(all);
    expect(await migrate(pool)).toEqual([]);
    expect(await pendingMigrations(pool)).toEqual([]);
    const { rows } = await pool.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].finished_at).toBeInstanceOf(Date);
  });

  it('lets several instances start at once: the advisory lock makes them take turns', async () => {
    const pool = await emptyDatabase();
    pools.push(pool);
    const results = await Promise.all([migrate(pool), migrate(pool), migrate(pool)]);
    expect(results.flat().sort()).toEqual(readMigrations().map((m) => m.name).sort());
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const pool = await emptyDatabase();
    pools.push(pool);
    await migrate(pool);
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(migrate(pool, edited)).rejects.toThrow(MigrationError);
  });

  it('rolls a failing migration back completely and records nothing for it', async () => {
    const pool = await emptyDatabase();
    pools.push(pool);
    const broken = [...readMigrations(), { name: '29990101000000_broken', checksum: 'a'.repeat(64), sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;' }];
    await expect(migrate(pool, broken)).rejects.toThrow(/29990101000000_broken failed/);
    const table = await pool.query(`SELECT to_regclass('half_done') AS t`);
    expect(table.rows[0].t).toBeNull();
    expect(await pendingMigrations(pool, broken)).toEqual(['29990101000000_broken']);
  });
});
