// Composition root: the process boundaries (database, clock, sleep, logger, file storage) and the services built on them.
// Tests build their own Deps with a per-worker database and may swap the clock.
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createPool, createPrisma, type Db } from './db/client.js';
import { FileStorage } from './features/attachments/storage.js';
import { createLoginThrottle, type LoginThrottle } from './features/auth/login-throttle.js';
import { createPassport } from './features/auth/passport.js';
import { createMailer, type Mailer } from './features/mail/mailer.js';
import { createSubscribeThrottle, type SubscribeThrottle } from './features/notifications/subscribe-throttle.js';
import { createCommentThrottle, type CommentThrottle } from './features/comments/comment-throttle.js';
import { createIpAndAddressThrottle, type IpAndAddressThrottle } from './http/rate-limits.js';
import { createLogger } from './http/logging.js';
import { PageCache } from './http/page-cache.js';
import { JobQueue, type JobQueueOptions } from './jobs/queue.js';
import { SurveyTallyFolder } from './features/surveys/survey-tally-fold.js';

export interface Clock {
  now(): Date;
}

export interface Deps {
  config: Config;
  logger: Logger;
  pool: pg.Pool;
  db: Db;
  clock: Clock;
  /** Uploaded files (UPLOADS_DIR). */
  storage: FileStorage;
  sleep(ms: number): Promise<void>;
  passport: ReturnType<typeof createPassport>;
  loginThrottle: LoginThrottle;
  /** Background jobs (pg-boss); its workers run once started (src/jobs/jobs.ts startJobs). */
  jobs: JobQueue;
  /** SMTP, or .eml files in the outbox folder. */
  mailer: Mailer;
  subscribeThrottle: SubscribeThrottle;
  commentThrottle: CommentThrottle;
  /** "Nie pamiętam hasła" requests, per IP and per address (the sign-up throttle's mechanism). */
  resetThrottle: IpAndAddressThrottle;
  /** Rendered public pages for anonymous visitors, kept per content version (docs/decisions.md 36). */
  pageCache: PageCache;
  /** Moves survey submissions' appended counts into the counters every second, once started with the jobs (decision 52). */
  surveyTallies: SurveyTallyFolder;
}

export const systemClock: Clock = { now: () => new Date() };

export function createDeps(
  config: Config,
  databaseUrl: string,
  overrides: Partial<Pick<Deps, 'clock' | 'sleep' | 'logger' | 'storage' | 'mailer'>> & { jobOptions?: Partial<JobQueueOptions> } = {},
): Deps {
  const pool = createPool(databaseUrl, config.dbPoolMax);
  const db = createPrisma(pool);
  const logger = overrides.logger ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;
  return {
    config,
    logger,
    pool,
    db,
    clock,
    storage: overrides.storage ?? new FileStorage(config.uploads.dir),
    sleep: overrides.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    passport: createPassport(db),
    loginThrottle: createLoginThrottle(pool, config.login),
    jobs: new JobQueue(pool, logger, overrides.jobOptions),
    mailer: overrides.mailer ?? createMailer(config.mail),
    subscribeThrottle: createSubscribeThrottle(pool, config.subscribe),
    commentThrottle: createCommentThrottle(pool, config.comments),
    resetThrottle: createIpAndAddressThrottle(pool, 'password_reset', { maxPerIpPerHour: 10, maxPerAddressPerDay: 3 }),
    pageCache: new PageCache(pool, clock, logger),
    surveyTallies: new SurveyTallyFolder(pool, logger),
  };
}

export async function closeDeps(deps: Deps): Promise<void> {
  // Running jobs finish first: they use the pool.
  await deps.jobs.stop();
  await deps.pageCache.close();
  await deps.surveyTallies.stop();
  deps.mailer.close();
  await deps.db.$disconnect();
  await deps.pool.end();
}
