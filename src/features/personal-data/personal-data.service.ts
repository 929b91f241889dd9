// A resident's personal data (RODO art. 15 and 17): the single-use link by e-mail, what the portal holds
// for an address, its export, its erasure by the rules of decision 40, and the retention sweep that
// deletes remark and comment authors' contact data some months after the report is published.
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import type { JobQueue } from '../../jobs/queue.js';
import { hashToken, isTokenShaped, newLinkToken } from '../../lib/link-tokens.js';
import { audit } from '../audit/audit.service.js';
import { queueMail } from '../mail/mail-deliveries.js';
import { emailHashOf } from '../requests/request-supports.service.js';
import { surveyKeys } from '../surveys/survey-participation.js';

export const PERSONAL_DATA_MAIL = 'personal-data-link';
/** How long the e-mailed link works, and how long the page stays open after it was used. */
export const LINK_MINUTES = 60;
export const ACCESS_MINUTES = 30;
/** Stored in place of an erased comment author's name (a data value: the text of the comment stays). */
export const ERASED_AUTHOR = 'Autor usunięty';

interface Context {
  db: Db;
  pool: pg.Pool;
  now: Date;
}

/** Queues the e-mail with a link; the token itself is minted when the e-mail is composed. */
export async function requestLink(ctx: Context & { jobs: JobQueue }, email: string): Promise<void> {
  await withTransaction(ctx.pool, async (client) => {
    const { rows } = await client.query<{ id: number }>('INSERT INTO personal_data_token (email, created_at) VALUES ($1, $2) RETURNING id', [email, ctx.now]);
    const id = rows[0]!.id;
    await queueMail(client, ctx.jobs, [{ dedupeKey: `personal-data:${id}`, kind: PERSONAL_DATA_MAIL, tokenId: id }]);
  });
}

/** The token for the e-mail being composed (null when the row is gone or already has one). */
export async function mintLinkToken(db: Db, tokenId: number, now: Date): Promise<{ token: string; email: string } | null> {
  const row = await db.personalDataToken.findUnique({ where: { id: tokenId }, select: { email: true, tokenHash: true } });
  if (!row || row.tokenHash) return null;
  const { token, hash } = newLinkToken();
  await db.personalDataToken.update({ where: { id: tokenId }, data: { tokenHash: hash, expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000) } });
  return { token, email: row.email };
}

/** Whether the link still works (the page before the button: mail scanners open links without using them). */
export async function isLinkValid(db: Db, token: unknown, now: Date): Promise<boolean> {
  if (!isTokenShaped(token)) return false;
  const row = await db.personalDataToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  return Boolean(row && !row.usedAt && row.expiresAt && row.expiresAt > now);
}

/** Uses the link once: the address it was sent to, or null when it is unknown, used or expired. */
export async function useLink(ctx: Pick<Context, 'db' | 'now'>, token: unknown, ip: string | undefined): Promise<string | null> {
  if (!isTokenShaped(token)) return null;
  const tokenHash = hashToken(token);
  return ctx.db.$transaction(async (tx) => {
    // The conditional update decides between two clicks at once: only one of them changes the row.
    const { count } = await tx.personalDataToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: ctx.now } }, data: { usedAt: ctx.now } });
    if (count === 0) return null;
    await audit(tx, { userId: null, action: 'personalData.open', entityType: 'PersonalData', ip });
    return (await tx.personalDataToken.findUniqueOrThrow({ where: { tokenHash }, select: { email: true } })).email;
  });
}

const same = (email: string) => ({ equals: email, mode: 'insensitive' as const });

/** Everything the portal holds for the address, as the resident sees it and downloads it. */
export async function collect(db: Db, secret: string, email: string) {
  const supportHash = emailHashOf(secret, email);
  const emailSurveys = await db.survey.findMany({ where: { participation: 'ONE_PER_EMAIL' }, select: { id: true, title: true } });
  const keys = new Map(emailSurveys.map((s) => [surveyKeys(secret).email(s.id, email), s]));
  const [subscriber, comments, remarks, requests, supports, formatRequests, surveyTokens, surveyResponses] = await Promise.all([
    db.subscriber.findFirst({
      where: { email: same(email) },
      select: {
        createdAt: true, confirmedAt: true, newConsultations: true,
        districts: { select: { district: { select: { name: true } } } },
        topics: { select: { topic: { select: { name: true } } } },
        newsDistricts: { select: { district: { select: { name: true } } } },
        consultations: { select: { consultation: { select: { title: true } } } },
      },
    }),
    db.comment.findMany({ where: { email: same(email) }, orderBy: { id: 'asc' }, select: { id: true, authorName: true, fullNameConsent: true, body: true, status: true, createdAt: true, consultation: { select: { title: true, slug: true } } } }),
    db.remark.findMany({ where: { email: same(email) }, orderBy: { id: 'asc' }, select: { id: true, reference: true, authorKind: true, authorName: true, part: true, content: true, proposal: true, justification: true, createdAt: true, position: true, consultation: { select: { title: true, reportPublishedAt: true } } } }),
    db.consultationRequest.findMany({ where: { contactEmail: same(email) }, orderBy: { id: 'asc' }, select: { id: true, title: true, contactName: true, contactPhone: true, submittedAt: true, state: true } }),
    db.requestSupport.findMany({ where: { OR: [{ email: same(email) }, { emailHash: supportHash }] }, orderBy: { id: 'asc' }, select: { id: true, name: true, confirmedAt: true, createdAt: true, request: { select: { title: true } } } }),
    db.formatRequest.findMany({ where: { email: same(email) }, orderBy: { id: 'asc' }, select: { id: true, documentName: true, name: true, postalAddress: true, notes: true, createdAt: true, handledAt: true } }),
    db.surveyEmailToken.findMany({ where: { email: same(email) }, orderBy: { id: 'asc' }, select: { id: true, createdAt: true, survey: { select: { title: true } } } }),
    db.surveyResponse.findMany({ where: { emailKey: { in: [...keys.keys()] } }, select: { emailKey: true, submittedAt: true } }),
  ]);
  return {
    email,
    subscription: subscriber && {
      createdAt: subscriber.createdAt,
      confirmed: subscriber.confirmedAt !== null,
      newConsultations: subscriber.newConsultations,
      districts: subscriber.districts.map((d) => d.district.name),
      topics: subscriber.topics.map((t) => t.topic.name),
      newsDistricts: subscriber.newsDistricts.map((d) => d.district.name),
      consultations: subscriber.consultations.map((c) => c.consultation.title),
    },
    comments: comments.map(({ consultation, ...c }) => ({ ...c, consultation: consultation.title, consultationSlug: consultation.slug })),
    remarks: remarks.map(({ consultation, ...r }) => ({ ...r, consultation: consultation.title, inPublishedReport: consultation.reportPublishedAt !== null })),
    requests,
    supports: supports.map(({ request, ...s }) => ({ ...s, request: request.title })),
    formatRequests,
    surveyLinks: surveyTokens.map(({ survey, ...t }) => ({ ...t, survey: survey.title })),
    // Only a keyed hash links an answer to the address; the answers themselves are anonymous.
    surveysAnswered: surveyResponses.map((r) => ({ survey: keys.get(r.emailKey!)!.title, submittedAt: r.submittedAt })),
  };
}
export type PersonalData = Awaited<ReturnType<typeof collect>>;

export function isEmpty(data: PersonalData): boolean {
  return !data.subscription && [data.comments, data.remarks, data.requests, data.supports, data.formatRequests, data.surveyLinks, data.surveysAnswered].every((list) => list.length === 0);
}

/** One row per item for the CSV: what it is, when, and its text. */
export function exportRows(data: PersonalData): (string | Date | null)[][] {
  const rows: (string | Date | null)[][] = [];
  if (data.subscription) rows.push(['subscription', data.subscription.createdAt, [data.subscription.newConsultations, ...data.subscription.districts, ...data.subscription.topics, ...data.subscription.consultations].join(', ')]);
  for (const c of data.comments) rows.push(['comment', c.createdAt, `${c.consultation}: ${c.authorName}: ${c.body}`]);
  for (const r of data.remarks) rows.push(['remark', r.createdAt, `${r.reference} ${r.consultation}: ${r.authorName} ${r.part}: ${r.content} ${r.proposal} ${r.justification}`.replace(/\s+/g, ' ').trim()]);
  for (const r of data.requests) rows.push(['request', r.submittedAt, `${r.title}: ${r.contactName} ${r.contactPhone}`.trim()]);
  for (const s of data.supports) rows.push(['support', s.createdAt, `${s.request}: ${s.name}`]);
  for (const f of data.formatRequests) rows.push(['format-request', f.createdAt, `${f.documentName}: ${f.name} ${f.postalAddress ?? ''} ${f.notes}`.replace(/\s+/g, ' ').trim()]);
  for (const t of data.surveyLinks) rows.push(['survey-link', t.createdAt, t.survey]);
  for (const s of data.surveysAnswered) rows.push(['survey-answered', s.submittedAt, s.survey]);
  return rows;
}

export interface ErasedCounts {
  subscriptions: number;
  commentsDeleted: number;
  commentsAnonymised: number;
  remarks: number;
  requests: number;
  supportsDeleted: number;
  supportsAnonymised: number;
  formatRequests: number;
  surveyLinks: number;
}

/**
 * Erases the address's data in one transaction (decision 40): sign-ups deleted; comments never published
 * deleted, published or hidden ones kept with "Autor usunięty"; remarks keep their text (the report is a
 * public record) but lose the name of a private person and the address; requests lose their contact
 * data; supports awaiting confirmation deleted, confirmed ones keep only the keyed hash; requests for
 * another format deleted; survey links forget the address. The audit entry holds counts, not the address.
 */
export async function erase(ctx: Context & { secret: string }, email: string, ip: string | undefined): Promise<ErasedCounts> {
  const supportHash = emailHashOf(ctx.secret, email);
  return ctx.db.$transaction(async (tx) => {
    const where = { email: same(email) };
    const counts: ErasedCounts = {
      subscriptions: (await tx.subscriber.deleteMany({ where })).count,
      commentsDeleted: (await tx.comment.deleteMany({ where: { ...where, status: { in: ['UNCONFIRMED', 'PENDING'] } } })).count,
      commentsAnonymised: (await tx.comment.updateMany({ where, data: { authorName: ERASED_AUTHOR, fullNameConsent: false, email: null, confirmTokenHash: null } })).count,
      remarks: (await tx.remark.updateMany({ where: { ...where, authorKind: 'PERSON' }, data: { authorName: '', email: null } })).count + (await tx.remark.updateMany({ where, data: { email: null } })).count,
      requests: (await tx.consultationRequest.updateMany({ where: { contactEmail: same(email) }, data: { contactName: '', contactEmail: '', contactPhone: '' } })).count,
      supportsDeleted: (await tx.requestSupport.deleteMany({ where: { ...where, confirmedAt: null } })).count,
      supportsAnonymised: (await tx.requestSupport.updateMany({ where: { emailHash: supportHash }, data: { name: '', email: null } })).count,
      formatRequests: (await tx.formatRequest.deleteMany({ where })).count,
      surveyLinks: (await tx.surveyEmailToken.updateMany({ where, data: { email: null } })).count,
    };
    // The links of this address are of no use any more; the one in use goes with them.
    await tx.personalDataToken.deleteMany({ where });
    await audit(tx, { userId: null, action: 'personalData.erase', entityType: 'PersonalData', details: { ...counts }, ip });
    return counts;
  });
}

export async function auditExport(db: Db, format: string, ip: string | undefined): Promise<void> {
  await audit(db, { userId: null, action: 'personalData.export', entityType: 'PersonalData', details: { format }, ip });
}

/** Calendar months back from `now`, in UTC (a day or so either way does not matter for retention). */
function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * The retention sweep: once a consultation's report has been public for `months`, its remarks lose the
 * authors' e-mail addresses and private persons' names, and its comments the authors' addresses (the
 * texts and the published pseudonyms stay). Also deletes personal-data links older than a day.
 */
export async function applyRetention(db: Db, now: Date, months: number) {
  const cutoff = monthsBefore(now, months);
  const old = { consultation: { reportPublishedAt: { lte: cutoff } } };
  return db.$transaction(async (tx) => {
    const remarkNames = await tx.remark.updateMany({ where: { ...old, authorKind: 'PERSON', authorName: { not: '' } }, data: { authorName: '' } });
    const remarkEmails = await tx.remark.updateMany({ where: { ...old, email: { not: null } }, data: { email: null } });
    const commentEmails = await tx.comment.updateMany({ where: { ...old, email: { not: null } }, data: { email: null } });
    const links = await tx.personalDataToken.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
    const counts = { remarkNames: remarkNames.count, remarkEmails: remarkEmails.count, commentEmails: commentEmails.count };
    if (counts.remarkNames + counts.remarkEmails + counts.commentEmails > 0) {
      await audit(tx, { userId: null, action: 'personalData.retention', entityType: 'PersonalData', details: { ...counts, months, cutoff: cutoff.toISOString() } });
    }
    return { ...counts, links: links.count };
  });
}
