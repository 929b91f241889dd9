// `npm run db:backup [-- FOLDER]` and `npm run db:restore -- FOLDER`: the database (DATABASE_URL, or
// the embedded one as `npm start` uses it) and UPLOADS_DIR, into a backup folder and back. Restore
// goes only into an empty database and an empty uploads folder (src/db/backup.ts).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { backup, BackupError, restore } from './backup.js';
import { CliError, openCliDatabase, progress, runCli } from './cli.js';

const USAGE = {
  backup: `Usage: npm run db:backup [-- FOLDER]

Writes every table of the database and a copy of UPLOADS_DIR, with a manifest of row counts and
file checksums, into FOLDER (new or empty; default backups/konsultacje-<date>-<time>).`,
  restore: `Usage: npm run db:restore -- FOLDER

Restores a backup made by db:backup into an EMPTY database (DATABASE_URL, or the embedded one) and an
EMPTY UPLOADS_DIR; refuses a database with rows or an uploads folder with files.`,
};

function defaultFolder(now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return path.join('backups', `konsultacje-${stamp}`);
}

async function main(command: 'backup' | 'restore'): Promise<number> {
  let parsed: { values: { help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: process.argv.slice(3), strict: true, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE[command]}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE[command]}\n`);
    return 0;
  }
  if (parsed.positionals.length > 1 || (command === 'restore' && parsed.positionals.length === 0)) throw new CliError(USAGE[command]);
  const folder = path.resolve(parsed.positionals[0] ?? defaultFolder());
  const config = loadConfig();
  const database = await openCliDatabase(config);
  try {
    if (command === 'backup') {
      const manifest = await backup(database.pool, config.uploads.dir, folder);
      const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
      process.stdout.write(`Backup written to ${folder}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.files.length} files.\n`);
    } else {
      progress(`Restoring ${folder} ...`);
      const manifest = await restore(database.pool, config.uploads.dir, folder);
      const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
      process.stdout.write(`Restored ${rows} rows and ${manifest.files.length} files from ${folder} (made ${manifest.createdAt}).\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError) throw new CliError(error.message);
    throw error;
  } finally {
    await database.close();
  }
}

const command = process.argv[2];
if (command !== 'backup' && command !== 'restore') {
  process.stderr.write('Run it as npm run db:backup or npm run db:restore.\n');
  process.exit(1);
}
runCli(`db:${command}`, () => main(command));
