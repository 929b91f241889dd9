// Telling subscribers about a consultation that became public: published now by staff, or reaching
// its scheduled publication time (which no request marks). One sweep, run every minute by the job
// queue, covers both: it claims the public consultations not yet announced (announced_at) and queues
// one e-mail per matching confirmed subscriber, in the same transaction, so each goes out once.
// The same sweep tells a consultation's followers about a meeting added to it, its published report
// and its cancellation or postponement, and the subscribers of a district's news about each article that goes public.
import type pg from 'pg';
import { withTransaction } from '../../db/transaction.js';
import type { JobQueue, Queryable } from '../../jobs/queue.js';
import { queueMail, type MailJobData } from '../mail/mail-deliveries.js';
import { MAIL_KINDS } from './subscriptions.service.js';

/** Consultations published longer ago than this (e.g. while the queue was down for days) are marked, not announced. */
const ANNOUNCE_WITHIN_DAYS = 7;
/** Consultations claimed per sweep; the next sweep takes the rest. */
const BATCH = 50;

/** Who hears about a consultation: everyone on "all"; on "chosen", a matching topic or district (a city-wide consultation concerns every district). */
const RECIPIENTS_SQL = `
  SELECT c.id AS item_id, s.id AS subscriber_id
  FROM consultation c
  JOIN subscriber s ON s.confirmed_at IS NOT NULL
  WHERE c.id = ANY($1::int[]) AND c.state <> 'CANCELLED' AND c.archived_at IS NULL AND c.published_at >= $2
    AND (s.new_consultations = 'ALL' OR (s.new_consultations = 'CHOSEN' AND (
      EXISTS (SELECT 1 FROM subscriber_topic st WHERE st.subscriber_id = s.id AND st.topic_id = c.topic_id)
      OR EXISTS (SELECT 1 FROM subscriber_district sd WHERE sd.subscriber_id = s.id AND (c.city_wide OR EXISTS (
        SELECT 1 FROM consultation_district cd WHERE cd.consultation_id = c.id AND cd.district_id = sd.district_id)))
    )))
  ORDER BY c.id, s.id`;

/** One e-mail per (announced thing, subscriber), keyed `<kind>:<thing>:<subscriber>` in the ledger. */
function queueAnnouncements(client: Queryable, jobs: JobQueue, kind: string, param: string, rows: readonly { item_id: number; subscriber_id: number }[]): Promise<number> {
  const mails: MailJobData[] = rows.map((r) => ({ dedupeKey: `${kind}:${r.item_id}:${r.subscriber_id}`, kind, [param]: r.item_id, subscriberId: r.subscriber_id }));
  return queueMail(client, jobs, mails);
}

/**
 * Marks up to BATCH public, not yet announced rows of the table as announced now and returns their
 * ids. SKIP LOCKED: two instances sweeping at once take different rows.
 */
async function claimPublished(client: Queryable, table: 'consultation' | 'news', now: Date): Promise<number[]> {
  const { rows } = (await client.query(
    `UPDATE ${table} SET announced_at = $1 WHERE id IN (
       SELECT id FROM ${table} WHERE announced_at IS NULL AND published_at IS NOT NULL AND published_at <= $1
       ORDER BY published_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [now],
  )) as { rows: { id: number }[] };
  return rows.map((r) => r.id);
}

/** Published before this (e.g. while the queue was down for days): marked, not announced. */
const announceSince = (now: Date) => new Date(now.getTime() - ANNOUNCE_WITHIN_DAYS * 86_400_000);

interface SweepContext {
  pool: pg.Pool;
  jobs: JobQueue;
  now: Date;
}

export async function announcePublished({ pool, jobs, now }: SweepContext): Promise<{ consultations: number; emails: number }> {
  return withTransaction(pool, async (client) => {
    const claimed = await claimPublished(client, 'consultation', now);
    if (claimed.length === 0) return { consultations: 0, emails: 0 };
    const { rows } = await client.query<{ item_id: number; subscriber_id: number }>(RECIPIENTS_SQL, [claimed, announceSince(now)]);
    return { consultations: claimed.length, emails: await queueAnnouncements(client, jobs, MAIL_KINDS.announce, 'consultationId', rows) };
  });
}

/**
 * A meeting added to a public consultation is news for the consultation's confirmed followers. Claimed
 * like consultations (announced_at), so each follower hears of each meeting once. Meetings of a
 * consultation not yet public wait for it (nobody can follow it before); past meetings and those of
 * cancelled or archived consultations are marked, not announced.
 */
export async function announceMeetings({ pool, jobs, now }: SweepContext): Promise<{ meetings: number; emails: number }> {
  return withTransaction(pool, async (client) => {
    const claimed = await client.query<{ id: number }>(
      `UPDATE meeting SET announced_at = $1 WHERE id IN (
         SELECT m.id FROM meeting m JOIN consultation c ON c.id = m.consultation_id
         WHERE m.announced_at IS NULL AND c.published_at IS NOT NULL AND c.published_at <= $1
         ORDER BY m.id LIMIT ${BATCH} FOR UPDATE OF m SKIP LOCKED)
       RETURNING id`,
      [now],
    );
    if (claimed.rows.length === 0) return { meetings: 0, emails: 0 };
    const { rows } = await client.query<{ item_id: number; subscriber_id: number }>(
      `SELECT m.id AS item_id, s.id AS subscriber_id
       FROM meeting m
       JOIN consultation c ON c.id = m.consultation_id
       JOIN subscriber_consultation sc ON sc.consultation_id = c.id
       JOIN subscriber s ON s.id = sc.subscriber_id AND s.confirmed_at IS NOT NULL
       WHERE m.id = ANY($1::int[]) AND m.starts_at > $2 AND c.state <> 'CANCELLED' AND c.archived_at IS NULL
       ORDER BY m.id, s.id`,
      [claimed.rows.map((r) => r.id), now],
    );
    return { meetings: claimed.rows.length, emails: await queueAnnouncements(client, jobs, MAIL_KINDS.meeting, 'meetingId', rows) };
  });
}

/**
 * A news article that became public (published now, or its scheduled time arrived) is e-mailed once
 * to the confirmed subscribers of its district's news; a city-wide article (no district) to everyone
 * following any district's news. Claimed like consultations (news.announced_at). An article withdrawn
 * to a draft and published again is not announced a second time.
 */
export async function announceNews({ pool, jobs, now }: SweepContext): Promise<{ news: number; emails: number }> {
  return withTransaction(pool, async (client) => {
    const claimed = await claimPublished(client, 'news', now);
    if (claimed.length === 0) return { news: 0, emails: 0 };
    const { rows } = await client.query<{ item_id: number; subscriber_id: number }>(
      `SELECT n.id AS item_id, s.id AS subscriber_id
       FROM news n
       JOIN subscriber s ON s.confirmed_at IS NOT NULL
       WHERE n.id = ANY($1::int[]) AND n.published_at >= $2
         AND EXISTS (SELECT 1 FROM subscriber_news_district snd WHERE snd.subscriber_id = s.id AND (n.district_id IS NULL OR snd.district_id = n.district_id))
       ORDER BY n.id, s.id`,
      [claimed, announceSince(now)],
    );
    return { news: claimed.length, emails: await queueAnnouncements(client, jobs, MAIL_KINDS.news, 'newsId', rows) };
  });
}

/**
 * A published report is news for the consultation's confirmed followers. Claimed by
 * report_announced_at, so each follower hears once; a report older than the announcement window
 * (the queue was down) is marked without e-mail.
 */
export async function announceReports({ pool, jobs, now }: SweepContext): Promise<{ reports: number; emails: number }> {
  return withTransaction(pool, async (client) => {
    const claimed = (await client.query(
      `UPDATE consultation SET report_announced_at = $1 WHERE id IN (
         SELECT id FROM consultation WHERE report_announced_at IS NULL AND report_published_at IS NOT NULL AND report_published_at <= $1
           AND published_at IS NOT NULL AND published_at <= $1
         ORDER BY report_published_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [now],
    )) as { rows: { id: number }[] };
    if (claimed.rows.length === 0) return { reports: 0, emails: 0 };
    const { rows } = await client.query<{ item_id: number; subscriber_id: number }>(
      `SELECT c.id AS item_id, s.id AS subscriber_id
       FROM consultation c
       JOIN subscriber_consultation sc ON sc.consultation_id = c.id
       JOIN subscriber s ON s.id = sc.subscriber_id AND s.confirmed_at IS NOT NULL
       WHERE c.id = ANY($1::int[]) AND c.report_published_at >= $2
       ORDER BY c.id, s.id`,
      [claimed.rows.map((r) => r.id), announceSince(now)],
    );
    return { reports: claimed.rows.length, emails: await queueAnnouncements(client, jobs, MAIL_KINDS.report, 'consultationId', rows) };
  });
}

/**
 * A public consultation cancelled or postponed is news for its confirmed followers. The sweep claims
 * consultations whose state differs from the one followers were last told about (announced_state)
 * and e-mails them about a cancellation or postponement; going back to ACTIVE is recorded without
 * e-mail. The claim time is part of the key, so a second postponement later is announced too.
 */
export async function announceStateChanges({ pool, jobs, now }: SweepContext): Promise<{ changes: number; emails: number }> {
  return withTransaction(pool, async (client) => {
    const claimed = (await client.query(
      `UPDATE consultation SET announced_state = state WHERE id IN (
         SELECT id FROM consultation WHERE announced_state <> state AND published_at IS NOT NULL AND published_at <= $1
         ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING id, state`,
      [now],
    )) as { rows: { id: number; state: string }[] };
    const changed = claimed.rows.filter((r) => r.state !== 'ACTIVE');
    if (changed.length === 0) return { changes: claimed.rows.length, emails: 0 };
    const { rows } = await client.query<{ item_id: number; subscriber_id: number }>(
      `SELECT c.id AS item_id, s.id AS subscriber_id
       FROM consultation c
       JOIN subscriber_consultation sc ON sc.consultation_id = c.id
       JOIN subscriber s ON s.id = sc.subscriber_id AND s.confirmed_at IS NOT NULL
       WHERE c.id = ANY($1::int[]) AND c.archived_at IS NULL
       ORDER BY c.id, s.id`,
      [changed.map((r) => r.id)],
    );
    const stateOf = new Map(changed.map((r) => [r.id, r.state]));
    const mails: MailJobData[] = rows.map((r) => ({
      dedupeKey: `${MAIL_KINDS.state}:${r.item_id}:${stateOf.get(r.item_id)}:${now.getTime()}:${r.subscriber_id}`,
      kind: MAIL_KINDS.state,
      consultationId: r.item_id,
      state: stateOf.get(r.item_id)!,
      subscriberId: r.subscriber_id,
    }));
    return { changes: claimed.rows.length, emails: await queueMail(client, jobs, mails) };
  });
}
