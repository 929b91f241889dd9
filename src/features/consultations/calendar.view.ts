// The calendar page (events by month) and the iCalendar events of meetings and consultation dates.
import { warsawInstant, warsawParts } from '../../lib/dates.js';
import type { CalendarEvent } from './consultations.ical.js';
import { districtUrls } from '../districts/districts.urls.js';
import { eventWhen } from '../districts/districts.view.js';
import type { calendarEntriesWithDistrictEvents, ConsultationDates, UpcomingMeeting } from './consultations.queries.js';
import { calendarUrls, consultationUrls } from './consultations.urls.js';
import { lastMoment, meetingView, type Fmt } from './consultations.view.js';

/** From the start of today in Warsaw to the same day a year later: what the calendar shows. */
export function calendarWindow(now: Date, daysBack = 0): { from: Date; to: Date } {
  const today = warsawParts(now).date;
  const [y, m, d] = today.split('-');
  const from = new Date(warsawInstant(today).getTime() - daysBack * 86_400_000);
  return { from, to: warsawInstant(`${Number(y) + 1}-${m}-${d}`) };
}

interface Entry {
  at: Date;
  allDay: boolean;
  kind: 'meeting' | 'start' | 'end' | 'districtEvent';
  title: string;
  href: string;
  when: string;
  isoDate: string;
  place?: string;
  icsHref?: string;
}

const capitalised = (text: string, locale: string) => text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);

export function calendarPageView(fmt: Fmt, entries: Awaited<ReturnType<typeof calendarEntriesWithDistrictEvents>>, window: { from: Date; to: Date }) {
  const list: Entry[] = [];
  for (const e of entries.districtEvents) {
    list.push({ at: e.startsAt, allDay: false, kind: 'districtEvent', title: `${e.title} – ${e.district.name}`, href: districtUrls.event(e.district, e), when: eventWhen(fmt, e), isoDate: fmt.isoDate(e.startsAt), place: e.place });
  }
  for (const m of entries.meetings) {
    const view = meetingView(fmt, m, m.consultation);
    list.push({ at: m.startsAt, allDay: false, kind: 'meeting', title: `${m.title} – ${m.consultation.title}`, href: view.consultation.href, when: view.when, isoDate: view.startIso, place: m.place, icsHref: view.icsHref });
  }
  const inWindow = (at: Date) => at >= window.from && at < window.to;
  for (const c of entries.consultations) {
    const href = consultationUrls.show(c);
    if (inWindow(c.startsAt)) list.push({ at: c.startsAt, allDay: true, kind: 'start', title: c.title, href, when: fmt.formatDate(c.startsAt), isoDate: warsawParts(c.startsAt).date });
    const last = lastMoment(c.endsAt);
    if (inWindow(last)) list.push({ at: last, allDay: true, kind: 'end', title: c.title, href, when: fmt.formatDate(last), isoDate: warsawParts(last).date });
  }
  // By day; within a day the consultation dates first, then meetings by time.
  const dayOf = (e: Entry) => warsawParts(e.at).date;
  list.sort((a, b) => dayOf(a).localeCompare(dayOf(b)) || Number(b.allDay) - Number(a.allDay) || a.at.getTime() - b.at.getTime());

  const months: { key: string; heading: string; items: (Entry & { kindLabel: string })[] }[] = [];
  for (const entry of list) {
    const key = dayOf(entry).slice(0, 7);
    let month = months.at(-1);
    if (month?.key !== key) {
      month = { key, heading: capitalised(fmt.formatMonthYear(entry.at), fmt.locale), items: [] };
      months.push(month);
    }
    month.items.push({ ...entry, kindLabel: fmt.t(`calendar.kind.${entry.kind}`) });
  }
  return { titleKey: 'calendar.title', breadcrumbs: [{ key: 'calendar.title' }], feedHref: calendarUrls.feed(), months };
}

/** Absolute links and globally unique ids need the portal's own address. */
export interface Site {
  baseUrl: string;
}
const uidHost = (site: Site) => new URL(site.baseUrl).host;
const absolute = (site: Site, path: string) => new URL(path, site.baseUrl).href;

type DatesFields = Pick<ConsultationDates, 'id' | 'slug' | 'title' | 'startsAt' | 'endsAt' | 'state' | 'updatedAt'>;

/** The first and the last day of a consultation, as whole-day events. */
export function consultationDateEvents(fmt: Fmt, site: Site, c: DatesFields): CalendarEvent[] {
  const common = { url: absolute(site, consultationUrls.show(c)), allDay: true, cancelled: c.state !== 'ACTIVE', lastModified: c.updatedAt };
  return [
    { ...common, uid: `konsultacja-${c.id}-poczatek@${uidHost(site)}`, summary: fmt.t('calendar.ics.start', { title: c.title }), start: c.startsAt },
    { ...common, uid: `konsultacja-${c.id}-koniec@${uidHost(site)}`, summary: fmt.t('calendar.ics.end', { title: c.title }), start: lastMoment(c.endsAt) },
  ];
}

type MeetingFields = Pick<UpcomingMeeting, 'id' | 'title' | 'startsAt' | 'endsAt' | 'place' | 'onlineUrl' | 'description'>;

export function meetingEvent(fmt: Fmt, site: Site, m: MeetingFields, c: Pick<DatesFields, 'slug' | 'title' | 'state'>): CalendarEvent {
  const view = meetingView(fmt, m, c);
  return {
    uid: `spotkanie-${m.id}@${uidHost(site)}`,
    summary: fmt.t('calendar.ics.meeting', { meeting: m.title, title: c.title }),
    description: [m.description, view.onlineUrl].filter(Boolean).join('\n\n'),
    location: m.place || view.onlineUrl || '',
    url: absolute(site, view.consultation.href),
    start: m.startsAt,
    end: m.endsAt,
    cancelled: c.state !== 'ACTIVE',
  };
}
