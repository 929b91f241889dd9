// What the benchmark scripts share: a database of their own, timed HTTP requests and percentiles.
// The harness of issue 11 (bench:data, bench) keeps its large data set in a database of its own that
// survives between runs (benchDatabase); the per-feature scripts use a throw-away or scratch one.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../src/config.js';
import { createDatabaseIfMissing } from '../src/db/client.js';
import { openDatabase } from '../src/db/connect.js';
import { attachToRunningEmbeddedPostgres, startEmbeddedPostgres } from '../src/db/embedded.js';

export interface BenchDatabase {
  url: string;
  /** Removes what the script made: the throw-away server, or the scratch database. */
  close(): Promise<void>;
}

/** The given database URL as it is, or a throw-away embedded PostgreSQL in a temporary folder. */
export async function throwawayDatabase(url?: string): Promise<BenchDatabase> {
  if (url) return { url, close: async () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'konsultacje-bench-'));
  // As root the server runs as the postgres user, which must reach the folder.
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: 55_000 + Math.floor(Math.random() * 5000) });
  await createDatabaseIfMissing(server.adminUrl, 'bench');
  return {
    url: server.urlFor('bench'),
    close: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A database named `name` on the configured server (DATABASE_URL or the embedded one under DATA_DIR), dropped on close. */
export async function scratchDatabase(config: Config, name: string): Promise<BenchDatabase> {
  const opened = await openDatabase(config, { attach: true, log: (m) => process.stderr.write(`${m}\n`) });
  const adminUrl = new URL(opened.databaseUrl);
  adminUrl.pathname = '/postgres';
  await createDatabaseIfMissing(adminUrl.toString(), name);
  const url = new URL(opened.databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    close: async () => {
      const admin = new pg.Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      await opened.close();
    },
  };
}

/** The benchmark's own folder: its PostgreSQL (when embedded) and the uploads of the app under test. */
export const BENCH_DIR = path.resolve(process.env.BENCH_DIR ?? 'data/bench');
export const BENCH_DATABASE_NAME = 'konsultacje_bench';

export interface PersistentBenchDatabase extends BenchDatabase {
  /** The maintenance database of the same server (to drop and create the benchmark's). */
  adminUrl: string;
  /** Whether the server's log reaches `onLog` (an embedded server this process started). */
  logCaptured: boolean;
}

/**
 * The large data set's database, kept between `bench:data` and `bench`: BENCH_DATABASE_URL when set,
 * otherwise an embedded PostgreSQL of its own under BENCH_DIR (port BENCH_PG_PORT, 54339), apart from the
 * portal's. Started here, its log lines go to `onLog` (the slow-query log of the benchmark); close stops it.
 */
export async function benchDatabase(onLog?: (line: string) => void): Promise<PersistentBenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    const admin = new URL(given);
    admin.pathname = '/postgres';
    return { url: given, adminUrl: admin.toString(), logCaptured: false, close: async () => undefined };
  }
  const dir = path.join(BENCH_DIR, 'postgres');
  const running = await attachToRunningEmbeddedPostgres(dir);
  if (running) return { url: running.urlFor(BENCH_DATABASE_NAME), adminUrl: running.adminUrl, logCaptured: false, close: async () => undefined };
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  // As root the server runs as the postgres user, which must reach the folder.
  fs.chmodSync(BENCH_DIR, 0o755);
  // A chunk of the server's output may hold several log entries: one call per entry.
  const split = (chunk: string) => chunk.split(/\n(?=\d{4}-\d\d-\d\d \d\d:)/).forEach((entry) => onLog?.(entry));
  const server = await startEmbeddedPostgres({ dir, port: Number(process.env.BENCH_PG_PORT ?? 54339), log: split });
  return { url: server.urlFor(BENCH_DATABASE_NAME), adminUrl: server.adminUrl, logCaptured: true, close: () => server.stop() };
}

/** Statement durations PostgreSQL logged (log_min_duration_statement): "duration: 61.2 ms  execute <unnamed>: SELECT ...". */
export function parseSlowStatement(line: string): { ms: number; statement: string } | undefined {
  const match = /duration: ([\d.]+) ms\s+(?:statement|execute [^:]*|parse [^:]*|bind [^:]*):\s*([\s\S]*)/.exec(line);
  return match ? { ms: Number(match[1]), statement: match[2]!.trim() } : undefined;
}

export const BENCH_ADMIN = { email: 'bench@example.org', password: 'Bench-Haslo-2026!' };

/** One line on stderr, redrawn in place on a terminal: [#####-----] 4/9 comments 12.3 s */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  return (done: number, total: number, label: string) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label} ${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (stream.isTTY) stream.write(`\r${line.padEnd(80)}${done === total ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}

/** One GET on the local server: its time in milliseconds and the bytes of its body; anything but 200 is an error. */
export function timedGet(port: number, pathname: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    http.get({ host: '127.0.0.1', port, path: pathname }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, bytes }) : reject(new Error(`${pathname}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

/** The p-th percentile (0–100) of samples sorted ascending. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
