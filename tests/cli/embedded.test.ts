import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_DATABASE_NAME } from '../../src/db/connect.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { DB_SEED, runCli, USER_CREATE } from '../helpers/cli.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'konsultacje-cli-'));
// The postgres system user (used when the tests run as root) must be able to enter the folder.
fs.chmodSync(root, 0o755);
const dataDir = path.join(root, 'data');
const pgDir = path.join(dataDir, 'postgres');
let running: EmbeddedDatabase | undefined;

afterAll(async () => {
  await running?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the command-line tools without DATABASE_URL', () => {
  it('start the embedded PostgreSQL under DATA_DIR as `npm start` does, and stop it again', { timeout: 180_000 }, async () => {
    const result = await runCli(DB_SEED, [], { env: { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) }, timeoutMs: 150_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Starting the embedded PostgreSQL (data in ${pgDir})`);
    expect(result.stdout).toContain('Base data: 10 departments, 20 districts.');
    expect(fs.existsSync(path.join(pgDir, 'PG_VERSION'))).toBe(true);
    // A clean shutdown removes the lock file; a server left running would keep it.
    expect(fs.existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
  });

  it('use the embedded PostgreSQL of a running portal instead of starting a second one, and leave it running', { timeout: 120_000 }, async () => {
    running = await startEmbeddedPostgres({ dir: pgDir, port: await freePort() });
    const result = await runCli(USER_CREATE, ['--email', 'admin@czestochowa.pl', '--name', 'Anna Nowak', '--role', 'ADMIN'], {
      // Another port than the running server's: the tool finds the real one in postmaster.pid.
      env: { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) },
      stdin: 'Bardzo-Tajne-Haslo-2026\n',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Using the embedded PostgreSQL already running');
    const client = new pg.Client({ connectionString: running.urlFor(EMBEDDED_DATABASE_NAME) });
    await client.connect();
    try {
      const { rows } = await client.query<{ email: string; role: string }>('SELECT email, role FROM app_user');
      expect(rows).toEqual([{ email: 'admin@czestochowa.pl', role: 'ADMIN' }]);
    } finally {
      await client.end();
    }
  });
});
