// View models of the public consultation pages: every value formatted for the resident's language,
// nothing a template would have to decide, and no field the page does not show.
import { pageLinks } from '../../http/pagination.js';
import { formatters, translator, type Locale } from '../../i18n/i18n.js';
import { attachmentUrls } from '../attachments/attachment-urls.js';
import { publicDocument } from '../attachments/public-documents.js';
import { daysLeft, statusOf, type ConsultationStatus, type StatusFields } from './consultation-status.js';
import { LIST_PHASES, type ConsultationDetail, type ConsultationListRow, type listConsultations, type listFilterOptions, type UpcomingMeeting } from './consultations.queries.js';
import type { ListQuery } from './consultations.schema.js';
import { consultationUrls } from './consultations.urls.js';

export type Fmt = ReturnType<typeof viewFormat>;

export function viewFormat(locale: Locale) {
  return { locale, t: translator(locale), ...formatters(locale) };
}

/** The last moment a consultation is open: "do 30 listopada" whether it ends at 23:59:59.999 or at midnight. */
export const lastMoment = (endsAt: Date) => new Date(endsAt.getTime() - 1);

export function datesText(fmt: Fmt, c: { startsAt: Date; endsAt: Date }): string {
  return fmt.t('consultations.dates', { start: fmt.formatDate(c.startsAt), end: fmt.formatDate(lastMoment(c.endsAt)) });
}

export function statusView(fmt: Fmt, c: StatusFields, now: Date) {
  const code = statusOf(c, now);
  const days = daysLeft(c, now);
  return {
    label: fmt.t(`consultations.status.${code}`),
    /** For the tag's look only; the label always says it in words. */
    modifier: code.toLowerCase().replace(/_/g, '-'),
    daysLeft: days === null ? null : fmt.t(fmt.plural('consultations.daysLeft', days), { count: days }),
    code: code satisfies ConsultationStatus,
  };
}

function scopeText(fmt: Fmt, c: Pick<ConsultationListRow, 'cityWide' | 'districts'>): string {
  return c.cityWide ? fmt.t('consultations.cityWide') : c.districts.map((d) => d.district.name).join(', ');
}

export function listItemView(fmt: Fmt, c: ConsultationListRow, now: Date) {
  return {
    title: c.title,
    href: consultationUrls.show(c),
    summary: c.summary,
    dates: datesText(fmt, c),
    startIso: fmt.isoDate(c.startsAt),
    status: statusView(fmt, c, now),
    department: c.department.name,
    scope: scopeText(fmt, c),
  };
}
export type ListItemView = ReturnType<typeof listItemView>;

/** Only web addresses become links: a javascript: or data: URL typed in the panel stays inert. */
function webUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function meetingTime(fmt: Fmt, m: { startsAt: Date; endsAt: Date | null }): string {
  const date = fmt.formatDate(m.startsAt);
  if (!m.endsAt) return fmt.t('consultations.meeting.timeStart', { date, start: fmt.formatTime(m.startsAt) });
  if (fmt.formatDate(m.endsAt) === date) return fmt.t('consultations.meeting.timeRange', { date, start: fmt.formatTime(m.startsAt), end: fmt.formatTime(m.endsAt) });
  return fmt.t('consultations.meeting.span', { start: fmt.formatDateTime(m.startsAt), end: fmt.formatDateTime(m.endsAt) });
}

type MeetingFields = Pick<UpcomingMeeting, 'id' | 'title' | 'startsAt' | 'endsAt' | 'place' | 'onlineUrl' | 'description'>;

export function meetingView(fmt: Fmt, m: MeetingFields, consultation: { slug: string; title: string }) {
  return {
    id: m.id,
    title: m.title,
    when: meetingTime(fmt, m),
    startIso: fmt.isoDate(m.startsAt),
    place: m.place,
    onlineUrl: webUrl(m.onlineUrl),
    description: m.description,
    icsHref: consultationUrls.meetingCalendar(consultation, m),
    consultation: { title: consultation.title, href: consultationUrls.show(consultation) },
  };
}
export type MeetingView = ReturnType<typeof meetingView>;

export function upcomingMeetingView(fmt: Fmt, m: UpcomingMeeting) {
  return meetingView(fmt, m, m.consultation);
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+$/;

function contactView(fmt: Fmt, c: ConsultationDetail) {
  const phoneDigits = c.contactPhone.replace(/[^\d+]/g, '');
  const contact = {
    name: c.contactName,
    email: EMAIL.test(c.contactEmail) ? { text: c.contactEmail, href: `mailto:${c.contactEmail}` } : null,
    phone: c.contactPhone ? { text: c.contactPhone, href: phoneDigits.length >= 3 ? `tel:${phoneDigits}` : null } : null,
    place: c.contactPlace,
  };
  return contact.name || contact.email || contact.phone || contact.place ? contact : null;
}

export function detailView(fmt: Fmt, c: ConsultationDetail, now: Date) {
  const documents = c.attachments.filter((a) => a.kind === 'DOCUMENT');
  const images = c.attachments.filter((a) => a.kind === 'IMAGE');
  const status = statusView(fmt, c, now);
  return {
    ...listItemView(fmt, c, now),
    status,
    notice: status.code === 'CANCELLED' || status.code === 'POSTPONED' ? { text: fmt.t(`consultations.show.${status.code === 'CANCELLED' ? 'cancelled' : 'postponed'}`), note: c.stateNote } : null,
    endIso: fmt.isoDate(c.endsAt),
    topic: c.topic?.name ?? null,
    // Rendered from Markdown and sanitised when staff saved it (src/lib/markdown.ts).
    subjectHtml: c.subjectHtml,
    purposeHtml: c.purposeHtml,
    legalBasis: c.legalBasis,
    addressees: c.addressees,
    forms: c.forms.map((f) => fmt.t(`consultations.form.${f}`)),
    coordinator: c.coordinator,
    contact: contactView(fmt, c),
    calendarHref: consultationUrls.calendar(c),
    reportText: fmt.t(c.endsAt <= now ? 'consultations.show.reportPending' : 'consultations.show.reportSoon'),
    documents: documents.map((a) => publicDocument(a, fmt.formatFileSize)),
    images: images.map((a) => ({
      href: attachmentUrls.download(a),
      // Until the thumbnail is made the browser scales the image itself.
      src: a.thumbnailName ? attachmentUrls.thumbnail(a) : attachmentUrls.download(a),
      alt: a.altText,
    })),
    meetings: c.meetings.map((m) => meetingView(fmt, m, c)),
  };
}
export type DetailView = ReturnType<typeof detailView>;

type ListResult = Awaited<ReturnType<typeof listConsultations>>;
type FilterOptions = Awaited<ReturnType<typeof listFilterOptions>>;

export function listPageView(fmt: Fmt, query: ListQuery, result: ListResult, options: FilterOptions, now: Date) {
  // Only the filters that were understood are echoed in the form and carried to the other pages.
  const values = { q: query.q, status: query.status, wydzial: query.wydzial, dzielnica: query.dzielnica, temat: query.temat, rok: query.rok?.toString() };
  return {
    titleKey: 'consultations.list.title',
    breadcrumbs: [{ key: 'nav.consultations' }],
    values,
    options: {
      status: LIST_PHASES.map((p) => ({ value: p, label: fmt.t(`consultations.phase.${p}`) })),
      wydzial: options.departments.map((d) => ({ value: d.code, label: d.name })),
      dzielnica: options.districts.map((d) => ({ value: d.slug, label: d.name })),
      temat: options.topics.map((d) => ({ value: d.slug, label: d.name })),
      rok: options.years.map((y) => ({ value: String(y), label: String(y) })),
    },
    hasFilters: Object.values(values).some((v) => v !== undefined),
    clearHref: consultationUrls.list(),
    found: fmt.t(fmt.plural('consultations.list.found', result.total), { count: fmt.formatNumber(result.total) }),
    total: result.total,
    groups: result.groups.map((g) => ({
      phase: g.phase,
      heading: fmt.t('consultations.list.group', { phase: fmt.t(`consultations.phase.${g.phase}`), count: fmt.formatNumber(g.count) }),
      items: g.items.map((row) => listItemView(fmt, row, now)),
    })),
    pagination: pageLinks(consultationUrls.list(), values, result),
  };
}
