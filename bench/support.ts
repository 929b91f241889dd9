// What the benchmark scripts share: a database of their own, timed HTTP requests and percentiles.
// (The full harness of issue 11 is still to come; until then each script measures one feature.)
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../src/config.js';
import { createDatabaseIfMissing } from '../src/db/client.js';
import { openDatabase } from '../src/db/connect.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';

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
