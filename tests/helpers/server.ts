// The real app listening on a free local port, on a database of its own, for browser tests.
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { closeDeps, createDeps, type Deps } from '../../src/deps.js';
import { emptyUploadsDir, makeUploadsDir, removeUploadsDir, testConfig } from './app.js';
import { createTestDatabase, truncateAll } from './database.js';

export interface RunningServer {
  baseUrl: string;
  /** The Express app being served (its route table tells a crawler which URLs are the same kind of page). */
  app: ReturnType<typeof createApp>;
  deps: Deps;
  /** This server's UPLOADS_DIR. */
  uploadsDir: string;
  /** Empties every table and the uploads folder, so each test starts from nothing. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const database = await createTestDatabase();
  const uploadsDir = env.UPLOADS_DIR ?? makeUploadsDir();
  const deps = createDeps(testConfig({ ...env, UPLOADS_DIR: uploadsDir }), database.url);
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const { port } = server.address() as AddressInfo;
  // DEBUG_REQUESTS=/tmp/requests.log writes each request's start and end: what a flaky browser test waited for.
  if (process.env.DEBUG_REQUESTS) {
    const fs = await import('node:fs');
    server.on('request', (req, res) => {
      const t0 = Date.now();
      fs.appendFileSync(process.env.DEBUG_REQUESTS!, `${new Date().toISOString()} > ${req.method} ${req.url}\n`);
      res.on('close', () => fs.appendFileSync(process.env.DEBUG_REQUESTS!, `${new Date().toISOString()} < ${req.method} ${req.url} ${res.statusCode} ${Date.now() - t0}ms\n`));
    });
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    deps,
    uploadsDir,
    async reset() {
      await truncateAll(deps.pool);
      emptyUploadsDir(uploadsDir);
    },
    async close() {
      // The browser may still hold keep-alive connections: drop them rather than wait for their timeout.
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
      await closeDeps(deps);
      await database.drop();
      if (!env.UPLOADS_DIR) removeUploadsDir(uploadsDir);
    },
  };
}
