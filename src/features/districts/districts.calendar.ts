// District events in the iCalendar feed, with stable ids so calendars update rather than duplicate them.
import type { Site } from '../consultations/calendar.view.js';
import type { CalendarEvent } from '../consultations/consultations.ical.js';
import type { Fmt } from '../consultations/consultations.view.js';
import type { DistrictEventRow } from './districts.queries.js';
import { districtUrls } from './districts.urls.js';

export function districtEventIcs(fmt: Fmt, site: Site, e: DistrictEventRow): CalendarEvent {
  return {
    uid: `dzielnica-wydarzenie-${e.id}@${new URL(site.baseUrl).host}`,
    summary: fmt.t('calendar.ics.districtEvent', { title: e.title, district: e.district.name }),
    description: e.description,
    location: e.place,
    url: new URL(districtUrls.event(e.district, e), site.baseUrl).href,
    start: e.startsAt,
    end: e.endsAt,
    lastModified: e.updatedAt,
  };
}
