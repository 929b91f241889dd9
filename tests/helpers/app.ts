// The app under test: real createApp, real PostgreSQL (this file's own database), a settable clock.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config.js';
import { closeDeps, createDeps, type Clock, type Deps } from '../../src/deps.js';
import { createTestDatabase, truncateAll } from './database.js';

export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-24T10:00:00Z')) {}
  now() {
    return new Date(this.current);
  }
  set(value: Date | string) {
    this.current = new Date(value);
  }
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({ NODE_ENV: 'test', LOGIN_SLOWDOWN_MS: '0', ...overrides });
}

export interface TestContext {
  deps: Deps;
  app: ReturnType<typeof createApp>;
  clock: TestClock;
  databaseUrl: string;
  /** Sleeps requested by the code under test (e.g. login slow-down), recorded instead of waited. */
  sleeps: number[];
}

/** Registers hooks: a fresh database per file, emptied before each test. */
export function useTestApp(env: Record<string, string> = {}, overrides: Partial<Pick<Deps, 'logger'>> = {}): TestContext {
  const ctx = {} as TestContext;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    ctx.clock = new TestClock();
    ctx.sleeps = [];
    ctx.databaseUrl = database.url;
    ctx.deps = createDeps(testConfig(env), database.url, {
      ...overrides,
      clock: ctx.clock,
      sleep: async (ms) => {
        ctx.sleeps.push(ms);
      },
    });
    ctx.app = createApp(ctx.deps);
  });
  beforeEach(async () => {
    ctx.sleeps.length = 0;
    await truncateAll(ctx.deps.pool);
  });
  afterAll(async () => {
    if (ctx.deps) await closeDeps(ctx.deps);
    await drop?.();
  });
  return ctx;
}
