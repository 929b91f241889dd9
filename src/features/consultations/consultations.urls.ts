// Public URLs of consultations and the calendar, built in one place (Polish and stable).
import type { PublicPhase } from './consultation-status.js';

type Slugged = { slug: string };

export const consultationUrls = {
  list: (query: Record<string, string | number | undefined> = {}) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
    const qs = params.toString();
    return qs ? `/konsultacje?${qs}` : '/konsultacje';
  },
  phase: (phase: PublicPhase) => consultationUrls.list({ status: phase }),
  show: (c: Slugged) => `/konsultacje/${encodeURIComponent(c.slug)}`,
  calendar: (c: Slugged) => `/konsultacje/${encodeURIComponent(c.slug)}/kalendarz.ics`,
  meetingCalendar: (c: Slugged, m: { id: number }) => `/konsultacje/${encodeURIComponent(c.slug)}/spotkania/${m.id}.ics`,
};

export const calendarUrls = {
  page: () => '/kalendarz',
  feed: () => '/kalendarz.ics',
};
