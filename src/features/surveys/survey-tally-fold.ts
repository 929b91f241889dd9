// Submissions append their counts to survey_tally_delta; this moves them into the running counters
// (survey_tally_fold(), migration 20261204100000, decision 52) every second in each app instance. Results
// sum both, so a late fold never changes a figure; it only keeps the deltas few. Overlapping folds (two
// instances) skip: the function holds an advisory lock.
import type pg from 'pg';
import type { Logger } from 'pino';

export const FOLD_INTERVAL_MS = 1000;

/** Folds the committed deltas now; how many delta rows it moved (0 when another fold was running). */
export async function foldSurveyTallies(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ moved: number }>('SELECT survey_tally_fold() AS moved');
  return rows[0]?.moved ?? 0;
}

export class SurveyTallyFolder {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    private readonly intervalMs = FOLD_INTERVAL_MS,
  ) {}

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      // A fold still running (a slow moment) is not queued behind: the next tick takes what is left.
      this.#running ??= foldSurveyTallies(this.pool)
        .then(() => undefined, (error: unknown) => this.logger.warn({ err: error }, 'survey tally fold failed; the next one takes its rows'))
        .finally(() => (this.#running = undefined));
    }, this.intervalMs);
    this.#timer.unref();
  }

  /** No more folds; waits for one in progress (it uses the pool). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
