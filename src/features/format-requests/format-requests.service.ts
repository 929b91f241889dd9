// Requests for a document in another format: the document and who owns it, storing a request with its
// e-mails (the resident's acknowledgement, one to each member of the owning staff) in one
// transaction, and the panel's list and "handled" mark (audit-logged).
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import { withTransaction } from '../../db/transaction.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.js';
import { can, type Actor } from '../../http/permissions.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { attachmentUrls } from '../attachments/attachment-urls.js';
import { findDownload } from '../attachments/attachments.service.js';
import { audit } from '../audit/audit.service.js';
import { queueMail } from '../mail/mail-deliveries.js';
import type { FormatRequestInput } from './format-requests.schema.js';

/** Art. 18 of the digital accessibility act: an answer within 7 days. */
export const ANSWER_DAYS = 7;
export const FORMAT_REQUEST_MAIL = { ack: 'format-request-ack', staff: 'format-request-staff' } as const;

export interface RequestedDocument {
  id: number;
  name: string;
  downloadUrl: string;
  /** The page the document is listed on, to go back to. */
  pageUrl: string;
  departmentId: number | null;
  districtId: number | null;
}

/** A public document (404 for drafts' files and images), with the page it belongs to and its owners. */
export async function requestedDocument(db: Db, id: number, now: Date): Promise<RequestedDocument> {
  const file = await findDownload(db, id, undefined, now);
  if (file.kind !== 'DOCUMENT') throw new NotFoundError();
  const a = await db.attachment.findUniqueOrThrow({
    where: { id },
    select: {
      id: true, title: true, originalName: true,
      consultation: { select: { slug: true, departmentId: true } },
      news: { select: { slug: true, districtId: true } },
      investment: { select: { slug: true, departmentId: true } },
      guide: { select: { slug: true } },
    },
  });
  const pageUrl = a.consultation ? `/konsultacje/${a.consultation.slug}` : a.news ? `/aktualnosci/${a.news.slug}` : a.investment ? `/inwestycje/${a.investment.slug}` : a.guide ? `/baza-wiedzy/${a.guide.slug}` : '/';
  return {
    id: a.id,
    name: a.title || a.originalName,
    downloadUrl: attachmentUrls.download(a),
    pageUrl,
    departmentId: a.consultation?.departmentId ?? a.investment?.departmentId ?? null,
    districtId: a.news?.districtId ?? null,
  };
}

/** Who is told: the owning department's staff, or the district's councillors; administrators when nobody else. */
async function recipients(db: Db, doc: Pick<RequestedDocument, 'departmentId' | 'districtId'>): Promise<number[]> {
  const owners = doc.departmentId ? { role: 'DEPARTMENT_STAFF' as const, departmentId: doc.departmentId } : doc.districtId ? { role: 'COUNCILLOR' as const, districtId: doc.districtId } : null;
  const found = owners ? await db.user.findMany({ where: { ...owners, active: true }, select: { id: true }, orderBy: { id: 'asc' } }) : [];
  if (found.length > 0) return found.map((u) => u.id);
  return (await db.user.findMany({ where: { role: 'ADMIN', active: true }, select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
}

interface SubmitContext {
  db: Db;
  pool: pg.Pool;
  jobs: JobQueue;
  now: Date;
}

export async function submitFormatRequest(ctx: SubmitContext, doc: RequestedDocument, input: FormatRequestInput): Promise<number> {
  const staff = await recipients(ctx.db, doc);
  const dueAt = new Date(ctx.now.getTime() + ANSWER_DAYS * 24 * 3600 * 1000);
  return withTransaction(ctx.pool, async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO format_request (attachment_id, document_name, document_url, format, other_format, name, email, postal_address, notes, department_id, district_id, created_at, due_at)
       VALUES ($1, $2, $3, $4::"AlternativeFormat", $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [doc.id, doc.name.slice(0, 300), doc.downloadUrl.slice(0, 500), input.format, input.otherFormat, input.name, input.email, input.postalAddress, input.notes, doc.departmentId, doc.districtId, ctx.now, dueAt],
    );
    const id = rows[0]!.id;
    await queueMail(client, ctx.jobs, [
      ...(input.email ? [{ dedupeKey: `${FORMAT_REQUEST_MAIL.ack}:${id}`, kind: FORMAT_REQUEST_MAIL.ack, requestId: id }] : []),
      ...staff.map((userId) => ({ dedupeKey: `${FORMAT_REQUEST_MAIL.staff}:${id}:${userId}`, kind: FORMAT_REQUEST_MAIL.staff, requestId: id, userId })),
    ]);
    return id;
  });
}

/** The requests an actor may answer: administrators all, staff their department's, councillors their district's. */
export function visibleTo(actor: Actor): Prisma.FormatRequestWhereInput {
  if (actor.role === 'ADMIN') return {};
  if (actor.role === 'DEPARTMENT_STAFF' && actor.departmentId) return { departmentId: actor.departmentId };
  if (actor.role === 'COUNCILLOR' && actor.districtId) return { districtId: actor.districtId };
  return { id: -1 };
}

export async function listRequests(db: Db, actor: Actor, page: number, pageSize: number) {
  const where = visibleTo(actor);
  const [items, total] = await Promise.all([
    db.formatRequest.findMany({
      where,
      // Open requests first, the most urgent on top; handled ones after, the latest first.
      orderBy: [{ handledAt: { sort: 'desc', nulls: 'first' } }, { dueAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, documentName: true, documentUrl: true, format: true, otherFormat: true, name: true, email: true, postalAddress: true, notes: true, createdAt: true, dueAt: true, handledAt: true },
    }),
    db.formatRequest.count({ where }),
  ]);
  return { items, total };
}

export async function markHandled(ctx: { db: Db; actor: Actor; ip?: string | undefined; now: Date }, id: number): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const row = await tx.formatRequest.findUnique({ where: { id }, select: { departmentId: true, districtId: true, handledAt: true } });
    if (!row) throw new NotFoundError();
    if (!can(ctx.actor, 'formatRequests:handle', { departmentId: row.departmentId, districtId: row.districtId })) throw new ForbiddenError();
    if (row.handledAt) throw new ConflictError('errors.conflict.body');
    await tx.formatRequest.update({ where: { id }, data: { handledAt: ctx.now, handledById: ctx.actor.id } });
    await audit(tx, { userId: ctx.actor.id, action: 'formatRequest.handled', entityType: 'format_request', entityId: id, ip: ctx.ip });
  });
}
