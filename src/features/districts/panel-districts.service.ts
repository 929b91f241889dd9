// Councillors keep their district's council page and events up to date (administrators any district).
// Every write is checked, transactional and audit-logged.
import type { Db } from '../../db/client.js';
import { NotFoundError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { warsawInstant, warsawParts } from '../../lib/dates.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { audit } from '../audit/audit.service.js';
import { findEditableDistrict } from './districts.policy.js';
import type { CouncilInput, EventInput } from './panel-districts.schema.js';

interface Context {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
  now: Date;
}

export async function councilForEdit({ db, actor }: Context, districtId: number) {
  await findEditableDistrict(db, actor, districtId);
  const d = await db.district.findUniqueOrThrow({
    where: { id: districtId },
    select: { id: true, slug: true, name: true, councilChair: true, councilMembers: true, councilSeat: true, councilHours: true, councilEmail: true, councilPhone: true, councilAboutMd: true },
  });
  const { id, slug, name, ...values } = d;
  return { district: { id, slug, name }, values };
}

export async function saveCouncil({ db, actor, ip, now }: Context, districtId: number, input: CouncilInput) {
  await findEditableDistrict(db, actor, districtId);
  await db.$transaction(async (tx) => {
    await tx.district.update({ where: { id: districtId }, data: { ...input, councilEmail: input.councilEmail ?? '', councilAboutHtml: renderMarkdown(input.councilAboutMd), councilUpdatedAt: now } });
    await audit(tx, { userId: actor.id, action: 'district.council.update', entityType: 'District', entityId: districtId, ip });
  });
}

/** Administrators choose a district; the others have their own. */
export async function districtsForActor(db: Db, actor: Actor) {
  const rows = await db.district.findMany({ where: actor.role === 'ADMIN' ? {} : { id: actor.districtId ?? -1 }, select: { id: true, name: true } });
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'pl'));
}

export async function listEvents({ db, actor }: Context, districtId: number) {
  const district = await findEditableDistrict(db, actor, districtId);
  const events = await db.districtEvent.findMany({ where: { districtId }, orderBy: [{ startsAt: 'desc' }, { id: 'desc' }], take: 100, select: { id: true, kind: true, title: true, startsAt: true, endsAt: true, place: true } });
  return { district, events };
}

export async function findEvent({ db, actor }: Context, districtId: number, eventId: number) {
  const district = await findEditableDistrict(db, actor, districtId);
  const event = await db.districtEvent.findFirst({ where: { id: eventId, districtId } });
  if (!event) throw new NotFoundError();
  return { district, event };
}

export function eventValues(e: { kind: string; title: string; startsAt: Date; endsAt: Date | null; place: string; description: string }) {
  const start = warsawParts(e.startsAt);
  return { kind: e.kind, title: e.title, date: start.date, startTime: start.time, endTime: e.endsAt ? warsawParts(e.endsAt).time : '', place: e.place, description: e.description };
}

const eventData = (input: EventInput) => ({
  kind: input.kind,
  title: input.title,
  startsAt: warsawInstant(input.date, input.startTime),
  endsAt: input.endTime ? warsawInstant(input.date, input.endTime) : null,
  place: input.place,
  description: input.description,
});

export async function createEvent({ db, actor, ip }: Context, districtId: number, input: EventInput) {
  await findEditableDistrict(db, actor, districtId);
  await db.$transaction(async (tx) => {
    const created = await tx.districtEvent.create({ data: { ...eventData(input), districtId }, select: { id: true } });
    await audit(tx, { userId: actor.id, action: 'district.event.create', entityType: 'DistrictEvent', entityId: created.id, details: { districtId }, ip });
  });
}

export async function updateEvent(ctx: Context, districtId: number, eventId: number, input: EventInput) {
  await findEvent(ctx, districtId, eventId);
  await ctx.db.$transaction(async (tx) => {
    await tx.districtEvent.update({ where: { id: eventId }, data: eventData(input) });
    await audit(tx, { userId: ctx.actor.id, action: 'district.event.update', entityType: 'DistrictEvent', entityId: eventId, details: { districtId }, ip: ctx.ip });
  });
}

export async function deleteEvent(ctx: Context, districtId: number, eventId: number) {
  const { event } = await findEvent(ctx, districtId, eventId);
  await ctx.db.$transaction(async (tx) => {
    await tx.districtEvent.delete({ where: { id: eventId } });
    await audit(tx, { userId: ctx.actor.id, action: 'district.event.delete', entityType: 'DistrictEvent', entityId: eventId, details: { districtId, title: event.title }, ip: ctx.ip });
  });
}
