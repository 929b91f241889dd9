// Test data builders of investments: a published one in Częstochowa unless told otherwise.
import crypto from 'node:crypto';
import type { Db } from '../../src/db/client.js';
import type { InvestmentStatus } from '../../src/generated/prisma/enums.js';
import { createDepartment } from './factories.js';

type InvestmentData = Partial<{
  slug: string;
  title: string;
  summary: string;
  status: InvestmentStatus;
  departmentId: number;
  districtIds: number[];
  budgetGrosze: bigint | null;
  euFundingGrosze: bigint | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  latitude: number | null;
  longitude: number | null;
  address: string;
  publishedAt: Date | null;
  archivedAt: Date | null;
  consultationId: number | null;
}>;

const day = (iso: string | null | undefined) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export async function createInvestment(db: Db, data: InvestmentData = {}) {
  const title = data.title ?? `Inwestycja ${crypto.randomBytes(3).toString('hex')}`;
  const departmentId = data.departmentId ?? (await createDepartment(db)).id;
  return db.investment.create({
    data: {
      slug: data.slug ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
      title,
      summary: data.summary ?? '',
      status: data.status ?? 'IN_PROGRESS',
      departmentId,
      budgetGrosze: data.budgetGrosze === undefined ? 1_260_000_000n : data.budgetGrosze,
      euFundingGrosze: data.euFundingGrosze ?? null,
      plannedStart: day(data.plannedStart === undefined ? '2026-03-01' : data.plannedStart),
      plannedEnd: day(data.plannedEnd === undefined ? '2027-06-30' : data.plannedEnd),
      actualStart: day(data.actualStart),
      actualEnd: day(data.actualEnd),
      latitude: data.latitude === undefined ? 50.8118 : data.latitude,
      longitude: data.longitude === undefined ? 19.1203 : data.longitude,
      address: data.address ?? '',
      publishedAt: data.publishedAt === undefined ? new Date('2026-11-01T10:00:00Z') : data.publishedAt,
      archivedAt: data.archivedAt ?? null,
      consultationId: data.consultationId ?? null,
      districts: { create: (data.districtIds ?? []).map((districtId) => ({ districtId })) },
    },
  });
}

export function createProgressUpdate(db: Db, investmentId: number, data: Partial<{ date: string; title: string; bodyHtml: string }> = {}) {
  return db.investmentUpdate.create({ data: { investmentId, date: day(data.date ?? '2026-10-01')!, title: data.title ?? 'Postęp prac', bodyHtml: data.bodyHtml ?? '' } });
}
