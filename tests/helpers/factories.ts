// Test data builders: each test creates exactly what it needs.
import crypto from 'node:crypto';
import type { Db } from '../../src/db/client.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import { hashPassword } from '../../src/features/auth/passwords.js';

export const TEST_PASSWORD = 'Poprawne-Haslo-2026';
let hashed: Promise<string> | undefined;
const uid = () => crypto.randomBytes(4).toString('hex');

export function createDepartment(db: Db, data: Partial<{ code: string; name: string }> = {}) {
  const code = data.code ?? `D${uid()}`;
  return db.department.create({ data: { code, name: data.name ?? `Wydział ${code}` } });
}

export function createDistrict(db: Db, data: Partial<{ slug: string; name: string }> = {}) {
  const slug = data.slug ?? `dzielnica-${uid()}`;
  return db.district.create({ data: { slug, name: data.name ?? `Dzielnica ${slug}` } });
}

export async function createUser(
  db: Db,
  data: Partial<{ email: string; name: string; role: Role; departmentId: number; districtId: number; active: boolean; password: string }> = {},
) {
  const role = data.role ?? 'ADMIN';
  const departmentId = data.departmentId ?? (role === 'DEPARTMENT_STAFF' ? (await createDepartment(db)).id : null);
  const districtId = data.districtId ?? (role === 'COUNCILLOR' ? (await createDistrict(db)).id : null);
  // Hashing is slow by design: share one hash of the default password across tests.
  const passwordHash = data.password ? await hashPassword(data.password) : await (hashed ??= hashPassword(TEST_PASSWORD));
  return db.user.create({
    data: {
      email: data.email ?? `user-${uid()}@example.org`,
      name: data.name ?? 'Anna Nowak',
      role,
      departmentId,
      districtId,
      active: data.active ?? true,
      passwordHash,
    },
  });
}

type ConsultationData = Partial<{
  slug: string;
  title: string;
  summary: string;
  departmentId: number;
  topicId: number | null;
  startsAt: Date;
  endsAt: Date;
  publishedAt: Date | null;
  state: 'ACTIVE' | 'CANCELLED' | 'POSTPONED';
  stateNote: string;
  reportPublishedAt: Date | null;
  cityWide: boolean;
  districtIds: number[];
}>;

const DAY = 86_400_000;

/**
 * A published consultation open around 2026-11-24 (the test clock's default) unless told otherwise;
 * creates a department when none is given.
 */
export async function createConsultation(db: Db, data: ConsultationData = {}) {
  const departmentId = data.departmentId ?? (await createDepartment(db)).id;
  const title = data.title ?? `Konsultacja ${uid()}`;
  const startsAt = data.startsAt ?? new Date(Date.parse('2026-11-24T10:00:00Z') - 10 * DAY);
  const { districtIds = [], ...rest } = data;
  return db.consultation.create({
    data: {
      slug: data.slug ?? `konsultacja-${uid()}`,
      title,
      summary: data.summary ?? 'Krótki opis konsultacji.',
      subjectMd: 'Przedmiot konsultacji.',
      subjectHtml: '<p>Przedmiot konsultacji.</p>',
      purposeMd: 'Cel konsultacji.',
      purposeHtml: '<p>Cel konsultacji.</p>',
      forms: ['ONLINE_FORM', 'MEETING'],
      ...rest,
      departmentId,
      startsAt,
      endsAt: data.endsAt ?? new Date(startsAt.getTime() + 21 * DAY),
      publishedAt: data.publishedAt === undefined ? new Date(startsAt.getTime() - 7 * DAY) : data.publishedAt,
      cityWide: data.cityWide ?? districtIds.length === 0,
      districts: { create: districtIds.map((districtId) => ({ districtId })) },
    },
  });
}

export function createMeeting(db: Db, consultationId: number, data: Partial<{ title: string; startsAt: Date; endsAt: Date | null; place: string; onlineUrl: string }> = {}) {
  return db.meeting.create({
    data: {
      consultationId,
      title: data.title ?? 'Spotkanie konsultacyjne',
      startsAt: data.startsAt ?? new Date('2026-11-28T16:00:00Z'),
      endsAt: data.endsAt === undefined ? new Date('2026-11-28T18:00:00Z') : data.endsAt,
      place: data.place ?? 'Urząd Miasta Częstochowy, ul. Śląska 11/13, sala 10',
      onlineUrl: data.onlineUrl ?? '',
    },
  });
}

export function createTopic(db: Db, data: Partial<{ slug: string; name: string }> = {}) {
  const slug = data.slug ?? `temat-${uid()}`;
  return db.topic.create({ data: { slug, name: data.name ?? `Temat ${slug}` } });
}
