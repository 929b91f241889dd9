// What residents read of districts: the list, one district's council page, its upcoming events, and
// district events for the calendar (used by the consultations feature's calendar).
import type { Db } from '../../db/client.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { NotFoundError } from '../../http/errors.js';

const byPolishName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'pl');

/** All districts in Polish alphabetical order. */
export async function listDistricts(db: Db) {
  const rows = await db.district.findMany({ select: { id: true, slug: true, name: true, councilSeat: true } });
  return rows.sort(byPolishName);
}

const councilSelect = {
  id: true,
  slug: true,
  name: true,
  councilChair: true,
  councilMembers: true,
  councilSeat: true,
  councilHours: true,
  councilEmail: true,
  councilPhone: true,
  councilAboutHtml: true,
  councilUpdatedAt: true,
} satisfies Prisma.DistrictSelect;
export type DistrictCouncil = Prisma.DistrictGetPayload<{ select: typeof councilSelect }>;

/** A district by its slug with its council's details; 404 otherwise. */
export async function findPublicDistrict(db: Db, slug: string): Promise<DistrictCouncil> {
  const district = await db.district.findUnique({ where: { slug }, select: councilSelect });
  if (!district) throw new NotFoundError();
  return district;
}

const eventSelect = {
  id: true,
  kind: true,
  title: true,
  startsAt: true,
  endsAt: true,
  place: true,
  description: true,
  updatedAt: true,
  district: { select: { id: true, slug: true, name: true } },
} satisfies Prisma.DistrictEventSelect;
export type DistrictEventRow = Prisma.DistrictEventGetPayload<{ select: typeof eventSelect }>;

/** Events not over at `from` (without an end: not started before `from`) and starting before `to`. */
function eventsBetween(from: Date, to: Date | undefined): Prisma.DistrictEventWhereInput {
  return { OR: [{ endsAt: { gte: from } }, { endsAt: null, startsAt: { gte: from } }], ...(to ? { startsAt: { lt: to } } : {}) };
}

export function upcomingDistrictEvents(db: Db, now: Date, districtId: number, take: number): Promise<DistrictEventRow[]> {
  return db.districtEvent.findMany({ where: { AND: [{ districtId }, eventsBetween(now, undefined)] }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take, select: eventSelect });
}

/** Every district's events between two instants, for /kalendarz and /kalendarz.ics. */
export function districtEventsBetween(db: Db, from: Date, to: Date): Promise<DistrictEventRow[]> {
  return db.districtEvent.findMany({ where: eventsBetween(from, to), orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], select: eventSelect });
}
