// Formal remarks (uwagi): residents submit them online while a consultation is open; staff enter those
// received by e-mail, on paper or at meetings (late ones marked), answer each (alone or as a group of
// similar remarks) and every change by staff is audit-logged. A private person's name and e-mail stay
// in the panel; they never reach a public page or a download.
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import type { RemarkAuthorKind, RemarkChannel } from '../../generated/prisma/enums.js';
import { ConflictError, FormError, NotFoundError } from '../../http/errors.js';
import { pageOf, skipFor } from '../../http/pagination.js';
import type { Actor } from '../../http/permissions.js';
import { warsawInstant, warsawParts } from '../../lib/dates.js';
import type { JobQueue, Queryable } from '../../jobs/queue.js';
import { queueMail } from '../mail/mail-deliveries.js';
import { audit } from '../audit/audit.service.js';
import { requestReportPdf } from './report-pdf.service.js';
import { isPublished, publicWhere, statusOf } from '../consultations/consultation-status.js';
import { findManageableConsultation } from '../consultations/consultations.policy.js';
import { currentDraft } from './drafts.service.js';
import { AUTHOR_KINDS, type AnswerInput, type GroupInput, type RemarkInput, type StaffRemarkInput } from './remarks.schema.js';

export const REMARK_MAIL_KINDS = { confirmation: 'remark-confirmation', answer: 'remark-answer' } as const;
export const PANEL_PAGE_SIZE = 50;

export interface RemarkContext {
  db: Db;
  pool: pg.Pool;
  jobs: JobQueue;
  now: Date;
}

export interface StaffContext {
  db: Db;
  pool: pg.Pool;
  /** For the report's PDF, asked for again when a published report's answer changes. */
  jobs: JobQueue;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

/** A public consultation and whether it takes remarks now; 404 when not public. */
export async function findConsultationForRemarks(db: Db, slug: string, now: Date) {
  const consultation = await db.consultation.findFirst({
    where: { slug, ...publicWhere(now) },
    select: { id: true, slug: true, title: true, startsAt: true, endsAt: true, publishedAt: true, state: true, reportPublishedAt: true, departmentId: true },
  });
  if (!consultation) throw new NotFoundError();
  return { ...consultation, open: statusOf(consultation, now) === 'OPEN' };
}

interface NewRemark {
  consultationId: number;
  channel: RemarkChannel;
  receivedAt: Date;
  late: boolean;
  draftId: number | null;
  fragmentAnchor: string | null;
  part: string;
  content: string;
  proposal: string;
  justification: string;
  authorKind: RemarkAuthorKind;
  authorName: string;
  email: string | null;
  residentDeclared: boolean;
  enteredById: number | null;
}

/** One INSERT that also makes the reference number from the new id ("U/2026/000042"). */
async function insertRemark(client: Queryable, r: NewRemark): Promise<{ id: number; reference: string }> {
  const year = warsawParts(r.receivedAt).date.slice(0, 4);
  const { rows } = await client.query(
    `WITH n AS (SELECT nextval(pg_get_serial_sequence('remark', 'id'))::int AS id)
     INSERT INTO remark (id, consultation_id, reference, channel, received_at, late, draft_id, fragment_anchor, part, content, proposal,
                         justification, author_kind, author_name, email, resident_declared, entered_by_id)
     SELECT n.id, $1, 'U/' || $2 || '/' || lpad(n.id::text, 6, '0'), $3::"RemarkChannel", $4, $5, $6, $7, $8, $9, $10, $11,
            $12::"RemarkAuthorKind", $13, $14, $15, $16 FROM n
     RETURNING id, reference`,
    [r.consultationId, year, r.channel, r.receivedAt, r.late, r.draftId, r.fragmentAnchor, r.part, r.content, r.proposal, r.justification, r.authorKind, r.authorName, r.email, r.residentDeclared, r.enteredById],
  );
  return rows[0] as { id: number; reference: string };
}

/** The fragment a remark is about, from the current version of the draft; a tampered anchor is a field error. */
async function resolvePart(db: Db, consultationId: number, input: Pick<RemarkInput, 'fragment' | 'part'>) {
  if (!input.fragment) return { draftId: null, fragmentAnchor: null, part: input.part };
  const draft = await currentDraft(db, consultationId);
  const fragment = draft?.fragments.find((f) => f.anchor === input.fragment);
  // Without a draft the form has no list of fragments: the message goes to the part field.
  if (!draft) throw new FormError({ part: ['validation.invalid'] });
  if (!fragment) throw new FormError({ fragment: ['validation.invalid'] });
  return { draftId: draft.id, fragmentAnchor: fragment.anchor, part: input.part || fragment.label };
}

/** What the form says about the remark and its author, as columns. */
function textOf(input: RemarkInput | StaffRemarkInput) {
  const authorKind = AUTHOR_KINDS[input.authorKind];
  return {
    content: input.content,
    proposal: input.proposal,
    justification: input.justification,
    authorKind,
    authorName: authorKind === 'INSTITUTION' ? input.institution : input.name,
    email: input.email || null,
    residentDeclared: input.resident,
  };
}

/** A resident's remark through the online form; queues the confirmation e-mail in the same transaction. */
export async function submitRemark(ctx: RemarkContext, consultation: { id: number; open: boolean }, input: RemarkInput): Promise<string> {
  if (!consultation.open) throw new ConflictError('remarks.closed');
  const part = await resolvePart(ctx.db, consultation.id, input);
  return withTransaction(ctx.pool, async (client) => {
    const row = await insertRemark(client, {
      consultationId: consultation.id,
      channel: 'ONLINE',
      receivedAt: ctx.now,
      late: false,
      ...part,
      ...textOf(input),
      enteredById: null,
    });
    if (input.email) await queueMail(client, ctx.jobs, [{ dedupeKey: `${REMARK_MAIL_KINDS.confirmation}:${row.id}`, kind: REMARK_MAIL_KINDS.confirmation, remarkId: row.id }]);
    return row.reference;
  });
}

/** A consultation whose remarks staff may manage; archived ones are read-only. */
export async function manageableConsultation(ctx: Pick<StaffContext, 'db' | 'actor'>, id: number, options: { write?: boolean } = {}) {
  const found = await findManageableConsultation(ctx.db, ctx.actor, id);
  if (options.write && found.archivedAt) throw new ConflictError('panel.consultations.archivedReadOnly');
  const c = await ctx.db.consultation.findUniqueOrThrow({
    where: { id },
    select: { id: true, slug: true, title: true, startsAt: true, endsAt: true, publishedAt: true, state: true, reportPublishedAt: true, archivedAt: true, departmentId: true },
  });
  return c;
}

/** A remark received by e-mail, on paper or at a meeting: late when received after the last day. */
export async function enterRemark(ctx: StaffContext, consultationId: number, input: StaffRemarkInput): Promise<string> {
  const consultation = await manageableConsultation(ctx, consultationId, { write: true });
  if (!isPublished(consultation, ctx.now)) throw new ConflictError('remarks.notPublic');
  const today = warsawParts(ctx.now).date;
  if (input.receivedOn > today) throw new FormError({ receivedOn: ['remarks.validation.receivedFuture'] });
  const lastDay = warsawParts(new Date(consultation.endsAt.getTime() - 1)).date;
  const part = await resolvePart(ctx.db, consultationId, input);
  return withTransaction(ctx.pool, async (client) => {
    const row = await insertRemark(client, {
      consultationId,
      channel: input.channel,
      receivedAt: warsawInstant(input.receivedOn, '12:00'),
      late: input.receivedOn > lastDay,
      ...part,
      ...textOf(input),
      enteredById: ctx.actor.id,
    });
    await client.query(`INSERT INTO audit_log (user_id, action, entity_type, entity_id, details, ip) VALUES ($1, 'remark.enter', 'Remark', $2, $3::jsonb, $4)`, [
      ctx.actor.id,
      String(row.id),
      JSON.stringify({ consultationId, channel: input.channel, reference: row.reference }),
      ctx.ip ?? null,
    ]);
    return row.reference;
  });
}

const panelSelect = {
  id: true,
  reference: true,
  channel: true,
  receivedAt: true,
  late: true,
  part: true,
  content: true,
  proposal: true,
  justification: true,
  authorKind: true,
  authorName: true,
  email: true,
  residentDeclared: true,
  position: true,
  answer: true,
  answeredAt: true,
  fragmentAnchor: true,
  draft: { select: { version: true } },
  group: { select: { id: true, title: true } },
} as const;

/** One list across channels, in the order received, a page at a time, with counts by state (in SQL). */
export async function listRemarks(ctx: StaffContext, consultationId: number, page: number) {
  const consultation = await manageableConsultation(ctx, consultationId);
  const where = { consultationId };
  const [rows, total, byPosition] = await Promise.all([
    ctx.db.remark.findMany({ where, select: panelSelect, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }], skip: skipFor(page, PANEL_PAGE_SIZE), take: PANEL_PAGE_SIZE }),
    ctx.db.remark.count({ where }),
    ctx.db.remark.groupBy({ by: ['position'], where, _count: { _all: true } }),
  ]);
  const unanswered = byPosition.find((g) => g.position === null)?._count._all ?? 0;
  return { consultation, page: pageOf(rows, total, page, PANEL_PAGE_SIZE), unanswered };
}

export async function getRemark(ctx: StaffContext, consultationId: number, remarkId: number) {
  const consultation = await manageableConsultation(ctx, consultationId);
  const remark = await ctx.db.remark.findFirst({ where: { id: remarkId, consultationId }, select: panelSelect });
  if (!remark) throw new NotFoundError();
  const groupMembers = remark.group
    ? await ctx.db.remark.findMany({ where: { groupId: remark.group.id }, select: { id: true, reference: true, content: true }, orderBy: { id: 'asc' } })
    : [];
  return { consultation, remark, groupMembers };
}

/** The answer to a remark; a grouped remark's answer is the whole group's. */
export async function answerRemark(ctx: StaffContext, consultationId: number, remarkId: number, input: AnswerInput): Promise<number> {
  const c = await manageableConsultation(ctx, consultationId, { write: true });
  const remark = await ctx.db.remark.findFirst({ where: { id: remarkId, consultationId }, select: { id: true, groupId: true } });
  if (!remark) throw new NotFoundError();
  return ctx.db.$transaction(async (tx) => {
    const where = remark.groupId ? { groupId: remark.groupId, consultationId } : { id: remark.id };
    const { count } = await tx.remark.updateMany({ where, data: { position: input.position, answer: input.answer, answeredAt: ctx.now, answeredById: ctx.actor.id } });
    await audit(tx, { userId: ctx.actor.id, action: 'remark.answer', entityType: 'Remark', entityId: remark.id, details: { consultationId, position: input.position, groupId: remark.groupId, count }, ip: ctx.ip });
    return count;
  }).then(async (count) => {
    // An answer changed after publication changes the published report's PDF.
    if (c.reportPublishedAt) await requestReportPdf(ctx.pool, ctx.jobs, consultationId);
    return count;
  });
}

/** Puts similar remarks in one group (leaving any group they were in); they share one answer from now on. */
export async function groupRemarks(ctx: StaffContext, consultationId: number, input: GroupInput): Promise<void> {
  await manageableConsultation(ctx, consultationId, { write: true });
  const ids = [...new Set(input.remarkIds)];
  const found = await ctx.db.remark.count({ where: { id: { in: ids }, consultationId } });
  if (found !== ids.length) throw new NotFoundError();
  await ctx.db.$transaction(async (tx) => {
    const group = await tx.remarkGroup.create({ data: { consultationId, title: input.groupTitle } });
    await tx.remark.updateMany({ where: { id: { in: ids } }, data: { groupId: group.id } });
    await tx.remarkGroup.deleteMany({ where: { consultationId, remarks: { none: {} } } });
    await audit(tx, { userId: ctx.actor.id, action: 'remark.group', entityType: 'RemarkGroup', entityId: group.id, details: { consultationId, remarkIds: ids }, ip: ctx.ip });
  });
}

/** Takes a remark out of its group (it keeps the group's answer until answered again). */
export async function ungroupRemark(ctx: StaffContext, consultationId: number, remarkId: number): Promise<void> {
  await manageableConsultation(ctx, consultationId, { write: true });
  const remark = await ctx.db.remark.findFirst({ where: { id: remarkId, consultationId }, select: { id: true, groupId: true } });
  if (!remark) throw new NotFoundError();
  if (!remark.groupId) return;
  await ctx.db.$transaction(async (tx) => {
    await tx.remark.update({ where: { id: remark.id }, data: { groupId: null } });
    // A group of one is no group.
    const left = await tx.remark.findMany({ where: { groupId: remark.groupId }, select: { id: true } });
    if (left.length < 2) {
      await tx.remark.updateMany({ where: { groupId: remark.groupId }, data: { groupId: null } });
      await tx.remarkGroup.delete({ where: { id: remark.groupId! } });
    }
    await audit(tx, { userId: ctx.actor.id, action: 'remark.ungroup', entityType: 'Remark', entityId: remark.id, details: { consultationId, groupId: remark.groupId }, ip: ctx.ip });
  });
}
