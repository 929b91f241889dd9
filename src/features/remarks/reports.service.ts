// The consultation report: figures and the table of remarks generated from the data, the parts staff
// write (how residents were informed, conclusions, what the city decided), and publication, which
// makes the consultation "Zakończone (raport opublikowany)" and e-mails each author who left an
// address the answer to their remark, once (the delivery ledger). Private persons are never named.
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import type { RemarkChannel, RemarkPosition } from '../../generated/prisma/enums.js';
import { ConflictError, FormError, NotFoundError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import type { JobQueue } from '../../jobs/queue.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { queueMail, type MailJobData } from '../mail/mail-deliveries.js';
import { audit } from '../audit/audit.service.js';
import { publicWhere, statusOf } from '../consultations/consultation-status.js';
import { canManageConsultation } from '../consultations/consultations.policy.js';
import { REMARK_MAIL_KINDS, manageableConsultation } from './remarks.service.js';
import type { ReportInput } from './remarks.schema.js';
import { requestReportPdf } from './report-pdf.service.js';

export interface ReportFigures {
  remarks: number;
  valid: number;
  late: number;
  byChannel: Record<RemarkChannel, number>;
  byPosition: Record<RemarkPosition | 'NONE', number>;
  institutions: number;
  /** Published comments in the discussion. */
  comments: number;
  /** Responses to the consultation's surveys and polls. */
  surveyResponses: number;
}

/** Every figure in one SQL statement (FILTER aggregates), never by loading rows. */
export async function reportFigures(db: Db, consultationId: number): Promise<ReportFigures> {
  const [row] = await db.$queryRaw<Record<string, number>[]>`
    SELECT count(*)::int AS remarks,
           count(*) FILTER (WHERE NOT late)::int AS valid,
           count(*) FILTER (WHERE late)::int AS late,
           count(*) FILTER (WHERE channel = 'ONLINE')::int AS "ONLINE",
           count(*) FILTER (WHERE channel = 'EMAIL')::int AS "EMAIL",
           count(*) FILTER (WHERE channel = 'PAPER')::int AS "PAPER",
           count(*) FILTER (WHERE channel = 'MEETING')::int AS "MEETING",
           count(*) FILTER (WHERE position = 'ACCEPTED')::int AS "ACCEPTED",
           count(*) FILTER (WHERE position = 'PARTLY_ACCEPTED')::int AS "PARTLY_ACCEPTED",
           count(*) FILTER (WHERE position = 'REJECTED')::int AS "REJECTED",
           count(*) FILTER (WHERE position = 'EXPLANATION')::int AS "EXPLANATION",
           count(*) FILTER (WHERE position = 'OUT_OF_SCOPE')::int AS "OUT_OF_SCOPE",
           count(*) FILTER (WHERE position IS NULL)::int AS "NONE",
           count(*) FILTER (WHERE author_kind = 'INSTITUTION')::int AS institutions,
           (SELECT count(*)::int FROM comment WHERE consultation_id = ${consultationId} AND status = 'PUBLISHED') AS comments,
           (SELECT count(*)::int FROM survey_response sr JOIN survey s ON s.id = sr.survey_id WHERE s.consultation_id = ${consultationId}) AS "surveyResponses"
    FROM remark WHERE consultation_id = ${consultationId}`;
  const r = row!;
  return {
    remarks: r.remarks!,
    valid: r.valid!,
    late: r.late!,
    byChannel: { ONLINE: r.ONLINE!, EMAIL: r.EMAIL!, PAPER: r.PAPER!, MEETING: r.MEETING! },
    byPosition: { ACCEPTED: r.ACCEPTED!, PARTLY_ACCEPTED: r.PARTLY_ACCEPTED!, REJECTED: r.REJECTED!, EXPLANATION: r.EXPLANATION!, OUT_OF_SCOPE: r.OUT_OF_SCOPE!, NONE: r.NONE! },
    institutions: r.institutions!,
    comments: r.comments!,
    surveyResponses: r.surveyResponses!,
  };
}

/** A row of the table of remarks as published: an institution by name, a private person never. */
export interface PublicRemarkRow {
  number: number;
  reference: string;
  /** The institution's name, or null for a private person (shown as "osoba prywatna"). */
  institution: string | null;
  channel: RemarkChannel;
  late: boolean;
  part: string;
  content: string;
  proposal: string;
  justification: string;
  position: RemarkPosition | null;
  answer: string;
}

// Only these columns leave the database for public pages and downloads: no name of a person, no e-mail.
const publicRemarkSelect = {
  id: true,
  reference: true,
  authorKind: true,
  authorName: true,
  channel: true,
  late: true,
  part: true,
  content: true,
  proposal: true,
  justification: true,
  position: true,
  answer: true,
} as const;

const BATCH = 500;

/** The table of remarks in the order received, in batches (keyset), so a download never holds them all. */
export async function* publicRemarkRows(db: Db, consultationId: number): AsyncGenerator<PublicRemarkRow> {
  let number = 0;
  let after: { receivedAt: Date; id: number } | null = null;
  for (;;) {
    const page: { id: number; receivedAt: Date; reference: string; authorKind: string; authorName: string; channel: RemarkChannel; late: boolean; part: string; content: string; proposal: string; justification: string; position: RemarkPosition | null; answer: string }[] =
      await db.remark.findMany({
        where: { consultationId, ...(after ? { OR: [{ receivedAt: { gt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { gt: after.id } }] } : {}) },
        select: { ...publicRemarkSelect, receivedAt: true },
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
        take: BATCH,
      });
    for (const r of page) {
      number += 1;
      yield {
        number,
        reference: r.reference,
        institution: r.authorKind === 'INSTITUTION' ? r.authorName : null,
        channel: r.channel,
        late: r.late,
        part: r.part,
        content: r.content,
        proposal: r.proposal,
        justification: r.justification,
        position: r.position,
        answer: r.answer,
      };
    }
    if (page.length < BATCH) return;
    const last = page[page.length - 1]!;
    after = { receivedAt: last.receivedAt, id: last.id };
  }
}

export async function collectRows<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

const reportConsultationSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  subjectMd: true,
  subjectHtml: true,
  purposeMd: true,
  purposeHtml: true,
  legalBasis: true,
  forms: true,
  coordinator: true,
  startsAt: true,
  endsAt: true,
  publishedAt: true,
  state: true,
  reportPublishedAt: true,
  archivedAt: true,
  departmentId: true,
  department: { select: { name: true } },
  report: { select: { informedHtml: true, informedMd: true, conclusionsHtml: true, conclusionsMd: true, decisionHtml: true, decisionMd: true } },
  _count: { select: { meetings: true } },
} as const;

/**
 * A consultation's report for residents: 404 until it is published, except for the staff who may
 * manage the consultation (they see it as a preview).
 */
export async function findReport(db: Db, slug: string, now: Date, viewer: Actor | null | undefined) {
  const c = await db.consultation.findFirst({ where: { slug, ...publicWhere(now) }, select: reportConsultationSelect });
  if (!c) throw new NotFoundError();
  const published = c.reportPublishedAt !== null;
  if (!published && !canManageConsultation(viewer, c)) throw new NotFoundError();
  return { c, preview: !published };
}
export type ReportConsultation = Awaited<ReturnType<typeof findReport>>['c'];

/** A consultation whose report is published, for the background PDF (no viewer), or null. */
export function publishedReportById(db: Db, id: number) {
  return db.consultation.findFirst({ where: { id, reportPublishedAt: { not: null } }, select: reportConsultationSelect });
}

export async function reportForPanel(ctx: { db: Db; actor: Actor }, id: number) {
  await manageableConsultation(ctx, id);
  return ctx.db.consultation.findUniqueOrThrow({ where: { id }, select: reportConsultationSelect });
}

interface StaffContext {
  db: Db;
  pool: pg.Pool;
  jobs: JobQueue;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

/** The staff-written parts, rendered and sanitised once on save. */
export async function saveReport(ctx: StaffContext, id: number, input: ReportInput): Promise<void> {
  await manageableConsultation(ctx, id, { write: true });
  const data = {
    informedMd: input.informed,
    informedHtml: renderMarkdown(input.informed),
    conclusionsMd: input.conclusions,
    conclusionsHtml: renderMarkdown(input.conclusions),
    decisionMd: input.decision,
    decisionHtml: renderMarkdown(input.decision),
  };
  const published = await ctx.db.$transaction(async (tx) => {
    await tx.consultationReport.upsert({ where: { consultationId: id }, create: { consultationId: id, ...data }, update: data });
    await audit(tx, { userId: ctx.actor.id, action: 'report.update', entityType: 'Consultation', entityId: id, ip: ctx.ip });
    return (await tx.consultation.findUniqueOrThrow({ where: { id }, select: { reportPublishedAt: true } })).reportPublishedAt !== null;
  });
  // After the commit: a lost request is asked again by the download (report-pdf.service.ts).
  if (published) await requestReportPdf(ctx.pool, ctx.jobs, id);
}

/**
 * Publishes the report after the end, once every remark has an answer and the decision is written;
 * queues, in the same transaction, one e-mail with the answer to each author who left an address.
 */
export async function publishReport(ctx: StaffContext, id: number): Promise<number> {
  const c = await manageableConsultation(ctx, id, { write: true });
  if (c.reportPublishedAt) throw new ConflictError('report.panel.alreadyPublished');
  const status = statusOf(c, ctx.now);
  if (status !== 'CLOSED_PENDING_REPORT') throw new FormError({ publish: ['report.validation.notEnded'] });
  const [unanswered, report] = await Promise.all([ctx.db.remark.count({ where: { consultationId: id, position: null } }), ctx.db.consultationReport.findUnique({ where: { consultationId: id } })]);
  const errors: Record<string, string[]> = {};
  if (unanswered > 0) errors.publish = [`report.validation.unanswered?count=${unanswered}`];
  if (!report?.decisionMd) errors.decision = ['report.validation.decision'];
  if (Object.keys(errors).length > 0) throw new FormError(errors);
  return withTransaction(ctx.pool, async (client) => {
    const updated = await client.query(`UPDATE consultation SET report_published_at = $2 WHERE id = $1 AND report_published_at IS NULL RETURNING id`, [id, ctx.now]);
    if (updated.rows.length === 0) throw new ConflictError('report.panel.alreadyPublished');
    const { rows } = await client.query(`SELECT id FROM remark WHERE consultation_id = $1 AND email IS NOT NULL AND position IS NOT NULL ORDER BY id`, [id]);
    const mails: MailJobData[] = (rows as { id: number }[]).map((r) => ({ dedupeKey: `${REMARK_MAIL_KINDS.answer}:${r.id}`, kind: REMARK_MAIL_KINDS.answer, remarkId: r.id }));
    const queued = await queueMail(client, ctx.jobs, mails);
    await requestReportPdf(client, ctx.jobs, id);
    await client.query(`INSERT INTO audit_log (user_id, action, entity_type, entity_id, details, ip) VALUES ($1, 'report.publish', 'Consultation', $2, $3::jsonb, $4)`, [
      ctx.actor.id,
      String(id),
      JSON.stringify({ answersQueued: queued }),
      ctx.ip ?? null,
    ]);
    return queued;
  });
}
