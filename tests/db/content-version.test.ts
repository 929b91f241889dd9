// The content version from PostgreSQL's notifications (src/http/content-version.ts, docs/decisions.md 53):
// trusted without a query only while listening and while no write of this instance is unconfirmed.
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentVersion } from '../../src/http/content-version.js';
import { createTestDatabase } from '../helpers/database.js';

let drop: () => Promise<void>;
let pool: pg.Pool;
let versions: ContentVersion;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  versions = new ContentVersion(pool, pino({ level: 'silent' }));
});
afterAll(async () => {
  await versions.close();
  await pool.end();
  await drop();
});

/** A write to a table public pages show, committed by another connection (another instance, a job). */
async function writeElsewhere(name: string): Promise<string> {
  await pool.query(`INSERT INTO department (name, code) VALUES ($1, $2)`, [name, name.slice(-6).toUpperCase()]);
  return (await pool.query<{ v: string }>('SELECT version::text AS v FROM content_version')).rows[0]!.v;
}

async function until(check: () => boolean, withinMs = 2000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error('not within time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('the content version', () => {
  it('is read for each call until listening, then known from the notifications without a query', async () => {
    expect(versions.known()).toBeUndefined();
    const first = await writeElsewhere('Wydział Komunikacji');
    expect((await versions.read())?.version).toBe(first);
    expect(versions.known()).toBeUndefined(); // not listening: every page asks

    await versions.listen();
    expect(versions.known()?.version).toBe(first);
    const second = await writeElsewhere('Wydział Edukacji');
    expect(BigInt(second)).toBeGreaterThan(BigInt(first));
    await until(() => versions.known()?.version === second);
    expect(versions.known()?.changedAt.getTime()).toBeGreaterThan(0);
  });

  it('is not trusted once a write of this instance is answered, until a query started after it has run', async () => {
    await versions.listen();
    const before = versions.known()?.version;
    expect(before).toBeDefined();
    // Requests concurrent with the write may be answered from what is known.
    expect(versions.known()?.version).toBe(before);
    const written = await writeElsewhere('Wydział Geodezji');
    const confirming = versions.read(); // started before the answer: confirms nothing
    versions.writeAnswered();
    await confirming;
    expect(versions.known()).toBeUndefined(); // the notification may already be here, but no query since confirmed it
    expect((await versions.read())?.version).toBe(written);
    expect(versions.known()?.version).toBe(written);
    // A second write answered makes the next page ask again, once.
    versions.writeAnswered();
    expect(versions.known()).toBeUndefined();
    await versions.read();
    expect(versions.known()?.version).toBe(written);
  });

  it('is not trusted after the listening connection is lost, until it is back', async () => {
    await versions.listen();
    expect(versions.known()).toBeDefined();
    await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'konsultacje-listen' AND datname = current_database()`);
    await until(() => versions.known() === undefined);
    const written = await writeElsewhere('Wydział Kultury');
    expect((await versions.read())?.version).toBe(written);
    // Reconnected within a second and a half, with what was committed meanwhile.
    await until(() => versions.known()?.version === written, 3000);
  });

  it('never goes back to an older number, whatever order answers arrive in', async () => {
    await versions.listen();
    const now = versions.known()!.version;
    await versions.read();
    expect(BigInt(versions.known()!.version)).toBeGreaterThanOrEqual(BigInt(now));
  });
});
