// View models of the district pages: the council's details as lists, events formatted in Warsaw time.
import type { Fmt } from '../consultations/consultations.view.js';
import type { DistrictCouncil, DistrictEventRow } from './districts.queries.js';
import { districtUrls } from './districts.urls.js';

/** A text field edited one entry per line, as a list without blank lines. */
export const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

export function councilView(d: DistrictCouncil) {
  const council = {
    chair: d.councilChair,
    members: lines(d.councilMembers),
    seat: d.councilSeat,
    hours: lines(d.councilHours),
    email: d.councilEmail,
    phone: d.councilPhone,
    // Rendered from Markdown and sanitised when it was saved (src/lib/markdown.ts).
    aboutHtml: d.councilAboutHtml,
  };
  const empty = !council.chair && council.members.length === 0 && !council.seat && council.hours.length === 0 && !council.email && !council.phone && !council.aboutHtml;
  return { ...council, empty };
}

export function eventWhen(fmt: Fmt, e: Pick<DistrictEventRow, 'startsAt' | 'endsAt'>): string {
  const start = fmt.formatDateTime(e.startsAt);
  return e.endsAt ? `${start}–${fmt.formatTime(e.endsAt)}` : start;
}

export function eventView(fmt: Fmt, e: DistrictEventRow) {
  return {
    id: e.id,
    anchor: `wydarzenie-${e.id}`,
    title: e.title,
    kind: e.kind,
    kindLabel: fmt.t(`districts.event.kind.${e.kind}`),
    when: eventWhen(fmt, e),
    startIso: fmt.isoDate(e.startsAt),
    place: e.place,
    description: e.description,
    district: { name: e.district.name, href: districtUrls.show(e.district) },
  };
}
export type EventView = ReturnType<typeof eventView>;
