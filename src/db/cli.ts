// Shared plumbing of the command-line tools: a database like the server's, errors as messages and exit codes.
import type pg from 'pg';
import { ConfigError, type Config } from '../config.js';
import { createPool, createPrisma, type Db } from './client.js';
import { openDatabase } from './connect.js';

/** A problem the user can fix (a wrong argument, a refused value): printed without a stack trace. */
export class CliError extends Error {}

export interface CliDatabase {
  pool: pg.Pool;
  db: Db;
  /** True when DATABASE_URL is unset and the embedded PostgreSQL under DATA_DIR is used. */
  embedded: boolean;
  close(): Promise<void>;
}

/** Progress goes to stderr, so stdout carries only the result. */
export const progress = (message: string) => process.stderr.write(`${message}\n`);

/**
 * DATABASE_URL, or the embedded PostgreSQL exactly as `npm start` uses it: the running portal's
 * server when there is one, otherwise one started for this command and stopped by close().
 */
export async function openCliDatabase(config: Config): Promise<CliDatabase> {
  const database = await openDatabase(config, { log: progress, attach: true });
  const pool = createPool(database.databaseUrl, 2);
  const db = createPrisma(pool);
  return {
    pool,
    db,
    embedded: Boolean(database.embedded),
    async close() {
      await db.$disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await database.close();
    },
  };
}

/** Runs a command and exits with its code: 0 done, 1 refused or failed (with a message naming why). */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof CliError || error instanceof ConfigError) process.stderr.write(`${name}: ${error.message}\n`);
      else process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
