// The ledger that keeps an e-mail from being sent twice. Each e-mail has a key naming what makes it
// unique ("announce:12:34": consultation 12 to subscriber 34). Queuing inserts the key and the job in
// one transaction, skipping keys already there; the send job checks sent_at before sending and sets
// it right after, so a retried or duplicated job does not send again.
import type pg from 'pg';
import type { JobQueue, Queryable } from '../../jobs/queue.js';

export const MAIL_SEND_JOB = 'mail-send';

/** What the send job needs to compose one e-mail: ids only, never an address or a token. */
export interface MailJobData {
  dedupeKey: string;
  kind: string;
  [param: string]: string | number | null;
}

/** Queues the e-mails whose keys are new, inside the caller's transaction; returns how many were queued. */
export async function queueMail(client: Queryable, jobs: JobQueue, mails: readonly MailJobData[]): Promise<number> {
  if (mails.length === 0) return 0;
  const { rows } = (await client.query(
    `INSERT INTO mail_delivery (dedupe_key) SELECT unnest($1::text[]) ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
    [mails.map((m) => m.dedupeKey)],
  )) as { rows: { dedupe_key: string }[] };
  const fresh = new Set(rows.map((r) => r.dedupe_key));
  const queued = mails.filter((m) => fresh.has(m.dedupeKey));
  await jobs.insert(queued.map((data) => ({ name: MAIL_SEND_JOB, data, singletonKey: data.dedupeKey })), client);
  return queued.length;
}

export async function wasSent(pool: pg.Pool, dedupeKey: string): Promise<boolean> {
  const { rows } = await pool.query<{ sent: boolean }>(`SELECT sent_at IS NOT NULL AS sent FROM mail_delivery WHERE dedupe_key = $1`, [dedupeKey]);
  // A key that is gone was pruned long after it was handled.
  return rows[0]?.sent ?? true;
}

export async function markSent(pool: pg.Pool, dedupeKey: string): Promise<void> {
  await pool.query(`UPDATE mail_delivery SET sent_at = now() WHERE dedupe_key = $1`, [dedupeKey]);
}

/** Forgets keys older than the given days (their e-mails are long handled; nothing queues them again). */
export async function pruneDeliveries(pool: pg.Pool, before: Date): Promise<number> {
  const result = await pool.query(`DELETE FROM mail_delivery WHERE created_at < $1`, [before]);
  return result.rowCount ?? 0;
}
