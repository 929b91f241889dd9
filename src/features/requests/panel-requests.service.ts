// The coordinating office assesses requests (state, answer within the deadline), enters paper signature
// lists and turns an accepted request into a draft consultation; councillors file their council's
// requests. Every write is transactional and audit-logged; route guards say who may call what.
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { ConflictError, FormError, NotFoundError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { warsawParts } from '../../lib/dates.js';
import { audit } from '../audit/audit.service.js';
import { createDraftConsultation, draftDates } from './consultation-drafts.js';
import { answerDeadline } from './deadlines.js';
import type { AssessInput, CouncilRequestInput, PaperListInput } from './requests.schema.js';
import { OPEN_STATES, supportCounts, type RequestsSettings } from './requests.service.js';

interface Context {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

const LEGAL_BASIS = 'Art. 5a ustawy z dnia 8 marca 1990 r. o samorządzie gminnym; uchwała Nr 715/LXII/2010 Rady Miasta Częstochowy z dnia 28 czerwca 2010 r.';

export async function listForOffice({ db, now }: Context, settings: RequestsSettings, filter: { state?: Prisma.ConsultationRequestWhereInput['state'] }, page: number, pageSize = 20) {
  const where: Prisma.ConsultationRequestWhereInput = filter.state ? { state: filter.state } : {};
  const [rows, total] = await Promise.all([
    db.consultationRequest.findMany({
      where,
      // Waiting ones first, the oldest (most urgent) on top; then the answered, newest first.
      orderBy: [{ answeredAt: { sort: 'desc', nulls: 'first' } }, { submittedAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, title: true, origin: true, state: true, submittedAt: true, answeredAt: true, district: { select: { name: true } } },
    }),
    db.consultationRequest.count({ where }),
  ]);
  const counts = await supportCounts(db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, supporters: counts.get(r.id)!, deadline: answerDeadline(r, now, settings.answerDays) })), total };
}

export async function getForOffice({ db }: Pick<Context, 'db'>, id: number) {
  const r = await db.consultationRequest.findUnique({
    where: { id },
    include: {
      district: { select: { id: true, name: true } },
      consultation: { select: { id: true, slug: true, title: true, departmentId: true, publishedAt: true } },
      paperLists: { orderBy: { receivedOn: 'asc' } },
    },
  });
  if (!r) throw new NotFoundError();
  const counts = await supportCounts(db, [id]);
  return { ...r, supporters: counts.get(id)! };
}

export async function assessRequest({ db, actor, ip, now }: Context, settings: RequestsSettings, id: number, input: AssessInput): Promise<void> {
  const r = await getForOffice({ db }, id);
  if (!OPEN_STATES.includes(r.state)) throw new ConflictError('requests.panel.alreadyDecided');
  if (input.state === 'ACCEPTED' && r.origin === 'RESIDENTS' && r.supporters.total < settings.supportThreshold) {
    throw new FormError({ state: [`requests.validation.threshold?count=${r.supporters.total}&threshold=${settings.supportThreshold}`] });
  }
  const decided = input.state !== 'UNDER_REVIEW';
  await db.$transaction(async (tx) => {
    await tx.consultationRequest.update({ where: { id }, data: { state: input.state, answer: input.answer, answeredAt: decided ? now : null } });
    await audit(tx, { userId: actor.id, action: 'request.assess', entityType: 'ConsultationRequest', entityId: id, details: { state: input.state }, ip });
  });
}

export async function addPaperList({ db, actor, ip, now }: Context, id: number, input: PaperListInput): Promise<void> {
  const r = await getForOffice({ db }, id);
  if (r.origin !== 'RESIDENTS') throw new NotFoundError();
  if (!OPEN_STATES.includes(r.state)) throw new ConflictError('requests.panel.alreadyDecided');
  if (input.receivedOn > warsawParts(now).date) throw new FormError({ receivedOn: ['requests.validation.receivedInFuture'] });
  await db.$transaction(async (tx) => {
    const list = await tx.requestPaperList.create({ data: { requestId: id, signatures: input.signatures, receivedOn: new Date(`${input.receivedOn}T00:00:00Z`), note: input.note }, select: { id: true } });
    await audit(tx, { userId: actor.id, action: 'request.paperList.add', entityType: 'ConsultationRequest', entityId: id, details: { listId: list.id, signatures: input.signatures }, ip });
  });
}

/** One step from an accepted request to a draft consultation of the chosen department, linked both ways. */
export async function convertToConsultation({ db, actor, ip, now }: Context, id: number, departmentId: number): Promise<{ id: number }> {
  const r = await getForOffice({ db }, id);
  if (r.state !== 'ACCEPTED') throw new ConflictError('requests.panel.convertOnlyAccepted');
  if (r.consultationId) throw new ConflictError('requests.panel.alreadyConverted');
  if (!(await db.department.findUnique({ where: { id: departmentId }, select: { id: true } }))) throw new FormError({ departmentId: ['validation.department.required'] });
  return db.$transaction(async (tx) => {
    const created = await createDraftConsultation(tx, {
      title: r.title,
      summary: r.scope,
      subjectMd: r.scope,
      purposeMd: r.justification,
      forms: r.forms,
      departmentId,
      districtIds: r.districtId ? [r.districtId] : [],
      createdById: actor.id,
    }, draftDates(now));
    await tx.consultation.update({ where: { id: created.id }, data: { legalBasis: LEGAL_BASIS } });
    // A racing second conversion finds the link set and rolls back its draft.
    const linked = await tx.consultationRequest.updateMany({ where: { id, consultationId: null }, data: { consultationId: created.id } });
    if (linked.count === 0) throw new ConflictError('requests.panel.alreadyConverted');
    await audit(tx, { userId: actor.id, action: 'consultation.create', entityType: 'Consultation', entityId: created.id, details: { slug: created.slug, fromRequest: id }, ip });
    await audit(tx, { userId: actor.id, action: 'request.convert', entityType: 'ConsultationRequest', entityId: id, details: { consultationId: created.id }, ip });
    return { id: created.id };
  });
}

/** A district council's request: a councillor files for their own district only (the form's choice is ignored). */
export async function fileCouncilRequest({ db, actor, ip, now }: Context, contact: { name: string; email: string }, input: CouncilRequestInput): Promise<{ id: number }> {
  const districtId = actor.role === 'ADMIN' ? input.districtId : actor.districtId;
  if (!districtId || !(await db.district.findUnique({ where: { id: districtId }, select: { id: true } }))) throw new FormError({ districtId: ['requests.validation.district'] });
  return db.$transaction(async (tx) => {
    const created = await tx.consultationRequest.create({
      data: {
        origin: 'DISTRICT_COUNCIL',
        districtId,
        title: input.title,
        justification: input.justification,
        scope: input.scope,
        forms: [...new Set(input.forms)],
        contactName: contact.name,
        contactEmail: contact.email,
        submittedAt: now,
      },
      select: { id: true },
    });
    await audit(tx, { userId: actor.id, action: 'request.submit', entityType: 'ConsultationRequest', entityId: created.id, details: { origin: 'DISTRICT_COUNCIL', districtId }, ip });
    return created;
  });
}

export function departmentOptions(db: Db) {
  return db.department.findMany({ orderBy: { name: 'asc' }, select: { id: true, code: true, name: true } });
}

export async function districtOptions(db: Db, actor: Actor) {
  const rows = await db.district.findMany({ where: actor.role === 'ADMIN' ? {} : { id: actor.districtId ?? -1 }, select: { id: true, name: true } });
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'pl'));
}
