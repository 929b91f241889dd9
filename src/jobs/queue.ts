// The background job queue: pg-boss 10 on the app's pg pool, in its own schema "pgboss" that pg-boss
// creates and migrates at start (docs/decisions.md 15). Every instance runs the workers; a job is
// fetched by one of them (SKIP LOCKED), retried with exponential back-off when its handler throws,
// and kept in PostgreSQL across restarts. Cron schedules fire once per slot, whichever instance is up.
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';

/** Anything that runs SQL: the pool, or a client inside a transaction so a job commits with its data. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface JobContext {
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
}

export interface JobDefinition<T extends object = object> {
  name: string;
  handler(data: T, job: JobContext): Promise<void>;
  /** A cron expression in Europe/Warsaw time: the job is sent on that schedule. */
  cron?: string;
}

export interface JobQueueOptions {
  /** First retry after about this many seconds, then doubling (with jitter). */
  retryDelaySeconds: number;
  /** How often an idle worker asks for work (at least 0.5 s). */
  pollingIntervalSeconds: number;
  /** Whether this instance takes part in firing cron schedules. */
  schedules: boolean;
}

export const DEFAULT_JOB_OPTIONS: JobQueueOptions = { retryDelaySeconds: 30, pollingIntervalSeconds: 2, schedules: true };
const TIME_ZONE = 'Europe/Warsaw';
const STOP_TIMEOUT_MS = 10_000;
/** Attempts after the first failure: with a 30 s start, the last one comes about half an hour later. */
const RETRY_LIMIT = 5;

export interface NewJob {
  name: string;
  data: object;
  /** Shown in pg-boss's tables; the guard against duplicates is the caller's (see mail-deliveries.ts). */
  singletonKey?: string;
}

/**
 * pg-boss 10 takes the next job in the order (priority desc, created_on, id) but indexes only
 * (name, start_after), so every fetch sorted the queue's whole backlog: 1.2 s with 312,000 e-mails
 * queued (an announcement to 100,000 subscribers), on disk, again after every job. With the order in
 * an index a fetch reads the first rows (0.08 ms). On the parent table, so every queue's partition has
 * it (pg-boss attaches a new queue's table, which creates it there too).
 */
const FETCH_ORDER_INDEX = `CREATE INDEX IF NOT EXISTS job_fetch_order ON pgboss.job (name, priority DESC, created_on, id) WHERE state < 'active'`;

const asDb = (client: Queryable): PgBoss.Db => ({ executeSql: (text, values) => client.query(text, values) });

export class JobQueue {
  readonly #boss: PgBoss;
  readonly #pool: pg.Pool;
  readonly #logger: Logger;
  readonly #options: JobQueueOptions;
  #ready: Promise<void> | undefined;
  readonly #queues = new Map<string, Promise<void>>();
  #working = false;

  constructor(pool: pg.Pool, logger: Logger, options: Partial<JobQueueOptions> = {}) {
    this.#options = { ...DEFAULT_JOB_OPTIONS, ...options };
    this.#logger = logger;
    this.#pool = pool;
    this.#boss = new PgBoss({
      db: asDb(pool),
      schedule: this.#options.schedules,
      // Finished jobs stay a week for inspection, then pg-boss's maintenance removes them.
      deleteAfterDays: 7,
    });
    // Errors inside pg-boss's loops (a lost connection while polling) are logged; the loops go on.
    this.#boss.on('error', (error) => this.#logger.error({ err: error }, 'job queue error'));
  }

  /** True once the workers of this instance run. */
  get working(): boolean {
    return this.#working;
  }

  /** Creates or migrates the pgboss schema (once per process, under pg-boss's advisory lock). */
  #connect(): Promise<void> {
    this.#ready ??= this.#boss.start().then(
      // Instances starting together take turns (IF NOT EXISTS alone may race on the catalogue).
      () => this.#takingTurns(async (client) => {
        await client.query(FETCH_ORDER_INDEX);
      }),
      (error: unknown) => {
        this.#ready = undefined;
        throw error;
      },
    );
    return this.#ready;
  }

  /** Each queue is a partition of pgboss.job: it must exist before a job is sent to it. */
  #queue(name: string): Promise<void> {
    let created = this.#queues.get(name);
    if (!created) {
      const { retryDelaySeconds } = this.#options;
      created = this.#connect().then(() => this.#takingTurns(() => this.#boss.createQueue(name, { name, retryLimit: RETRY_LIMIT, retryDelay: retryDelaySeconds, retryBackoff: true })));
      created.catch(() => this.#queues.delete(name));
      this.#queues.set(name, created);
    }
    return created;
  }

  /**
   * Runs `work` while no other instance runs such work (changes to pg-boss's tables): two instances
   * creating the same queues on a fresh database (each queue is a partition pg-boss creates and attaches)
   * deadlocked in PostgreSQL. The lock is held by `client`, a connection of our own, while pg-boss may
   * work on its.
   */
  async #takingTurns<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(hashtext('konsultacje:pgboss-queues'))`);
      try {
        return await work(client);
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtext('konsultacje:pgboss-queues'))`);
      }
    } finally {
      client.release();
    }
  }

  /** Starts this instance's workers for the given jobs, and their cron schedules. */
  async start(definitions: readonly JobDefinition<never>[]): Promise<void> {
    if (this.#working) return;
    const { pollingIntervalSeconds } = this.#options;
    for (const definition of definitions as readonly JobDefinition[]) {
      await this.#queue(definition.name);
      if (definition.cron) await this.#boss.schedule(definition.name, definition.cron, {}, { tz: TIME_ZONE });
      const worker: { id?: string } = {};
      worker.id = await this.#boss.work<object>(definition.name, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async ([job]) => {
        if (!job) return;
        // pg-boss waits a polling interval after every fetch; having found work, ask again at once
        // (measured: 201 jobs took 101 s at a 0.5 s interval without this, 0.9 s with it).
        if (worker.id) this.#boss.notifyWorker(worker.id);
        try {
          await definition.handler(job.data, { id: job.id, retryCount: job.retryCount });
        } catch (error) {
          this.#logger.warn({ err: error, job: definition.name, jobId: job.id, retryCount: job.retryCount }, 'job failed; it is retried while attempts remain');
          throw error;
        }
      });
    }
    this.#working = true;
  }

  /** Lets running jobs finish (up to 10 s), then stops polling and maintenance. Safe to call when never started. */
  async stop(): Promise<void> {
    const ready = this.#ready;
    if (!ready) return;
    this.#ready = undefined;
    this.#queues.clear();
    this.#working = false;
    await ready.catch(() => undefined);
    await this.#boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS, close: false });
  }

  /** Queues one job; with `client`, inside that client's transaction. */
  async send(job: NewJob, client?: Queryable): Promise<void> {
    await this.insert([job], client);
  }

  /** Queues jobs in one statement; with `client`, inside that client's transaction. */
  async insert(jobs: readonly NewJob[], client?: Queryable): Promise<void> {
    if (jobs.length === 0) return;
    await Promise.all([...new Set(jobs.map((job) => job.name))].map((name) => this.#queue(name)));
    const rows = jobs.map((job) => ({ name: job.name, data: job.data, ...(job.singletonKey ? { singletonKey: job.singletonKey } : {}) }));
    await this.#boss.insert(rows, client ? { db: asDb(client) } : {});
  }
}
