// `npm run db:seed [-- --demo]`: migrates, loads the departments and districts, and with --demo the
// demo staff accounts. Idempotent: running it again changes nothing.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { FileStorage } from '../features/attachments/storage.js';
import { CliError, openCliDatabase, progress, runCli } from './cli.js';
import { prepareDatabase } from './prepare.js';
import { DEMO_PASSWORD } from './seed-data.js';

const USAGE = `Usage: npm run db:seed [-- --demo]

Applies pending migrations and loads the base data (departments, districts).
  --demo   also creates the demo staff accounts (password ${DEMO_PASSWORD}); never use it on a public site`;

async function main(): Promise<number> {
  let options: { demo?: boolean; help?: boolean };
  try {
    options = parseArgs({ args: process.argv.slice(2), strict: true, allowPositionals: false, options: { demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  const database = await openCliDatabase(config);
  try {
    const { applied, demoUsers } = await prepareDatabase(database.pool, database.db, {
      demo: options.demo ? 'always' : 'never',
      embedded: database.embedded,
      // The demo consultation's files go to UPLOADS_DIR.
      storage: options.demo ? new FileStorage(config.uploads.dir) : undefined,
    });
    progress(applied.length > 0 ? `Applied migrations: ${applied.join(', ')}` : 'Migrations: up to date.');
    const [departments, districts] = await Promise.all([database.db.department.count(), database.db.district.count()]);
    process.stdout.write(`Base data: ${departments} departments, ${districts} districts.\n`);
    if (options.demo) {
      process.stdout.write(
        demoUsers.length > 0
          ? `Demo accounts created (password ${DEMO_PASSWORD}): ${demoUsers.join(', ')}\n`
          : 'Demo accounts: already present, nothing changed.\n',
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCli('db:seed', main);
