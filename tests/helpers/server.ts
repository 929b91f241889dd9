// The real app listening on a free local port, on a database of its own, for browser tests.
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { closeDeps, createDeps, type Deps } from '../../src/deps.js';
import { testConfig } from './app.js';
import { createTestDatabase, truncateAll } from './database.js';

export interface RunningServer {
  baseUrl: string;
  deps: Deps;
  /** Empties every table, so each test starts from nothing. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const database = await createTestDatabase();
  const deps = createDeps(testConfig(env), database.url);
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    deps,
    reset: () => truncateAll(deps.pool),
    async close() {
      // The browser may still hold keep-alive connections: drop them rather than wait for their timeout.
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
      await closeDeps(deps);
      await database.drop();
    },
  };
}
