// `npm run db:backup` and `npm run db:restore` as an operator runs them (child processes, real
// PostgreSQL, real files): the demo data with its uploaded files is backed up, restored into a
// brand-new database with no tables and an empty uploads folder, and every table's row count and
// every file's checksum match; restore refuses a target that holds anything, changing nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ROOT } from '../../src/paths.js';
import { makeUploadsDir, removeUploadsDir } from '../helpers/app.js';
import { DB_SEED, runCli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/database.js';

const BACKUP_CLI = path.join(ROOT, 'src/db/backup-cli.ts');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'));
const cleanups: (() => Promise<void>)[] = [];
let source: { url: string; uploads: string };

/** A database with no tables at all, as `createdb` makes it. */
async function emptyDatabase(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `restore_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Rows of every table of the application (schema public), by table. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const tables = await query<{ name: string }>(url, `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t.name] = Number((await query<{ n: string }>(url, `SELECT count(*)::text AS n FROM "${t.name}"`))[0]!.n);
  return counts;
}

/** Every stored file (not the temp folder) with its SHA-256. */
function checksums(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(path.join(dir, rel))) return out;
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (p === 'tmp') continue;
    if (entry.isDirectory()) Object.assign(out, checksums(dir, p));
    else out[p] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, p))).digest('hex');
  }
  return out;
}

const cli = (command: 'backup' | 'restore', args: string[], env: { url: string; uploads: string }) =>
  runCli(BACKUP_CLI, [command, ...args], { env: { DATABASE_URL: env.url, UPLOADS_DIR: env.uploads }, timeoutMs: 120_000 });

beforeAll(async () => {
  const database = await createTestDatabase();
  const uploads = makeUploadsDir();
  cleanups.push(database.drop, async () => removeUploadsDir(uploads));
  source = { url: database.url, uploads };
  // The demo: consultations, surveys with answers, comments, remarks, and uploaded files.
  const seeded = await runCli(DB_SEED, ['--demo'], { env: { DATABASE_URL: database.url, UPLOADS_DIR: uploads }, timeoutMs: 180_000 });
  expect(seeded.code, seeded.stderr).toBe(0);
  // An upload in progress is not part of a backup.
  fs.writeFileSync(path.join(uploads, 'tmp', 'half-written-upload'), 'partial');
}, 240_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores every row and every file into a new empty database and folder', async () => {
    const before = await rowCounts(source.url);
    const files = checksums(source.uploads);
    expect(Object.keys(files).length).toBeGreaterThan(3);
    expect(before.consultation).toBeGreaterThan(0);
    expect(before.survey_response).toBeGreaterThan(0);
    expect(before.attachment).toBeGreaterThan(0);

    const folder = path.join(work, 'copy');
    const made = await cli('backup', [folder], source);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`${Object.keys(files).length} files`);
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    expect(Object.fromEntries(manifest.files.map((f) => [f.path, f.sha256]))).toEqual(files);

    const target = { url: await emptyDatabase(), uploads: path.join(work, 'restored-uploads') };
    const restored = await cli('restore', [folder], target);
    expect(restored.code, restored.stderr).toBe(0);
    expect(await rowCounts(target.url)).toEqual(before);
    expect(checksums(target.uploads)).toEqual(files);
    // The same content, not just as many rows; and new rows get fresh ids (sequences restored).
    const titles = `SELECT string_agg(title || '|' || slug || '|' || coalesce(published_at::text, ''), ',' ORDER BY id) AS t FROM consultation`;
    expect(await query(target.url, titles)).toEqual(await query(source.url, titles));
    const [department] = await query<{ id: number }>(target.url, `INSERT INTO department (code, name) VALUES ('NOWY', 'Nowy wydział') RETURNING id`);
    expect(department!.id).toBeGreaterThan(Math.max(...(await query<{ id: number }>(source.url, 'SELECT id FROM department')).map((d) => d.id)));
  });

  it('refuses a database with rows or an uploads folder with files, changing nothing', async () => {
    const folder = path.join(work, 'second');
    expect((await cli('backup', [folder], source)).code).toBe(0);

    // Into the live database itself (the classic mistake).
    const overLive = await cli('restore', [folder], { url: source.url, uploads: path.join(work, 'empty-uploads') });
    expect(overLive.code).toBe(1);
    expect(overLive.stderr).toMatch(/database is not empty \(\d+ rows\)/);
    expect(fs.existsSync(path.join(work, 'empty-uploads'))).toBe(false);

    // An empty database but an uploads folder with a file in it.
    const busy = path.join(work, 'busy-uploads');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'someone-elses.pdf'), 'x');
    const url = await emptyDatabase();
    const overFiles = await cli('restore', [folder], { url, uploads: busy });
    expect(overFiles.code).toBe(1);
    expect(overFiles.stderr).toContain('uploads folder');
    expect(await rowCounts(url)).toEqual({});
    expect(fs.readdirSync(busy)).toEqual(['someone-elses.pdf']);

    // A backup folder that is not empty is not written over either.
    const again = await cli('backup', [folder], source);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');
  });

  it('refuses a damaged backup before touching the database', async () => {
    const folder = path.join(work, 'damaged');
    expect((await cli('backup', [folder], source)).code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    fs.appendFileSync(path.join(folder, 'uploads', manifest.files[0]!.path), 'tampered');
    const url = await emptyDatabase();
    const res = await cli('restore', [folder], { url, uploads: path.join(work, 'damaged-uploads') });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('missing or damaged');
    expect(await rowCounts(url)).toEqual({});
  });
});
