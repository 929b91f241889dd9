// The remarks and report sections of a consultation's public page: the link to the form while it is
// open, the draft, the number of remarks, and the report (or its due date, counting down).
import type { Db } from '../../db/client.js';
import { statusOf, type StatusFields } from '../consultations/consultation-status.js';
import { lastMoment, type Fmt } from '../consultations/consultations.view.js';
import { remarkUrls } from './remarks.urls.js';

/** The report is due this many days after the consultation's end (DOMAIN.md: often 30 days). */
export const REPORT_DUE_DAYS = 30;
const DAY = 86_400_000;

export function reportDueDate(c: { endsAt: Date }): Date {
  return new Date(lastMoment(c.endsAt).getTime() + REPORT_DUE_DAYS * DAY);
}

export async function remarkSectionsView(db: Db, fmt: Fmt, c: StatusFields & { id: number; slug: string }, now: Date) {
  const status = statusOf(c, now);
  const [count, draft] = await Promise.all([db.remark.count({ where: { consultationId: c.id } }), db.consultationDraft.findFirst({ where: { consultationId: c.id }, select: { version: true } })]);
  const due = reportDueDate(c);
  const daysToDue = Math.ceil((due.getTime() - now.getTime()) / DAY);
  const remarksText =
    status === 'OPEN' ? fmt.t('remarks.section.open', { date: fmt.formatDate(lastMoment(c.endsAt)) }) : status === 'PLANNED' || status === 'POSTPONED' ? fmt.t('remarks.section.planned') : fmt.t('remarks.section.closed');
  let reportText: string;
  if (status === 'CLOSED') reportText = fmt.t('report.section.published', { date: fmt.formatDate(c.reportPublishedAt!) });
  else if (status === 'CLOSED_PENDING_REPORT')
    reportText = daysToDue > 0 ? fmt.t(fmt.plural('report.section.pending', daysToDue), { date: fmt.formatDate(due), count: daysToDue }) : fmt.t('report.section.overdue', { date: fmt.formatDate(due) });
  else reportText = fmt.t('report.section.later');
  return {
    remarks: {
      text: remarksText,
      formHref: status === 'OPEN' ? remarkUrls.form(c) : null,
      draftHref: draft ? remarkUrls.draft(c) : null,
      count: count > 0 ? fmt.t('remarks.section.count', { count: fmt.formatNumber(count) }) : null,
    },
    report: {
      pending: status === 'CLOSED_PENDING_REPORT',
      dueIso: due.toISOString(),
      text: reportText,
      href: status === 'CLOSED' ? remarkUrls.report(c) : null,
    },
  };
}
export type RemarkSectionsView = Awaited<ReturnType<typeof remarkSectionsView>>;
