// Finds the database to use: DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR.
// Shared by the server and the command-line tools, so they always agree on where the data lives.
import path from 'node:path';
import type { Config } from '../config.js';
import { createDatabaseIfMissing } from './client.js';
import { attachToRunningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';

export const EMBEDDED_DATABASE_NAME = 'konsultacje';

export interface OpenedDatabase {
  databaseUrl: string;
  /** Set when DATABASE_URL is unset and the embedded PostgreSQL is in use. */
  embedded?: EmbeddedDatabase;
  /** Stops the embedded PostgreSQL if this process started it; otherwise does nothing. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Progress messages ("Starting the embedded PostgreSQL ..."). */
  log?: (message: string) => void;
  /**
   * Use an embedded PostgreSQL another process (a running portal) already serves from DATA_DIR
   * instead of failing to start a second one on the same folder. For command-line tools.
   */
  attach?: boolean;
}

export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const log = options.log ?? console.log;
  if (config.databaseUrl) return { databaseUrl: config.databaseUrl, close: async () => undefined };

  const dir = path.join(config.dataDir, 'postgres');
  const running = options.attach ? await attachToRunningEmbeddedPostgres(dir) : undefined;
  if (running) {
    log(`Using the embedded PostgreSQL already running on ${dir}.`);
    await createDatabaseIfMissing(running.adminUrl, EMBEDDED_DATABASE_NAME);
    return { databaseUrl: running.urlFor(EMBEDDED_DATABASE_NAME), embedded: running, close: async () => undefined };
  }

  log(`Starting the embedded PostgreSQL (data in ${dir}) ...`);
  // PostgreSQL explains a failed start only in its own log: keep the last lines for the error.
  const lines: string[] = [];
  let embedded: EmbeddedDatabase;
  try {
    const keep = (line: string) => {
      lines.push(line);
      if (lines.length > 20) lines.shift();
    };
    embedded = await startEmbeddedPostgres({ dir, port: config.embeddedPgPort, log: keep });
  } catch (error) {
    const detail = error instanceof Error ? error.message : lines.filter(Boolean).slice(-5).join('\n');
    throw new Error(
      `The embedded PostgreSQL could not start on port ${config.embeddedPgPort} with data in ${dir}` +
        ' (is the portal already running, or the port taken? Set EMBEDDED_PG_PORT or DATABASE_URL).' +
        (detail ? `\n${detail}` : ''),
    );
  }
  try {
    await createDatabaseIfMissing(embedded.adminUrl, EMBEDDED_DATABASE_NAME);
  } catch (error) {
    await embedded.stop().catch(() => undefined);
    throw error;
  }
  return { databaseUrl: embedded.urlFor(EMBEDDED_DATABASE_NAME), embedded, close: () => embedded.stop() };
}
