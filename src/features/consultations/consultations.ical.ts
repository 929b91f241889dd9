// iCalendar files of meetings and consultation dates (ical-generator 10), in Warsaw time.
import ical, { ICalEventStatus, type ICalTemporalPlainDateStub, type ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { warsawParts } from '../../lib/dates.js';

const TIME_ZONE = 'Europe/Warsaw';

// EU summer time as Poland keeps it since 1996; every TZID in the file needs its VTIMEZONE (RFC 5545).
const WARSAW_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Warsaw',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

// Given a plain Date and a time zone, ical-generator writes the server's own local time (wrong on a
// server in UTC). Values shaped like Temporal's carry Warsaw's wall-clock fields themselves.
function warsawDateTime(at: Date): ICalTemporalZonedDateTimeStub {
  const p = Object.fromEntries(wallClock.formatToParts(at).map((part) => [part.type, Number(part.value)]));
  const fields = { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
  const iso = at.toISOString();
  const zoned: ICalTemporalZonedDateTimeStub = {
    ...fields,
    timeZoneId: TIME_ZONE,
    toInstant: () => ({ epochMilliseconds: at.getTime(), toJSON: () => iso, toString: () => iso, toZonedDateTimeISO: () => zoned }),
    toJSON: () => iso,
    toString: () => iso,
    toPlainDateTime: () => ({ ...fields, toJSON: () => iso, toString: () => iso, toPlainDate: () => warsawDate(at), toZonedDateTime: () => zoned }),
    withTimeZone: (zone) => {
      if (zone !== TIME_ZONE) throw new Error(`unexpected time zone ${zone}`);
      return zoned;
    },
  };
  return zoned;
}

/** The calendar day of an instant in Warsaw, for all-day events. */
function warsawDate(at: Date): ICalTemporalPlainDateStub & { toPlainDateTime(): never } {
  const date = warsawParts(at).date;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // toPlainDateTime is only there so that ical-generator recognises the value as a date.
  return { year, month, day, toJSON: () => date, toString: () => date, toPlainDateTime: () => { throw new Error('a date has no time'); } };
}

export interface CalendarEvent {
  /** Stable across downloads and feeds, so calendars update an event instead of adding a copy. */
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  url: string;
  start: Date;
  end?: Date | null;
  /** A whole day: the Warsaw calendar day of `start`. */
  allDay?: boolean;
  cancelled?: boolean;
  lastModified?: Date;
}

export function icsCalendar(options: { name: string; now: Date; events: CalendarEvent[] }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Konsultacje', product: 'konsultacje', language: 'PL' },
    // No calendar-wide zone: DTSTAMP stays in UTC; each timed event names Europe/Warsaw itself.
    timezone: { name: null, generator: (zone) => (zone === TIME_ZONE ? WARSAW_VTIMEZONE : null) },
    x: [['X-WR-TIMEZONE', TIME_ZONE]],
  });
  for (const e of options.events) {
    calendar.createEvent({
      id: e.uid,
      summary: e.summary,
      description: e.description || null,
      location: e.location || null,
      url: e.url,
      stamp: options.now,
      lastModified: e.lastModified ?? null,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(e.allDay
        ? { allDay: true, start: warsawDate(e.start) }
        : { timezone: TIME_ZONE, start: warsawDateTime(e.start), end: e.end ? warsawDateTime(e.end) : null }),
    });
  }
  return calendar.toString();
}
