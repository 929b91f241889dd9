// Residents' e-mail subscriptions: sign-up with double opt-in, confirmation, changing choices and
// unsubscribing through the token links in messages, and deleting sign-ups never confirmed.
// Stored: the address and the choices only. Nothing is sent to an address before it is confirmed,
// except the confirmation message itself.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import type { NotifyScope } from '../../generated/prisma/enums.js';
import { FormError, NotFoundError } from '../../http/errors.js';
import type { JobQueue, Queryable } from '../../jobs/queue.js';
import { queueMail } from '../mail/mail-deliveries.js';
import { SCOPES, type ManageInput, type SubscribeInput } from './notifications.schema.js';
import { CONFIRMATION_DAYS, findToken } from './subscriber-tokens.js';

export interface SubscriptionContext {
  db: Db;
  pool: pg.Pool;
  jobs: JobQueue;
  now: Date;
}

interface Choices {
  scope: NotifyScope;
  districtIds: number[];
  topicIds: number[];
  consultationIds: number[];
  newsDistrictIds: number[];
}

/** The e-mails of this feature (composed by notification-emails.ts). */
export const MAIL_KINDS = { confirm: 'confirm', alreadySubscribed: 'already-subscribed', announce: 'announce', meeting: 'meeting', news: 'news', report: 'report', state: 'state', digest: 'digest' } as const;

const unique = (values: readonly number[]) => [...new Set(values)];

/** Ids sent by a form must name real districts and topics, and public consultations. */
async function checkReferences(db: Db, choices: Choices, now: Date): Promise<void> {
  const [districts, topics, consultations] = await Promise.all([
    db.district.findMany({ where: { id: { in: unique([...choices.districtIds, ...choices.newsDistrictIds]) } }, select: { id: true } }),
    db.topic.count({ where: { id: { in: choices.topicIds } } }),
    db.consultation.count({ where: { id: { in: choices.consultationIds }, publishedAt: { not: null, lte: now } } }),
  ]);
  // Only a tampered form names a consultation that is not public.
  if (consultations !== choices.consultationIds.length) throw new NotFoundError();
  const errors: Record<string, string[]> = {};
  const known = new Set(districts.map((d) => d.id));
  if (choices.districtIds.some((id) => !known.has(id))) errors.districtIds = ['validation.invalid'];
  if (choices.newsDistrictIds.some((id) => !known.has(id))) errors.newsDistrictIds = ['validation.invalid'];
  if (topics !== choices.topicIds.length) errors.topicIds = ['validation.invalid'];
  if (Object.keys(errors).length > 0) throw new FormError(errors);
}

function choicesOf(input: Pick<SubscribeInput, 'zakres' | 'districtIds' | 'topicIds' | 'newsDistrictIds'>, consultationIds: number[]): Choices {
  const scope = SCOPES[input.zakres ?? 'brak'];
  // Districts and topics matter only for "chosen"; they are not kept otherwise (RODO: the minimum).
  return {
    scope,
    districtIds: scope === 'CHOSEN' ? unique(input.districtIds) : [],
    topicIds: scope === 'CHOSEN' ? unique(input.topicIds) : [],
    consultationIds: unique(consultationIds),
    newsDistrictIds: unique(input.newsDistrictIds),
  };
}

async function replaceChoices(client: Queryable, subscriberId: number, choices: Choices): Promise<void> {
  await client.query(`UPDATE subscriber SET new_consultations = $2::"NotifyScope" WHERE id = $1`, [subscriberId, choices.scope]);
  for (const [table, column, values] of [
    ['subscriber_district', 'district_id', choices.districtIds],
    ['subscriber_topic', 'topic_id', choices.topicIds],
    ['subscriber_consultation', 'consultation_id', choices.consultationIds],
    ['subscriber_news_district', 'district_id', choices.newsDistrictIds],
  ] as const) {
    await client.query(`DELETE FROM ${table} WHERE subscriber_id = $1`, [subscriberId]);
    if (values.length > 0) await client.query(`INSERT INTO ${table} (subscriber_id, ${column}) SELECT $1, unnest($2::int[])`, [subscriberId, values]);
  }
}

/**
 * A sign-up. A new or still unconfirmed address gets its choices stored and a confirmation link; a
 * confirmed one keeps its choices and gets a link to them (or, when following a consultation, a link
 * confirming that). The caller answers the same in every case.
 */
export async function subscribe({ db, pool, jobs, now }: SubscriptionContext, input: SubscribeInput): Promise<void> {
  const following = input.consultationId !== undefined ? [input.consultationId] : [];
  const choices = choicesOf(input, following);
  await checkReferences(db, choices, now);
  await withTransaction(pool, async (client) => {
    // An unconfirmed sign-up starts again (its deletion date too); a confirmed one is left as it is.
    const { rows } = await client.query<{ id: number; confirmed: boolean }>(
      `INSERT INTO subscriber (email, created_at) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE
         SET created_at = CASE WHEN subscriber.confirmed_at IS NULL THEN EXCLUDED.created_at ELSE subscriber.created_at END
       RETURNING id, confirmed_at IS NOT NULL AS confirmed`,
      [input.email, now],
    );
    const { id, confirmed } = rows[0]!;
    if (!confirmed) await replaceChoices(client, id, choices);
    const kind = confirmed && following.length === 0 ? MAIL_KINDS.alreadySubscribed : MAIL_KINDS.confirm;
    const dedupeKey = `${kind}:${id}:${crypto.randomUUID()}`;
    await queueMail(client, jobs, [{ dedupeKey, kind, subscriberId: id, consultationId: following[0] ?? null }]);
  });
}

/** Uses a confirmation link once: confirms the address, and follows the consultation it carries. */
export async function confirmSubscription({ db, now }: Pick<SubscriptionContext, 'db' | 'now'>, token: unknown): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await findToken(tx, token, 'CONFIRM', now);
    if (!row) return false;
    // Deleting it is the "once": a second click, or a racing one, finds nothing.
    if ((await tx.subscriberToken.deleteMany({ where: { id: row.id } })).count === 0) return false;
    await tx.subscriber.updateMany({ where: { id: row.subscriberId, confirmedAt: null }, data: { confirmedAt: now } });
    if (row.consultationId) await tx.subscriberConsultation.createMany({ data: [{ subscriberId: row.subscriberId, consultationId: row.consultationId }], skipDuplicates: true });
    return true;
  });
}

/** Whether a confirmation link would still work (the page with the button is shown only then). */
export async function isConfirmationLinkValid(db: Db, token: unknown, now: Date): Promise<boolean> {
  return (await findToken(db, token, 'CONFIRM', now)) !== null;
}

/** The subscription a link from a message opens, with its choices, or null. */
export async function findByManageToken(db: Db, token: unknown, now: Date) {
  const row = await findToken(db, token, 'MANAGE', now);
  if (!row) return null;
  return db.subscriber.findUnique({
    where: { id: row.subscriberId },
    select: {
      id: true,
      email: true,
      confirmedAt: true,
      newConsultations: true,
      districts: { select: { districtId: true } },
      topics: { select: { topicId: true } },
      newsDistricts: { select: { districtId: true } },
      consultations: { select: { consultation: { select: { id: true, title: true } } }, orderBy: { consultation: { title: 'asc' } } },
    },
  });
}

/** New choices from the page reached through a message; followed consultations can only be dropped. */
export async function updateChoices({ db, pool, now }: Pick<SubscriptionContext, 'db' | 'pool' | 'now'>, subscriberId: number, input: ManageInput): Promise<void> {
  const followed = await db.subscriberConsultation.findMany({ where: { subscriberId }, select: { consultationId: true } });
  const keep = new Set(input.consultationIds);
  const choices = choicesOf(input, followed.map((f) => f.consultationId).filter((id) => keep.has(id)));
  await checkReferences(db, choices, now);
  await withTransaction(pool, (client) => replaceChoices(client, subscriberId, choices));
}

/** Deletes the subscription a link belongs to, with its choices and tokens. False when already gone. */
export async function unsubscribe(db: Db, token: unknown, now: Date): Promise<boolean> {
  const row = await findToken(db, token, 'MANAGE', now);
  if (!row) return false;
  return (await db.subscriber.deleteMany({ where: { id: row.subscriberId } })).count > 0;
}

/** Sign-ups whose confirmation link has expired are deleted with everything they chose. */
export async function deleteUnconfirmed(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - CONFIRMATION_DAYS * 86_400_000);
  return (await db.subscriber.deleteMany({ where: { confirmedAt: null, createdAt: { lt: before } } })).count;
}

/** Choices for the forms: districts and topics by name. */
export async function choiceOptions(db: Db) {
  const [districts, topics] = await Promise.all([
    db.district.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true } }),
    db.topic.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { districts, topics };
}

/** The district a sign-up link from a district page names, or null. */
export function findDistrictBySlug(db: Db, slug: string) {
  return slug.length > 80 ? null : db.district.findUnique({ where: { slug }, select: { id: true } });
}

/** A public consultation someone asks to follow, for the sign-up page's heading. */
export function findFollowable(db: Db, id: number, now: Date) {
  return db.consultation.findFirst({ where: { id, publishedAt: { not: null, lte: now } }, select: { id: true, title: true } });
}
