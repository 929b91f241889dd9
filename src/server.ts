// Start-up only: config -> database (embedded when DATABASE_URL is unset) -> migrations -> listen; clean shutdown.
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { prepareDatabase } from './db/prepare.js';
import { DEMO_PASSWORD, DEMO_USERS } from './db/seed-data.js';
import { closeDeps, createDeps, type Deps } from './deps.js';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  const { databaseUrl, embedded } = database;

  let deps: Deps | undefined;
  let server: Server | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ...`);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (deps) await closeDeps(deps);
    await database.close();
    console.log('Stopped.');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    deps = createDeps(config, databaseUrl);
    const { applied, demoUsers } = await prepareDatabase(deps.pool, deps.db, { demo: config.seedDemo, embedded: Boolean(embedded) });
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
    if (demoUsers.length > 0) console.log(`Loaded demo data (${demoUsers.length} staff accounts).`);

    const app = createApp(deps);
    server = app.listen(config.port, config.host, () => {
      console.log(`\nKonsultacje is running at ${config.baseUrl}  (listening on ${config.host}:${config.port})`);
      if (embedded) {
        console.log(`Demo logins (password ${DEMO_PASSWORD}):`);
        for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(32)} ${user.role}`);
      }
      console.log('Press Ctrl-C to stop.');
    });
    server.on('error', (error) => {
      console.error(`Cannot listen on ${config.host}:${config.port}: ${error.message}`);
      void shutdown('error');
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    if (deps) await closeDeps(deps).catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
