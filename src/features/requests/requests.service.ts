// Requests for consultations as residents see them, and residents' online submission. Public reads
// select their columns explicitly: the submitter's contact data never leave the panel.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { RequestState } from '../../generated/prisma/enums.js';
import { NotFoundError } from '../../http/errors.js';
import { audit } from '../audit/audit.service.js';
import type { ResidentRequestInput } from './requests.schema.js';

export interface RequestsSettings {
  supportThreshold: number;
  answerDays: number;
}

/** States in which a residents' request still collects supporters and waits for the city's answer. */
export const OPEN_STATES: readonly RequestState[] = ['SUBMITTED', 'UNDER_REVIEW'];

const publicSelect = {
  id: true,
  origin: true,
  title: true,
  state: true,
  answer: true,
  answeredAt: true,
  submittedAt: true,
  district: { select: { name: true, slug: true } },
  consultation: { select: { slug: true, title: true, publishedAt: true } },
} satisfies Prisma.ConsultationRequestSelect;

export type PublicRequestRow = Prisma.ConsultationRequestGetPayload<{ select: typeof publicSelect }>;

/** Confirmed online supporters and paper signatures of each request, counted in SQL. */
export async function supportCounts(db: Db, ids: readonly number[]): Promise<Map<number, { online: number; paper: number; total: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: number; online: number; paper: number }[]>`
    SELECT r.id,
      (SELECT count(*) FROM request_support s WHERE s.request_id = r.id AND s.confirmed_at IS NOT NULL)::int AS online,
      (SELECT coalesce(sum(p.signatures), 0) FROM request_paper_list p WHERE p.request_id = r.id)::int AS paper
    FROM consultation_request r WHERE r.id = ANY(${[...ids]}::int[])`;
  return new Map(rows.map((r) => [r.id, { online: r.online, paper: r.paper, total: r.online + r.paper }]));
}

export async function listPublicRequests(db: Db, filter: { state?: RequestState | undefined }, page: number, pageSize = 20) {
  const where: Prisma.ConsultationRequestWhereInput = filter.state ? { state: filter.state } : {};
  const [rows, total] = await Promise.all([
    db.consultationRequest.findMany({ where, orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize, select: publicSelect }),
    db.consultationRequest.count({ where }),
  ]);
  const counts = await supportCounts(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, supporters: counts.get(r.id)! })), total };
}

export async function findPublicRequest(db: Db, id: number) {
  const row = await db.consultationRequest.findUnique({ where: { id }, select: { ...publicSelect, justification: true, scope: true, forms: true } });
  if (!row) throw new NotFoundError();
  const counts = await supportCounts(db, [id]);
  return { ...row, supporters: counts.get(id)! };
}

/** The consultation a request led to, once it is public; a draft is "in preparation". */
export function publicConsultationOf(r: { consultation: { slug: string; title: string; publishedAt: Date | null } | null }, now: Date) {
  const c = r.consultation;
  return c && c.publishedAt && c.publishedAt <= now ? { slug: c.slug, title: c.title } : null;
}

export async function submitResidentRequest({ db, now, ip }: { db: Db; now: Date; ip?: string | undefined }, input: ResidentRequestInput): Promise<{ id: number }> {
  return db.$transaction(async (tx) => {
    const created = await tx.consultationRequest.create({
      data: {
        origin: 'RESIDENTS',
        title: input.title,
        justification: input.justification,
        scope: input.scope,
        forms: [...new Set(input.forms)],
        contactName: input.contactName,
        contactEmail: input.contactEmail,
        contactPhone: input.contactPhone,
        submittedAt: now,
      },
      select: { id: true },
    });
    // No personal data in the log: the request's id says enough.
    await audit(tx, { userId: null, action: 'request.submit', entityType: 'ConsultationRequest', entityId: created.id, details: { origin: 'RESIDENTS' }, ip });
    return created;
  });
}

/** Where a consultation came from, for its public page: the request it answers, the plan item it fulfils. */
export async function consultationOrigin(db: Db, consultationId: number) {
  const [request, planItem] = await Promise.all([
    db.consultationRequest.findUnique({ where: { consultationId }, select: { id: true, title: true } }),
    db.consultationPlanItem.findUnique({ where: { consultationId }, select: { year: true } }),
  ]);
  return request || planItem ? { request, planYear: planItem?.year ?? null } : null;
}
