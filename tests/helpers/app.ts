// The app under test: real createApp, real PostgreSQL (this file's own database), a settable clock,
// and an uploads folder of its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config.js';
import { closeDeps, createDeps, type Clock, type Deps } from '../../src/deps.js';
import type { JobQueueOptions } from '../../src/jobs/queue.js';
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

/** A fresh, empty uploads folder for one test file or server; remove it with removeUploadsDir. */
export function makeUploadsDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'konsultacje-uploads-'));
}

export function removeUploadsDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** Deletes every file below the uploads folder, keeping its folders (the storage made them at start). */
export function emptyUploadsDir(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isDirectory()) fs.rmSync(path.join(entry.parentPath, entry.name), { force: true });
  }
}

/** Every file below the uploads folder, relative to it (e.g. "files/3f...a9.pdf", "tmp/7c...01"). */
export function listUploads(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

export interface TestContext {
  deps: Deps;
  /** This file's UPLOADS_DIR (removed after the file's tests). */
  uploadsDir: string;
  app: ReturnType<typeof createApp>;
  clock: TestClock;
  databaseUrl: string;
  /** Sleeps requested by the code under test (e.g. login slow-down), recorded instead of waited. */
  sleeps: number[];
}

/** Registers hooks: a fresh database per file, emptied before each test. */
export function useTestApp(env: Record<string, string> = {}, overrides: Partial<Pick<Deps, 'logger'>> & { jobOptions?: Partial<JobQueueOptions> } = {}): TestContext {
  const ctx = {} as TestContext;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    ctx.clock = new TestClock();
    ctx.sleeps = [];
    ctx.databaseUrl = database.url;
    ctx.uploadsDir = env.UPLOADS_DIR ?? makeUploadsDir();
    ctx.deps = createDeps(testConfig({ ...env, UPLOADS_DIR: ctx.uploadsDir }), database.url, {
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
    emptyUploadsDir(ctx.uploadsDir);
  });
  afterAll(async () => {
    if (ctx.deps) await closeDeps(ctx.deps);
    await drop?.();
    if (!env.UPLOADS_DIR) removeUploadsDir(ctx.uploadsDir);
  });
  return ctx;
}
