// The calendar page and the iCalendar files: what a resident sees by month and what a calendar program imports.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createMeeting } from '../helpers/factories.js';
import { html } from '../helpers/http.js';
import { eventsOf, parseIcs, type IcsComponent } from '../helpers/ical.js';

const ctx = useTestApp();
const NOW = '2026-11-24T10:00:00Z';
beforeEach(() => ctx.clock.set(NOW));

const get = (path: string) => request(ctx.app).get(path);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A consultation open now (ends 5 December), one planned for January, and ones the calendar must leave out. */
async function calendarData() {
  const { db } = ctx.deps;
  const open = await createConsultation(db, {
    slug: 'aleja',
    title: 'III Aleja',
    startsAt: new Date('2026-11-10T00:00:00+01:00'),
    endsAt: new Date('2026-12-05T23:59:59.999+01:00'),
    publishedAt: new Date('2026-11-01T09:00:00+01:00'),
  });
  const planned = await createConsultation(db, {
    slug: 'promenada',
    title: 'Promenada Niemena',
    startsAt: new Date('2027-01-12T00:00:00+01:00'),
    endsAt: new Date('2027-02-02T23:59:59.999+01:00'),
    publishedAt: new Date('2026-11-20T09:00:00+01:00'),
  });
  const meeting = await createMeeting(db, open.id, { title: 'Spotkanie w Urzędzie', startsAt: new Date('2026-11-28T16:00:00Z'), endsAt: new Date('2026-11-28T18:00:00Z'), place: 'ul. Śląska 11/13, sala 10' });
  const todayEarlier = await createMeeting(db, open.id, { title: 'Dyżur eksperta', startsAt: new Date('2026-11-24T07:00:00Z'), endsAt: new Date('2026-11-24T08:00:00Z'), place: 'Plac Biegańskiego' });
  await createMeeting(db, open.id, { title: 'Wczorajsze spotkanie', startsAt: new Date('2026-11-23T16:00:00Z'), endsAt: null });
  await createMeeting(db, open.id, { title: 'Spotkanie sprzed miesiąca', startsAt: new Date('2026-10-20T16:00:00Z'), endsAt: null });
  await createMeeting(db, open.id, { title: 'Spotkanie sprzed pół roku', startsAt: new Date('2026-05-20T16:00:00Z'), endsAt: null });
  const draft = await createConsultation(db, { title: 'Szkic', publishedAt: null, startsAt: new Date('2026-12-10T10:00:00Z'), endsAt: new Date('2026-12-20T10:00:00Z') });
  await createMeeting(db, draft.id, { title: 'Spotkanie szkicu', startsAt: new Date('2026-12-12T16:00:00Z'), endsAt: null });
  const scheduled = await createConsultation(db, { title: 'Publikacja jutro', publishedAt: new Date('2026-11-25T08:00:00Z'), startsAt: new Date('2026-12-10T10:00:00Z'), endsAt: new Date('2026-12-20T10:00:00Z') });
  await createMeeting(db, scheduled.id, { title: 'Spotkanie przed publikacją', startsAt: new Date('2026-12-12T16:00:00Z'), endsAt: null });
  const cancelled = await createConsultation(db, { slug: 'odwolana', title: 'Odwołana', state: 'CANCELLED', startsAt: new Date('2026-12-10T10:00:00Z'), endsAt: new Date('2026-12-20T10:00:00Z'), publishedAt: new Date('2026-11-01T10:00:00Z') });
  const cancelledMeeting = await createMeeting(db, cancelled.id, { title: 'Spotkanie odwołanej', startsAt: new Date('2026-12-12T16:00:00Z'), endsAt: null });
  await createConsultation(db, { title: 'Za dwa lata', startsAt: new Date('2028-03-01T10:00:00Z'), endsAt: new Date('2028-03-20T10:00:00Z'), publishedAt: new Date('2026-11-01T10:00:00Z') });
  return { open, planned, meeting, todayEarlier, cancelled, cancelledMeeting };
}

describe('GET /kalendarz', () => {
  it('lists upcoming meetings and consultation start and end dates by month, with Polish month names and links', async () => {
    await calendarData();
    const $ = html((await get('/kalendarz').expect(200)).text);
    expect($('main h1').text()).toBe('Kalendarz');
    expect($('.main-nav [aria-current="page"]').text()).toBe('Kalendarz');
    expect($('.calendar-month h2').map((_, h) => $(h).text()).get()).toEqual(['Listopad 2026', 'Grudzień 2026', 'Styczeń 2027', 'Luty 2027']);
    const entries = $('.calendar-entry')
      .map((_, li) => [[squash($(li).find('.calendar-entry__when').text()), $(li).find('.calendar-entry__kind').text(), $(li).find('.calendar-entry__title').text(), $(li).find('.calendar-entry__title a').attr('href')]])
      .get();
    expect(entries).toEqual([
      ['24 listopada 2026, 08:00–09:00', 'Spotkanie', 'Dyżur eksperta – III Aleja', '/konsultacje/aleja'],
      ['28 listopada 2026, 17:00–19:00', 'Spotkanie', 'Spotkanie w Urzędzie – III Aleja', '/konsultacje/aleja'],
      ['5 grudnia 2026', 'Ostatni dzień konsultacji', 'III Aleja', '/konsultacje/aleja'],
      ['12 stycznia 2027', 'Początek konsultacji', 'Promenada Niemena', '/konsultacje/promenada'],
      ['2 lutego 2027', 'Ostatni dzień konsultacji', 'Promenada Niemena', '/konsultacje/promenada'],
    ]);
    expect($('.calendar-entry').eq(1).find('.calendar-entry__place').text()).toBe('ul. Śląska 11/13, sala 10');
    expect($('.calendar-entry').eq(1).find('a[download]').attr('href')).toMatch(/^\/konsultacje\/aleja\/spotkania\/\d+\.ics$/);
    expect($('a[href="/kalendarz.ics"]').text()).toContain('Subskrybuj kalendarz');
    for (const absent of ['Szkic', 'szkicu', 'Publikacja jutro', 'przed publikacją', 'Odwołana', 'odwołanej', 'Wczorajsze', 'Za dwa lata']) expect($('main').text()).not.toContain(absent);
  });

  it('names the months in English for English readers', async () => {
    await calendarData();
    const agent = request.agent(ctx.app);
    await agent.get('/jezyk/en').expect(303);
    const $ = html((await agent.get('/kalendarz').expect(200)).text);
    expect($('.calendar-month h2').first().text()).toBe('November 2026');
    expect($('.calendar-entry__kind').first().text()).toBe('Meeting');
  });

  it('says so when nothing is coming up', async () => {
    const $ = html((await get('/kalendarz').expect(200)).text);
    expect($('main .notice').text()).toContain('W najbliższych miesiącach nie zaplanowano żadnych wydarzeń.');
  });
});

function expectWarsawZone(calendar: IcsComponent) {
  const zone = calendar.components.find((c) => c.type === 'VTIMEZONE');
  expect(zone?.get('TZID')).toBe('Europe/Warsaw');
  expect(zone?.components.map((c) => [c.type, c.get('TZOFFSETTO')])).toEqual([
    ['DAYLIGHT', '+0200'],
    ['STANDARD', '+0100'],
  ]);
}

const byUid = (events: IcsComponent[]) => Object.fromEntries(events.map((e) => [e.get('UID')!, e]));

describe('GET /kalendarz.ics', () => {
  it('is an iCalendar feed of the public events in Warsaw time, each with a stable id', async () => {
    const { open, planned, meeting, cancelledMeeting } = await calendarData();
    const res = await get('/kalendarz.ics').expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="konsultacje\.ics"/);
    const calendar = parseIcs(res.text);
    expect(calendar.get('VERSION')).toBe('2.0');
    expect(calendar.get('X-WR-CALNAME')).toBe('Kalendarz konsultacji społecznych');
    expectWarsawZone(calendar);

    const events = byUid(eventsOf(calendar));
    expect(Object.keys(events).sort()).toEqual(
      [
        // The recent past stays in the feed (90 days), so subscribed calendars do not lose it.
        `konsultacja-${open.id}-poczatek@localhost:3000`,
        `konsultacja-${open.id}-koniec@localhost:3000`,
        `konsultacja-${planned.id}-koniec@localhost:3000`,
        `konsultacja-${planned.id}-poczatek@localhost:3000`,
        `spotkanie-${meeting.id}@localhost:3000`,
        ...eventsOf(calendar)
          .filter((e) => /Dyżur|Wczorajsze|sprzed miesiąca/.test(e.get('SUMMARY')!))
          .map((e) => e.get('UID')!),
      ].sort(),
    );
    for (const absent of ['pół roku', 'Szkic', 'szkicu', 'Publikacja jutro', 'przed publikacją', 'Odwołana', 'odwołanej', 'Za dwa lata']) {
      expect(Object.values(events).map((e) => e.get('SUMMARY'))).not.toContainEqual(expect.stringContaining(absent));
    }
    expect(Object.keys(events)).not.toContain(`spotkanie-${cancelledMeeting.id}@localhost:3000`);

    const m = events[`spotkanie-${meeting.id}@localhost:3000`]!;
    expect(m.get('SUMMARY')).toBe('Spotkanie w Urzędzie – III Aleja');
    expect(m.prop('DTSTART')).toMatchObject({ params: { TZID: 'Europe/Warsaw' }, value: '20261128T170000' });
    expect(m.prop('DTEND')).toMatchObject({ params: { TZID: 'Europe/Warsaw' }, value: '20261128T190000' });
    expect(m.get('LOCATION')).toBe('ul. Śląska 11/13, sala 10');
    expect(m.get('URL')).toBe('http://localhost:3000/konsultacje/aleja');
    expect(m.get('DTSTAMP')).toBe('20261124T100000Z');
    expect(m.get('STATUS')).toBe('CONFIRMED');

    const start = events[`konsultacja-${planned.id}-poczatek@localhost:3000`]!;
    expect(start.get('SUMMARY')).toBe('Początek konsultacji: Promenada Niemena');
    expect(start.prop('DTSTART')).toMatchObject({ params: { VALUE: 'DATE' }, value: '20270112' });
    const end = events[`konsultacja-${open.id}-koniec@localhost:3000`]!;
    expect(end.get('SUMMARY')).toBe('Ostatni dzień konsultacji: III Aleja');
    expect(end.prop('DTSTART')).toMatchObject({ params: { VALUE: 'DATE' }, value: '20261205' });

    // The same ids on the next download: calendars update events instead of doubling them.
    ctx.clock.set('2026-11-25T10:00:00Z');
    const again = byUid(eventsOf(parseIcs((await get('/kalendarz.ics').expect(200)).text)));
    expect(Object.keys(again)).toEqual(expect.arrayContaining([`spotkanie-${meeting.id}@localhost:3000`, `konsultacja-${planned.id}-poczatek@localhost:3000`]));
  });

  it('writes summer meetings in summer time', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'lato', title: 'Lato', startsAt: new Date('2027-06-01T10:00:00Z'), endsAt: new Date('2027-07-30T10:00:00Z'), publishedAt: new Date('2026-11-01T10:00:00Z') });
    await createMeeting(ctx.deps.db, c.id, { title: 'Lipcowe', startsAt: new Date('2027-07-01T16:00:00Z'), endsAt: null });
    const events = eventsOf(parseIcs((await get('/kalendarz.ics').expect(200)).text));
    expect(events.find((e) => e.get('SUMMARY') === 'Lipcowe – Lato')?.prop('DTSTART')).toMatchObject({ params: { TZID: 'Europe/Warsaw' }, value: '20270701T180000' });
  });
});

describe('GET /konsultacje/:slug/kalendarz.ics', () => {
  it('holds the consultation first and last day and all its meetings, as a download named after it', async () => {
    const { open, meeting, todayEarlier } = await calendarData();
    const res = await get('/konsultacje/aleja/kalendarz.ics').expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="aleja\.ics"/);
    const calendar = parseIcs(res.text);
    expect(calendar.get('X-WR-CALNAME')).toBe('III Aleja');
    expectWarsawZone(calendar);
    const events = eventsOf(calendar);
    expect(events.map((e) => e.get('SUMMARY'))).toEqual([
      'Początek konsultacji: III Aleja',
      'Ostatni dzień konsultacji: III Aleja',
      'Spotkanie sprzed pół roku – III Aleja',
      'Spotkanie sprzed miesiąca – III Aleja',
      'Wczorajsze spotkanie – III Aleja',
      'Dyżur eksperta – III Aleja',
      'Spotkanie w Urzędzie – III Aleja',
    ]);
    expect(events[0]!.prop('DTSTART')?.value).toBe('20261110');
    expect(events[1]!.prop('DTSTART')?.value).toBe('20261205');
    expect(events.map((e) => e.get('UID'))).toEqual(expect.arrayContaining([`konsultacja-${open.id}-poczatek@localhost:3000`, `spotkanie-${meeting.id}@localhost:3000`, `spotkanie-${todayEarlier.id}@localhost:3000`]));
  });

  it('marks the events of a cancelled consultation as cancelled, so an imported copy is updated', async () => {
    const { cancelledMeeting } = await calendarData();
    const events = eventsOf(parseIcs((await get('/konsultacje/odwolana/kalendarz.ics').expect(200)).text));
    expect(events.map((e) => e.get('STATUS'))).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(events.map((e) => e.get('UID'))).toContain(`spotkanie-${cancelledMeeting.id}@localhost:3000`);
  });

  it('is 404 for a draft, a scheduled or an unknown consultation', async () => {
    await createConsultation(ctx.deps.db, { slug: 'szkic', publishedAt: null });
    await createConsultation(ctx.deps.db, { slug: 'pozniej', publishedAt: new Date('2026-12-01T10:00:00Z') });
    for (const slug of ['szkic', 'pozniej', 'nie-ma', 'Z%C5%81A']) await get(`/konsultacje/${slug}/kalendarz.ics`).expect(404);
  });
});

describe('GET /konsultacje/:slug/spotkania/:id.ics', () => {
  it('is one meeting, with its place and the online link, and the same id as in the feeds', async () => {
    const { db } = ctx.deps;
    const c = await createConsultation(db, { slug: 'park', title: 'Park; Lisiniec, etap 2' });
    const m = await createMeeting(db, c.id, { title: 'Spacer', startsAt: new Date('2026-11-26T15:30:00Z'), endsAt: null, place: 'Wejście od ul. Sabinowskiej', onlineUrl: 'https://spotkanie.example.org/park' });
    const res = await get(`/konsultacje/park/spotkania/${m.id}.ics`).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="spotkanie-${m.id}\\.ics"`));
    const [event, ...rest] = eventsOf(parseIcs(res.text));
    expect(rest).toEqual([]);
    expect(event!.get('UID')).toBe(`spotkanie-${m.id}@localhost:3000`);
    expect(event!.get('SUMMARY')).toBe('Spacer – Park; Lisiniec, etap 2');
    expect(event!.prop('DTSTART')).toMatchObject({ params: { TZID: 'Europe/Warsaw' }, value: '20261126T163000' });
    expect(event!.prop('DTEND')).toBeUndefined();
    expect(event!.get('LOCATION')).toBe('Wejście od ul. Sabinowskiej');
    expect(event!.get('DESCRIPTION')).toBe('https://spotkanie.example.org/park');
    expect(event!.get('URL')).toBe('http://localhost:3000/konsultacje/park');
  });

  it('is 404 for a meeting of another or an unpublished consultation, and for a malformed id', async () => {
    const { db } = ctx.deps;
    const a = await createConsultation(db, { slug: 'a' });
    const b = await createConsultation(db, { slug: 'b' });
    const draft = await createConsultation(db, { slug: 'szkic', publishedAt: null });
    const ofB = await createMeeting(db, b.id);
    const ofDraft = await createMeeting(db, draft.id);
    await get(`/konsultacje/b/spotkania/${ofB.id}.ics`).expect(200);
    for (const path of [`/konsultacje/a/spotkania/${ofB.id}.ics`, `/konsultacje/szkic/spotkania/${ofDraft.id}.ics`, '/konsultacje/a/spotkania/0.ics', '/konsultacje/a/spotkania/1e3.ics', '/konsultacje/a/spotkania/abc.ics', '/konsultacje/a/spotkania/99999999999.ics']) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect(a.id).toBeGreaterThan(0);
  });
});
