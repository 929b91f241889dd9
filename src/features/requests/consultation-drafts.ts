// A request accepted by the city or an item of the annual plan becomes a draft consultation in one
// step: prefilled, owned by the chosen department, unpublished, with dates staff will set. The caller
// links it to its source in the same transaction.
import type { Db } from '../../db/client.js';
import type { ParticipationForm } from '../../generated/prisma/enums.js';
import { endOfWarsawDay, warsawInstant, warsawParts } from '../../lib/dates.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { freeSlug, RULES } from '../consultations/panel-consultations.service.js';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface DraftSource {
  title: string;
  summary: string;
  subjectMd: string;
  purposeMd: string;
  forms: ParticipationForm[];
  departmentId: number;
  districtIds: number[];
  createdById: number;
}

const DAY = 86_400_000;
const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * Placeholder dates that keep the usual rules (notice, 21 days): from the first day of the planned
 * month when that is far enough ahead, otherwise a month from today. Staff set the real ones.
 */
export function draftDates(now: Date, planned?: { year: number; month: number }): { startDate: string; endDate: string } {
  const today = warsawParts(now).date;
  const earliest = addDays(today, Math.max(30, RULES.minNoticeDays));
  const monthStart = planned ? `${planned.year}-${String(planned.month).padStart(2, '0')}-01` : '';
  const startDate = monthStart > earliest ? monthStart : earliest;
  return { startDate, endDate: addDays(startDate, 20) };
}

export async function createDraftConsultation(tx: Tx, source: DraftSource, dates: { startDate: string; endDate: string }): Promise<{ id: number; slug: string }> {
  return tx.consultation.create({
    data: {
      slug: await freeSlug(tx, source.title),
      title: source.title,
      summary: source.summary.slice(0, 600),
      subjectMd: source.subjectMd,
      subjectHtml: renderMarkdown(source.subjectMd),
      purposeMd: source.purposeMd,
      purposeHtml: renderMarkdown(source.purposeMd),
      forms: [...new Set(source.forms)],
      cityWide: source.districtIds.length === 0,
      departmentId: source.departmentId,
      startsAt: warsawInstant(dates.startDate),
      endsAt: endOfWarsawDay(dates.endDate),
      publishedAt: null,
      createdById: source.createdById,
      districts: { create: source.districtIds.map((districtId) => ({ districtId })) },
    },
    select: { id: true, slug: true },
  });
}
