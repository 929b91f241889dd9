// The calendar of consultation meetings and dates: a page by month and an iCalendar feed.
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { localeOf } from '../../http/locals.js';
import { calendarPageView, calendarWindow, consultationDateEvents, meetingEvent } from './calendar.view.js';
import { sendCalendar } from './consultations.handlers.js';
import { icsCalendar } from './consultations.ical.js';
import { districtEventIcs } from '../districts/districts.calendar.js';
import { calendarEntriesWithDistrictEvents } from './consultations.queries.js';
import { viewFormat } from './consultations.view.js';
import { openDataLinks } from '../opendata/opendata.links.js';

// Calendar programs drop events that leave a subscribed feed: keep the recent past in it a while.
const FEED_DAYS_BACK = 90;

export function calendarHandlers({ db, clock, config }: Deps) {
  const page: RequestHandler = async (req, res) => {
    const now = clock.now();
    const window = calendarWindow(now);
    const entries = await calendarEntriesWithDistrictEvents(db, now, window.from, window.to);
    res.render('calendar/index', { ...calendarPageView(viewFormat(localeOf(req)), entries, window), openData: openDataLinks.meetings() });
  };

  const feed: RequestHandler = async (req, res) => {
    const now = clock.now();
    const window = calendarWindow(now, FEED_DAYS_BACK);
    const { meetings, consultations, districtEvents } = await calendarEntriesWithDistrictEvents(db, now, window.from, window.to);
    const fmt = viewFormat(localeOf(req));
    const inWindow = (e: { start: Date }) => e.start >= window.from && e.start < window.to;
    const events = [...consultations.flatMap((c) => consultationDateEvents(fmt, config, c)).filter(inWindow), ...meetings.map((m) => meetingEvent(fmt, config, m, m.consultation)), ...districtEvents.map((e) => districtEventIcs(fmt, config, e))];
    sendCalendar(res, icsCalendar({ name: fmt.t('calendar.ics.name'), now, events }), 'konsultacje.ics', 'inline');
  };

  return { page, feed };
}
