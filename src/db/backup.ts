// Backups of the whole portal: every table of the database (a consistent snapshot) and the uploads
// folder, with a manifest of row counts, sequences and file checksums; and their restore into an
// EMPTY database and uploads folder (never over live data). The embedded PostgreSQL 18 ships no
// pg_dump and Debian's older one refuses a newer server (docs/decisions.md), so rows are written
// as JSON lines by PostgreSQL itself (row_to_json) and read back with json_populate_recordset:
// same types, no client-side conversion.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { migrate, readMigrations } from './migrate.js';
import { withTransaction } from './transaction.js';

export const BACKUP_FORMAT = 'konsultacje-backup/1';
const BATCH = 1000;
// Recreated by the migrations themselves; the temp folder holds only uploads in progress.
const SKIPPED_TABLES = new Set(['_prisma_migrations']);
const SKIPPED_UPLOADS = new Set(['tmp']);

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  migrations: string[];
  /** Table name -> rows. */
  tables: Record<string, number>;
  /** Sequence name -> its last value (null: never used). */
  sequences: Record<string, number | null>;
  /** Every file of the uploads folder (paths relative to it, with /). */
  files: { path: string; bytes: number; sha256: string }[];
}

export class BackupError extends Error {}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The application's tables (schema public). */
async function applicationTables(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  return rows.map((t) => t.name).filter((t) => !SKIPPED_TABLES.has(t));
}

/** Files under `root` (relative paths with /), the temp folder left out. */
function listFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (!dir && SKIPPED_UPLOADS.has(entry.name)) continue;
    if (entry.isDirectory()) out.push(...listFiles(root, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file).on('error', reject).on('data', (chunk) => hash.update(chunk)).on('end', () => resolve(hash.digest('hex')));
  });
}

/** Copies a file and returns the checksum of what was copied. */
async function copyWithChecksum(from: string, to: string): Promise<{ bytes: number; sha256: string }> {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const source = fs.createReadStream(from);
  source.on('data', (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  await pipeline(source, fs.createWriteStream(to, { flags: 'wx' }));
  return { bytes, sha256: hash.digest('hex') };
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/** Writes a backup into `target` (a new or empty folder). */
export async function backup(pool: pg.Pool, uploadsDir: string, target: string): Promise<BackupManifest> {
  if (!isEmptyDir(target)) throw new BackupError(`The backup folder ${target} is not empty: give a new folder.`);
  fs.mkdirSync(path.join(target, 'database'), { recursive: true });
  const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), migrations: [], tables: {}, sequences: {}, files: [] };
  await withTransaction(pool, async (client) => {
    // One snapshot for every table: rows that refer to each other are copied as of one moment.
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    manifest.migrations = (await client.query<{ name: string }>(`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`)).rows.map((r) => r.name);
    for (const table of await applicationTables(client)) {
      const out = fs.openSync(path.join(target, 'database', `${table}.jsonl`), 'wx');
      let count = 0;
      try {
        await client.query(`DECLARE rows_cursor NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${ident(table)} t`);
        for (;;) {
          const { rows } = await client.query<{ j: string }>(`FETCH ${BATCH} FROM rows_cursor`);
          if (rows.length === 0) break;
          fs.writeSync(out, rows.map((r) => `${r.j}\n`).join(''));
          count += rows.length;
        }
        await client.query('CLOSE rows_cursor');
      } finally {
        fs.closeSync(out);
      }
      manifest.tables[table] = count;
    }
    const { rows: sequences } = await client.query<{ name: string; value: string | null }>(`SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public'`);
    for (const s of sequences) manifest.sequences[s.name] = s.value === null ? null : Number(s.value);
  });
  if (fs.existsSync(uploadsDir)) {
    for (const rel of listFiles(uploadsDir)) {
      const copied = await copyWithChecksum(path.join(uploadsDir, rel), path.join(target, 'uploads', rel));
      manifest.files.push({ path: rel, ...copied });
    }
  }
  // Written last: a folder without a manifest is an unfinished backup, and restore refuses it.
  fs.writeFileSync(path.join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  return manifest;
}

export function readManifest(source: string): BackupManifest {
  const file = path.join(source, 'manifest.json');
  if (!fs.existsSync(file)) throw new BackupError(`${source} holds no manifest.json: not a backup, or an unfinished one.`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`${file}: unknown backup format ${String(manifest.format)}.`);
  return manifest;
}

/** Rows in the application's tables (0 for a database with no tables yet). */
async function rowsInDatabase(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    let total = 0;
    for (const table of await applicationTables(client)) total += Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${ident(table)}`)).rows[0]!.n);
    return total;
  } finally {
    client.release();
  }
}

/**
 * Restores `source` into an empty database and an empty (or missing) uploads folder; refuses
 * anything else before changing anything. Checks every file against the manifest first.
 */
export async function restore(pool: pg.Pool, uploadsDir: string, source: string): Promise<BackupManifest> {
  const manifest = readManifest(source);
  if (!isEmptyDir(uploadsDir)) throw new BackupError(`The uploads folder ${uploadsDir} is not empty: restore only into an empty one.`);
  const rows = await rowsInDatabase(pool);
  if (rows > 0) throw new BackupError(`The database is not empty (${rows} rows): restore only into a new, empty database.`);
  for (const f of manifest.files) {
    const file = path.join(source, 'uploads', f.path);
    if (!fs.existsSync(file) || (await sha256Of(file)) !== f.sha256) throw new BackupError(`The backup's file ${f.path} is missing or damaged (checksum differs): nothing was restored.`);
  }
  const known = readMigrations();
  const unknown = manifest.migrations.filter((name) => !known.some((m) => m.name === name));
  if (unknown.length > 0) throw new BackupError(`The backup comes from a newer version (migrations ${unknown.join(', ')}): restore it with that version.`);

  // The schema as it was when the backup was made; newer migrations run after the data is in.
  await migrate(pool, known.filter((m) => manifest.migrations.includes(m.name)));
  await withTransaction(pool, async (client) => {
    const tables = Object.keys(manifest.tables);
    // Triggers (search index, cache versions, also on TRUNCATE) would add rows the backup already holds.
    for (const table of tables) await client.query(`ALTER TABLE ${ident(table)} DISABLE TRIGGER USER`);
    // Some tables refer to each other (a question's condition names an option of another question):
    // no order satisfies every foreign key row by row, so they are dropped and made again at the end,
    // which checks every restored row at once (all in this transaction; only table ownership needed).
    const { rows: foreignKeys } = await client.query<{ table: string; name: string; def: string }>(`
      SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`);
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${ident(fk.name)}`);
    if (tables.length > 0) await client.query(`TRUNCATE ${tables.map(ident).join(', ')}`);
    for (const table of tables) {
      const { rows: columns } = await client.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
        [ident(table)],
      );
      const list = columns.map((c) => ident(c.name)).join(', ');
      const insert = `INSERT INTO ${ident(table)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`;
      let batch: string[] = [];
      let count = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(insert, [`[${batch.join(',')}]`]);
        count += batch.length;
        batch = [];
      };
      const lines = readline.createInterface({ input: fs.createReadStream(path.join(source, 'database', `${table}.jsonl`)), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line === '') continue;
        batch.push(line);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      if (count !== manifest.tables[table]) throw new BackupError(`Table ${table}: ${count} rows in the backup file, ${manifest.tables[table]} in the manifest.`);
    }
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${ident(fk.name)} ${fk.def}`);
    for (const table of tables) await client.query(`ALTER TABLE ${ident(table)} ENABLE TRIGGER USER`);
    for (const [name, value] of Object.entries(manifest.sequences)) {
      if (value !== null) await client.query(`SELECT setval($1::regclass, $2)`, [ident(name), value]);
    }
  });
  await migrate(pool);

  fs.mkdirSync(uploadsDir, { recursive: true });
  for (const f of manifest.files) {
    const copied = await copyWithChecksum(path.join(source, 'uploads', f.path), path.join(uploadsDir, f.path));
    if (copied.sha256 !== f.sha256) throw new BackupError(`${f.path} changed while it was copied.`);
  }
  return manifest;
}
