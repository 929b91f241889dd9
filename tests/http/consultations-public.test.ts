// What a resident sees of consultations: the list with its filters, one consultation's page, the home page.
import crypto from 'node:crypto';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createDistrict, createMeeting, createTopic } from '../helpers/factories.js';
import { html } from '../helpers/http.js';
import { countingApp } from '../helpers/query-count.js';

const ctx = useTestApp();
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-24T10:00:00Z'); // the test clock
const at = (days: number) => new Date(NOW + days * DAY);
beforeEach(() => ctx.clock.set(new Date(NOW)));

const get = (path: string) => request(ctx.app).get(path);
const page = async (path: string) => html((await get(path).expect(200)).text);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Each term of a description list as "Termin: od …", the way a screen reader pairs them. */
function termsOf($: ReturnType<typeof html>, list: Parameters<ReturnType<typeof html>>[0]): string[] {
  return $(list)
    .find('dt')
    .map((_, dt) => `${squash($(dt).text())}: ${squash($(dt).next('dd').text())}`)
    .get();
}

/** The titles listed, in order. */
async function titles(path: string): Promise<string[]> {
  const $ = await page(path);
  return $('.consultation-item__title').map((_, el) => squash($(el).text())).get();
}

function createAttachment(db: Db, consultationId: number, data: Partial<{ kind: 'DOCUMENT' | 'IMAGE'; originalName: string; extension: string; mimeType: string; sizeBytes: number; title: string; description: string; altText: string; position: number; thumbnailName: string | null }>) {
  return db.attachment.create({
    data: {
      consultationId,
      kind: data.kind ?? 'DOCUMENT',
      originalName: data.originalName ?? 'plik.pdf',
      storedName: crypto.randomBytes(8).toString('hex'),
      mimeType: data.mimeType ?? 'application/pdf',
      extension: data.extension ?? 'pdf',
      sizeBytes: data.sizeBytes ?? 1234,
      title: data.title ?? '',
      description: data.description ?? '',
      altText: data.altText ?? '',
      position: data.position ?? 0,
      thumbnailName: data.thumbnailName ?? null,
    },
  });
}

describe('GET /konsultacje', () => {
  it('lists open consultations first, then planned ones, then finished ones, under headings with counts', async () => {
    const { db } = ctx.deps;
    await createConsultation(db, { title: 'Zakończone dawno', startsAt: at(-60), endsAt: at(-40) });
    await createConsultation(db, { title: 'Zakończone niedawno', startsAt: at(-30), endsAt: at(-2), reportPublishedAt: at(-1) });
    await createConsultation(db, { title: 'Planowane później', startsAt: at(20), endsAt: at(40), publishedAt: at(-1) });
    await createConsultation(db, { title: 'Planowane wkrótce', startsAt: at(3), endsAt: at(30), publishedAt: at(-1) });
    await createConsultation(db, { title: 'Trwające dłużej', startsAt: at(-5), endsAt: at(20) });
    await createConsultation(db, { title: 'Trwające krócej', startsAt: at(-5), endsAt: at(4) });
    await createConsultation(db, { title: 'Odwołane', startsAt: at(-5), endsAt: at(4), state: 'CANCELLED' });
    await createConsultation(db, { title: 'Przesunięte', startsAt: at(-5), endsAt: at(4), state: 'POSTPONED' });

    const $ = await page('/konsultacje');
    expect($('h1').text()).toBe('Konsultacje');
    expect($('.results__count').text()).toBe('Znaleziono 8 konsultacji');
    expect($('.results__group').map((_, h) => $(h).text()).get()).toEqual(['Trwające (2)', 'Planowane (3)', 'Zakończone (3)']);
    expect(await titles('/konsultacje')).toEqual([
      'Trwające krócej',
      'Trwające dłużej',
      'Przesunięte',
      'Planowane wkrótce',
      'Planowane później',
      // Finished ones by their end date, the latest first: a cancelled one keeps the dates it had.
      'Odwołane',
      'Zakończone niedawno',
      'Zakończone dawno',
    ]);
    const tags = $('.consultation-item .tag').map((_, el) => $(el).text()).get();
    expect(tags).toEqual(['Trwające', 'Trwające', 'Przesunięte', 'Planowane', 'Planowane', 'Odwołane', 'Zakończone (raport opublikowany)', 'Zakończone – trwa opracowanie raportu']);
  });

  it('shows each item as a resident reads it: linked title, summary, dates, days left, organiser, area and status in words', async () => {
    const { db } = ctx.deps;
    const department = await createDepartment(db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    const rakow = await createDistrict(db, { slug: 'rakow', name: 'Raków' });
    const blaszno = await createDistrict(db, { slug: 'bleszno', name: 'Błeszno' });
    await createConsultation(db, {
      slug: 'rondo-w-rakowie',
      title: 'Rondo w Rakowie',
      summary: 'Jak przebudować skrzyżowanie?',
      departmentId: department.id,
      startsAt: new Date('2026-11-10T00:00:00+01:00'),
      endsAt: new Date('2026-11-30T23:59:59.999+01:00'),
      districtIds: [rakow.id, blaszno.id],
    });
    await createConsultation(db, { title: 'Dla całego miasta', startsAt: at(5), endsAt: at(30), publishedAt: at(-1) });

    const $ = await page('/konsultacje');
    const item = $('.consultation-item').first();
    expect(item.find('h3 a').attr('href')).toBe('/konsultacje/rondo-w-rakowie');
    expect(item.find('h3 a').text()).toBe('Rondo w Rakowie');
    expect(item.find('.consultation-item__summary').text()).toBe('Jak przebudować skrzyżowanie?');
    expect(squash(item.find('.consultation-item__status').text())).toBe('Trwające Pozostało 7 dni');
    expect(termsOf($, item)).toEqual(['Termin: od 10 listopada 2026 do 30 listopada 2026', 'Organizator: Miejski Zarząd Dróg i Transportu', 'Zasięg: Błeszno, Raków']);
    expect(termsOf($, $('.consultation-item').eq(1)).at(-1)).toBe('Zasięg: całe miasto');
    expect(squash($('.consultation-item').eq(1).find('.consultation-item__status').text())).toBe('Planowane');
  });

  it('says the days left with Polish plural forms', async () => {
    const { db } = ctx.deps;
    const ends = [1, 2, 5, 22].map((days) => at(days - 0.5));
    for (const [i, endsAt] of ends.entries()) await createConsultation(db, { title: `K${i}`, startsAt: at(-5), endsAt });
    const $ = await page('/konsultacje');
    expect($('.consultation-item__days').map((_, el) => $(el).text()).get()).toEqual(['Pozostał 1 dzień', 'Pozostały 2 dni', 'Pozostało 5 dni', 'Pozostały 22 dni']);
  });

  it('filters by status, department, district (with city-wide ones), topic and year', async () => {
    const { db } = ctx.deps;
    const izDept = await createDepartment(db, { code: 'IZ', name: 'Wydział Inwestycji' });
    const osrDept = await createDepartment(db, { code: 'OŚR', name: 'Wydział Ochrony Środowiska' });
    const rakow = await createDistrict(db, { slug: 'rakow', name: 'Raków' });
    const mirow = await createDistrict(db, { slug: 'mirow', name: 'Mirów' });
    const transport = await createTopic(db, { slug: 'transport', name: 'Transport i drogi' });
    await createConsultation(db, { title: 'A: trwające, IZ, Raków, transport', departmentId: izDept.id, districtIds: [rakow.id], topicId: transport.id });
    await createConsultation(db, { title: 'B: planowane, OŚR, Mirów', departmentId: osrDept.id, districtIds: [mirow.id], startsAt: at(10), endsAt: at(30), publishedAt: at(-1) });
    await createConsultation(db, { title: 'C: zakończone w 2025, całe miasto', departmentId: osrDept.id, startsAt: new Date('2025-03-01T10:00:00Z'), endsAt: new Date('2025-03-30T10:00:00Z') });
    await createConsultation(db, { title: 'D: od grudnia 2025 do stycznia 2026, IZ', departmentId: izDept.id, startsAt: new Date('2025-12-15T10:00:00Z'), endsAt: new Date('2026-01-15T10:00:00Z') });

    expect(await titles('/konsultacje?status=trwajace')).toEqual(['A: trwające, IZ, Raków, transport']);
    expect(await titles('/konsultacje?status=planowane')).toEqual(['B: planowane, OŚR, Mirów']);
    expect(await titles('/konsultacje?status=zakonczone')).toEqual(['D: od grudnia 2025 do stycznia 2026, IZ', 'C: zakończone w 2025, całe miasto']);
    expect(await titles('/konsultacje?wydzial=IZ')).toEqual(['A: trwające, IZ, Raków, transport', 'D: od grudnia 2025 do stycznia 2026, IZ']);
    expect(await titles(`/konsultacje?wydzial=${encodeURIComponent('OŚR')}`)).toEqual(['B: planowane, OŚR, Mirów', 'C: zakończone w 2025, całe miasto']);
    expect(await titles('/konsultacje?dzielnica=mirow')).toEqual(['B: planowane, OŚR, Mirów', 'D: od grudnia 2025 do stycznia 2026, IZ', 'C: zakończone w 2025, całe miasto']);
    expect(await titles('/konsultacje?temat=transport')).toEqual(['A: trwające, IZ, Raków, transport']);
    expect(await titles('/konsultacje?rok=2025')).toEqual(['D: od grudnia 2025 do stycznia 2026, IZ', 'C: zakończone w 2025, całe miasto']);
    expect(await titles('/konsultacje?rok=2026')).toEqual(['A: trwające, IZ, Raków, transport', 'B: planowane, OŚR, Mirów', 'D: od grudnia 2025 do stycznia 2026, IZ']);
    expect(await titles('/konsultacje?status=zakonczone&wydzial=IZ&rok=2026')).toEqual(['D: od grudnia 2025 do stycznia 2026, IZ']);
  });

  it('offers the filters as labelled selects in a GET form with a "Filtruj" button, keeping the chosen values', async () => {
    const { db } = ctx.deps;
    await createDepartment(db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    await createDistrict(db, { slug: 'srodmiescie', name: 'Śródmieście' });
    await createDistrict(db, { slug: 'zawodzie-dabie', name: 'Zawodzie-Dąbie' });
    await createDistrict(db, { slug: 'bleszno', name: 'Błeszno' });
    await createTopic(db, { slug: 'transport', name: 'Transport i drogi' });
    await createConsultation(db, { startsAt: new Date('2024-05-01T10:00:00Z'), endsAt: new Date('2024-06-01T10:00:00Z') });
    await createConsultation(db, {});

    const $ = await page('/konsultacje?status=trwajace&dzielnica=srodmiescie&q=rondo&rok=2025');
    const form = $('form.filters');
    expect(form.attr('method')).toBe('get');
    expect(form.attr('action')).toBe('/konsultacje');
    for (const [name, label] of [['q', 'Szukaj w tytule lub opisie'], ['status', 'Status'], ['wydzial', 'Wydział'], ['dzielnica', 'Dzielnica'], ['temat', 'Temat'], ['rok', 'Rok']]) {
      expect($(`label[for="${name}"]`).text(), name).toBe(label);
      expect(form.find(`[name="${name}"]`).attr('id'), name).toBe(name);
    }
    expect(form.find('button[type="submit"]').text()).toBe('Filtruj');
    expect(form.find('#q').val()).toBe('rondo');
    expect(form.find('#status option:selected').text()).toBe('Trwające');
    expect(form.find('#dzielnica option').map((_, o) => $(o).text()).get()).toEqual(['Wszystkie dzielnice', 'Błeszno', 'Śródmieście', 'Zawodzie-Dąbie']);
    expect(form.find('#dzielnica option:selected').text()).toBe('Śródmieście');
    expect(form.find('#rok option').map((_, o) => $(o).text()).get()).toEqual(['Wszystkie lata', '2026', '2025', '2024']);
    expect(form.find('#rok option:selected').text()).toBe('2025');
    expect(form.find('a.filters__clear').attr('href')).toBe('/konsultacje');
  });

  it('finds text regardless of letter case and Polish diacritics, in titles and summaries', async () => {
    const { db } = ctx.deps;
    await createConsultation(db, { title: 'Przebudowa: ulica Źródlana' });
    await createConsultation(db, { title: 'Park', summary: 'Nowe ławki przy ŹRÓDLANA 5' });
    await createConsultation(db, { title: 'Inna sprawa' });
    await createConsultation(db, { title: 'Rabat 100% dla mieszkańców' });
    expect(await titles('/konsultacje?q=zrodlana')).toEqual(['Przebudowa: ulica Źródlana', 'Park']);
    expect(await titles('/konsultacje?q=%C5%B9R%C3%93DLA')).toEqual(['Przebudowa: ulica Źródlana', 'Park']);
    expect(await titles('/konsultacje?q=ULICA+zrodl')).toEqual(['Przebudowa: ulica Źródlana']);
    // LIKE wildcards typed by a resident are plain characters.
    expect(await titles('/konsultacje?q=100%25')).toEqual(['Rabat 100% dla mieszkańców']);
    expect(await titles('/konsultacje?q=_')).toEqual([]);
  });

  it('pages by 20, counting in SQL, and keeps every filter in the page links', async () => {
    const { db } = ctx.deps;
    const department = await createDepartment(db, { code: 'IZ', name: 'Wydział Inwestycji' });
    for (let i = 0; i < 25; i++) await createConsultation(db, { title: `Droga ${String(i).padStart(2, '0')}`, departmentId: department.id, startsAt: at(-5), endsAt: at(1 + i) });
    await createConsultation(db, { title: 'Droga innego wydziału' });

    const first = await page('/konsultacje?wydzial=IZ&q=droga&status=trwajace');
    expect(first('.results__count').text()).toBe('Znaleziono 25 konsultacji');
    expect(first('.consultation-item')).toHaveLength(20);
    const next = first('.pagination a[rel="next"]').attr('href')!;
    const params = new URL(next, 'http://x').searchParams;
    expect(Object.fromEntries(params)).toEqual({ wydzial: 'IZ', q: 'droga', status: 'trwajace', strona: '2' });
    expect(first('.pagination [aria-current="page"]').text()).toBe('1');

    const second = await page(next);
    expect(second('.consultation-item__title').map((_, el) => second(el).text()).get()).toEqual(['Droga 20', 'Droga 21', 'Droga 22', 'Droga 23', 'Droga 24']);
    expect(second('.pagination [aria-current="page"]').text()).toBe('2');
    expect(second('.pagination a[rel="prev"]').attr('href')).toBe('/konsultacje?q=droga&status=trwajace&wydzial=IZ');
    expect(second('.pagination a[rel="next"]')).toHaveLength(0);
  });

  it('pages across the groups: a page may end one phase and begin the next', async () => {
    const { db } = ctx.deps;
    for (let i = 0; i < 18; i++) await createConsultation(db, { title: `Trwające ${String(i).padStart(2, '0')}`, startsAt: at(-5), endsAt: at(1 + i) });
    for (let i = 0; i < 4; i++) await createConsultation(db, { title: `Planowane ${i}`, startsAt: at(5 + i), endsAt: at(30), publishedAt: at(-1) });
    const first = await page('/konsultacje');
    expect(first('.results__group').map((_, h) => first(h).text()).get()).toEqual(['Trwające (18)', 'Planowane (4)']);
    expect(first('.consultation-item')).toHaveLength(20);
    const second = await page('/konsultacje?strona=2');
    expect(second('.results__group').map((_, h) => second(h).text()).get()).toEqual(['Planowane (4)']);
    expect(second('.consultation-item__title').map((_, el) => second(el).text()).get()).toEqual(['Planowane 2', 'Planowane 3']);
    // A page past the end shows the last one rather than nothing.
    const beyond = await page('/konsultacje?strona=9');
    expect(beyond('.pagination [aria-current="page"]').text()).toBe('2');
  });

  it('says when nothing matches and offers to clear the filters', async () => {
    await createConsultation(ctx.deps.db, { title: 'Park' });
    const $ = await page('/konsultacje?q=basen&status=planowane');
    expect($('.consultation-item')).toHaveLength(0);
    expect($('.results .notice').text()).toContain('Nie znaleziono konsultacji spełniających wybrane warunki.');
    const clear = $('.results .notice a');
    expect(clear.text()).toBe('Wyczyść filtry i pokaż wszystkie konsultacje');
    expect(clear.attr('href')).toBe('/konsultacje');
  });

  it('says so when nothing is published yet, without offering to clear filters', async () => {
    const $ = await page('/konsultacje');
    expect($('.results .notice').text()).toContain('Nie opublikowano jeszcze żadnych konsultacji.');
    expect($('.results .notice a')).toHaveLength(0);
  });

  it('ignores filter values it cannot read instead of failing', async () => {
    await createConsultation(ctx.deps.db, { title: 'Park' });
    for (const query of ['status=wszystkie', 'rok=dwa', 'rok=99999', 'strona=-3', 'strona=abc', 'dzielnica=../../etc', 'temat=%00', 'status=trwajace&status=planowane', 'wydzial=' + 'X'.repeat(500), 'q=' + 'a'.repeat(5000)]) {
      const res = await get(`/konsultacje?${query}`);
      expect(res.status, query).toBe(200);
    }
    expect(await titles('/konsultacje?status=wszystkie&rok=dwa')).toEqual(['Park']);
  });
});

describe('what residents may not see yet', () => {
  it('keeps drafts and consultations scheduled for later out of the list, the home page and their own address', async () => {
    const { db } = ctx.deps;
    await createConsultation(db, { title: 'Opublikowana', slug: 'opublikowana' });
    const draft = await createConsultation(db, { title: 'Szkic', slug: 'szkic', publishedAt: null });
    const scheduled = await createConsultation(db, { title: 'Zaplanowana publikacja', slug: 'zaplanowana', publishedAt: at(1) });
    await createConsultation(db, { title: 'Szkic planowany', publishedAt: null, startsAt: at(5), endsAt: at(30) });
    await createMeeting(db, draft.id, { title: 'Spotkanie szkicu', startsAt: at(2), endsAt: null });
    await createMeeting(db, scheduled.id, { title: 'Spotkanie zaplanowanej', startsAt: at(2), endsAt: null });

    expect(await titles('/konsultacje')).toEqual(['Opublikowana']);
    expect(await titles('/konsultacje?q=szkic')).toEqual([]);
    const home = await get('/').expect(200);
    expect(home.text).not.toContain('Szkic');
    expect(home.text).not.toContain('Zaplanowana publikacja');
    expect(home.text).not.toContain('Spotkanie zaplanowanej');
    await get('/konsultacje/szkic').expect(404);
    await get('/konsultacje/zaplanowana').expect(404);

    ctx.clock.set(at(1));
    await get('/konsultacje/zaplanowana').expect(200);
    expect(await titles('/konsultacje')).toContain('Zaplanowana publikacja');
  });
});

describe('GET /konsultacje/:slug', () => {
  async function fullConsultation() {
    const { db } = ctx.deps;
    const department = await createDepartment(db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    const rakow = await createDistrict(db, { slug: 'rakow', name: 'Raków' });
    const stradom = await createDistrict(db, { slug: 'stradom', name: 'Stradom' });
    const topic = await createTopic(db, { slug: 'transport', name: 'Transport i drogi' });
    const c = await createConsultation(db, {
      slug: 'iii-aleja-co-dalej',
      title: 'III Aleja – co dalej?',
      summary: 'Wybierz wariant przebudowy Alei.',
      departmentId: department.id,
      topicId: topic.id,
      startsAt: new Date('2026-11-10T00:00:00+01:00'),
      endsAt: new Date('2026-11-30T23:59:59.999+01:00'),
      districtIds: [stradom.id, rakow.id],
    });
    await db.consultation.update({
      where: { id: c.id },
      data: {
        subjectHtml: '<p>Przebudowa <strong>III Alei</strong> NMP.</p>',
        purposeHtml: '<p>Poznanie opinii mieszkańców.</p>',
        legalBasis: 'Art. 5a ustawy o samorządzie gminnym',
        addressees: 'Mieszkańcy Częstochowy',
        forms: ['ONLINE_FORM', 'MEETING', 'SURVEY'],
        coordinator: 'Biuro Inicjatyw Lokalnych i Konsultacji Społecznych',
        contactName: 'Piotr Kowalski',
        contactEmail: 'piotr.kowalski@example.org',
        contactPhone: '34 370 71 00',
        contactPlace: 'ul. Śląska 11/13, pokój 10',
      },
    });
    const docs = {
      second: await createAttachment(db, c.id, { originalName: 'Ankieta.docx', extension: 'docx', sizeBytes: 14_336, position: 2 }),
      first: await createAttachment(db, c.id, { originalName: 'harmonogram_2026.pdf', title: 'Harmonogram działań', description: 'Kiedy i gdzie.', sizeBytes: 1_258_291, position: 1 }),
    };
    const images = {
      withThumb: await createAttachment(db, c.id, { kind: 'IMAGE', originalName: 'spotkanie.jpg', extension: 'jpg', mimeType: 'image/jpeg', altText: 'Mieszkańcy przy mapie Alei', thumbnailName: 'abc.webp', position: 1 }),
      noThumb: await createAttachment(db, c.id, { kind: 'IMAGE', originalName: 'sala.png', extension: 'png', mimeType: 'image/png', altText: 'Sala obrad', position: 2 }),
    };
    const meetings = {
      hall: await createMeeting(db, c.id, { title: 'Spotkanie w Urzędzie', startsAt: new Date('2026-11-28T16:00:00Z'), endsAt: new Date('2026-11-28T18:00:00Z'), place: 'ul. Śląska 11/13, sala 10', onlineUrl: 'https://spotkanie.example.org/aleja' }),
      hostile: await createMeeting(db, c.id, { title: 'Dyżur eksperta', startsAt: new Date('2026-11-26T09:00:00Z'), endsAt: null, place: 'Plac Biegańskiego', onlineUrl: 'javascript:alert(1)' }),
    };
    return { c, docs, images, meetings };
  }

  it('shows the consultation field by field, as a resident reads it', async () => {
    const { docs, images, meetings } = await fullConsultation();
    const $ = await page('/konsultacje/iii-aleja-co-dalej');

    expect($('title').text()).toBe('III Aleja – co dalej? – Konsultacje Społeczne Częstochowy');
    expect($('.breadcrumbs li').map((_, li) => squash($(li).text())).get()).toEqual(['Strona główna', 'Konsultacje', 'III Aleja – co dalej?']);
    expect($('.breadcrumbs a').eq(1).attr('href')).toBe('/konsultacje');
    expect($('.breadcrumbs [aria-current="page"]').text()).toBe('III Aleja – co dalej?');
    expect($('.main-nav [aria-current="page"]').text()).toBe('Konsultacje');
    expect($('main h1').text()).toBe('III Aleja – co dalej?');
    expect($('main .lead').text()).toBe('Wybierz wariant przebudowy Alei.');

    expect(termsOf($, '.consultation__facts dl')).toEqual([
      'Status: Trwające',
      'Termin: od 10 listopada 2026 do 30 listopada 2026 Pozostało 7 dni Dodaj terminy tych konsultacji do kalendarza (ICS)',
      'Organizator: Miejski Zarząd Dróg i Transportu',
      'Koordynator: Biuro Inicjatyw Lokalnych i Konsultacji Społecznych',
      'Zasięg: Raków, Stradom',
      'Temat: Transport i drogi',
    ]);
    expect($('.consultation__facts a').attr('href')).toBe('/konsultacje/iii-aleja-co-dalej/kalendarz.ics');

    expect($('main h2').map((_, h) => $(h).text()).get()).toEqual([
      'Najważniejsze informacje',
      'Przedmiot konsultacji',
      'Cel konsultacji',
      'Podstawa prawna',
      'Adresaci',
      'Formy konsultacji',
      'Osoba do kontaktu',
      'Pliki do pobrania',
      'Galeria',
      'Spotkania',
      'Wymiana opinii',
      'Ankieta',
      'Formularz uwag',
      'Raport z konsultacji',
    ]);
    const section = (id: string) => $(`section[aria-labelledby="${id}"]`);
    expect(section('przedmiot').find('.prose strong').text()).toBe('III Alei');
    expect(squash(section('cel').find('.prose').text())).toBe('Poznanie opinii mieszkańców.');
    expect(squash(section('podstawa-prawna').find('p').text())).toBe('Art. 5a ustawy o samorządzie gminnym');
    expect(squash(section('adresaci').find('p').text())).toBe('Mieszkańcy Częstochowy');
    expect(section('formy').find('li').map((_, li) => $(li).text()).get()).toEqual(['Formularz uwag online', 'Spotkanie konsultacyjne', 'Ankieta']);

    expect(section('kontakt').find('.contact__name').text()).toBe('Piotr Kowalski');
    expect(termsOf($, section('kontakt').find('dl'))).toEqual(['E-mail: piotr.kowalski@example.org', 'Telefon: 34 370 71 00', 'Miejsce: ul. Śląska 11/13, pokój 10']);
    expect(section('kontakt').find('a[href^="mailto:"]').attr('href')).toBe('mailto:piotr.kowalski@example.org');
    expect(section('kontakt').find('a[href^="tel:"]').attr('href')).toBe('tel:343707100');

    const files = section('pliki').find('li.document');
    expect(files.map((_, li) => squash($(li).find('a.document__link').text())).get()).toEqual(['Harmonogram działań (PDF, 1,2 MB)', 'Ankieta.docx (DOCX, 14 kB)']);
    expect(files.first().find('a.document__link').attr('href')).toBe(`/pliki/${docs.first.id}/harmonogram_2026.pdf`);
    expect(files.eq(1).find('a.document__link').attr('href')).toBe(`/pliki/${docs.second.id}/Ankieta.docx`);
    expect(files.first().find('.document__description').text()).toBe('Kiedy i gdzie.');
    expect(files.first().find('.document__request a').attr('href')).toBe(`/dokumenty/${docs.first.id}/inny-format`);

    const gallery = section('galeria').find('li');
    expect(gallery.map((_, li) => $(li).find('img').attr('alt')).get()).toEqual(['Mieszkańcy przy mapie Alei', 'Sala obrad']);
    expect(gallery.first().find('img').attr('src')).toBe(`/pliki/${images.withThumb.id}/miniatura.webp`);
    expect(gallery.first().find('a').attr('href')).toBe(`/pliki/${images.withThumb.id}/spotkanie.jpg`);
    expect(gallery.eq(1).find('img').attr('src')).toBe(`/pliki/${images.noThumb.id}/sala.png`);

    const meetingItems = section('spotkania').find('article.meeting');
    expect(meetingItems.map((_, m) => $(m).find('h3').text()).get()).toEqual(['Dyżur eksperta', 'Spotkanie w Urzędzie']);
    expect(termsOf($, meetingItems.eq(1).find('dl'))).toEqual(['Termin: 28 listopada 2026, 17:00–19:00', 'Miejsce: ul. Śląska 11/13, sala 10', 'Udział online: Link do spotkania online']);
    expect(meetingItems.eq(1).find('a[href^="https:"]').attr('href')).toBe('https://spotkanie.example.org/aleja');
    expect(meetingItems.eq(1).find('.meeting__ics a').attr('href')).toBe(`/konsultacje/iii-aleja-co-dalej/spotkania/${meetings.hall.id}.ics`);
    expect(squash(meetingItems.eq(1).find('.meeting__ics a').text())).toBe('Dodaj do kalendarza: Spotkanie w Urzędzie (ICS)');
    // A javascript: address typed in the panel never becomes a link.
    expect(termsOf($, meetingItems.first().find('dl'))).toEqual(['Termin: 26 listopada 2026, 10:00', 'Miejsce: Plac Biegańskiego']);
    expect($('a[href^="javascript"]')).toHaveLength(0);

    expect(squash(section('ankieta').text())).toBe('Ankieta Jeśli w ramach tych konsultacji zostanie przygotowana ankieta, pojawi się tutaj.');
    expect(squash(section('dyskusja').text())).toBe('Wymiana opinii Komentarze: 0 Przejdź do wymiany opinii · Dodaj komentarz');
    expect(squash(section('uwagi').find('p').text())).toMatch(/^Masz uwagi do projektu\? Zgłoś je przez formularz do /);
    expect(section('uwagi').find('a.button').attr('href')).toBe('/konsultacje/iii-aleja-co-dalej/uwagi');
    expect(squash(section('raport').find('p').text())).toBe('Raport z konsultacji pojawi się tutaj po ich zakończeniu.');
  });

  it('leaves out what was not filled in, and says when there are no files or meetings', async () => {
    await createConsultation(ctx.deps.db, { slug: 'skromna', title: 'Skromna' });
    await ctx.deps.db.consultation.update({ where: { slug: 'skromna' }, data: { forms: [], subjectHtml: '', purposeHtml: '' } });
    const $ = await page('/konsultacje/skromna');
    expect($('main h2').map((_, h) => $(h).text()).get()).toEqual(['Najważniejsze informacje', 'Pliki do pobrania', 'Spotkania', 'Wymiana opinii', 'Ankieta', 'Formularz uwag', 'Raport z konsultacji']);
    expect($('section[aria-labelledby="pliki"] p').text()).toBe('Do tych konsultacji nie dołączono plików.');
    expect($('section[aria-labelledby="spotkania"] p').text()).toBe('Nie zaplanowano spotkań.');
  });

  it('follows the dates with the clock: planned, then open with the days counting down, then finished, then with its report', async () => {
    await createConsultation(ctx.deps.db, {
      slug: 'zielen',
      title: 'Zieleń',
      publishedAt: new Date('2026-11-20T12:00:00+01:00'),
      startsAt: new Date('2026-12-01T00:00:00+01:00'),
      endsAt: new Date('2026-12-15T23:59:59.999+01:00'),
    });
    const statusAt = async (when: string) => {
      ctx.clock.set(when);
      const $ = await page('/konsultacje/zielen');
      const list = await page('/konsultacje');
      return { tag: $('.consultation__facts .tag').text(), days: $('.consultation__facts .consultation-item__days').text(), group: list('.results__group').text() };
    };
    expect(await statusAt('2026-11-24T10:00:00Z')).toEqual({ tag: 'Planowane', days: '', group: 'Planowane (1)' });
    expect(await statusAt('2026-11-30T23:59:59+01:00')).toEqual({ tag: 'Planowane', days: '', group: 'Planowane (1)' });
    expect(await statusAt('2026-12-01T00:00:00+01:00')).toEqual({ tag: 'Trwające', days: 'Pozostało 15 dni', group: 'Trwające (1)' });
    expect(await statusAt('2026-12-14T08:00:00+01:00')).toEqual({ tag: 'Trwające', days: 'Pozostały 2 dni', group: 'Trwające (1)' });
    expect(await statusAt('2026-12-15T20:00:00+01:00')).toEqual({ tag: 'Trwające', days: 'Pozostał 1 dzień', group: 'Trwające (1)' });
    expect(await statusAt('2026-12-16T00:00:00+01:00')).toEqual({ tag: 'Zakończone – trwa opracowanie raportu', days: '', group: 'Zakończone (1)' });
    // The report is due 30 days after the last day, counted down (decisions: remarks and the report).
    expect(squash((await page('/konsultacje/zielen'))('section[aria-labelledby="raport"] p').text())).toBe('W trakcie opracowania raportu. Raport zostanie opublikowany do 14 stycznia 2027 (pozostało 30 dni).');
    await ctx.deps.db.consultation.update({ where: { slug: 'zielen' }, data: { reportPublishedAt: new Date('2027-01-10T10:00:00+01:00') } });
    expect(await statusAt('2027-01-11T10:00:00+01:00')).toEqual({ tag: 'Zakończone (raport opublikowany)', days: '', group: 'Zakończone (1)' });
  });

  it('says at the top, under the title, that a consultation was cancelled or postponed, with the note staff wrote', async () => {
    const { db } = ctx.deps;
    await createConsultation(db, { slug: 'odwolana', title: 'Odwołana', state: 'CANCELLED', stateNote: 'Inwestycja została wstrzymana.' });
    await createConsultation(db, { slug: 'przesunieta', title: 'Przesunięta', state: 'POSTPONED', stateNote: '' });
    const cancelled = await page('/konsultacje/odwolana');
    const notice = cancelled('main h1').next();
    expect(notice.hasClass('notice')).toBe(true);
    expect(notice.find('p').map((_, p) => cancelled(p).text()).get()).toEqual(['Te konsultacje zostały odwołane.', 'Inwestycja została wstrzymana.']);
    expect(cancelled('.consultation__facts .tag').text()).toBe('Odwołane');
    expect(cancelled('.consultation-item__days')).toHaveLength(0);

    const postponed = await page('/konsultacje/przesunieta');
    expect(postponed('main h1').next().find('p').map((_, p) => postponed(p).text()).get()).toEqual(['Te konsultacje zostały przesunięte. Nowy termin zostanie ogłoszony na tej stronie.']);
    expect(postponed('.consultation__facts .tag').text()).toBe('Przesunięte');

    const open = await page('/konsultacje');
    expect(open('.notice')).toHaveLength(0);
  });

  it('answers 404 for an unknown, malformed or unpublished address', async () => {
    await createConsultation(ctx.deps.db, { slug: 'szkic', publishedAt: null });
    for (const path of ['/konsultacje/nie-ma', '/konsultacje/szkic', '/konsultacje/Z%C5%B9le', '/konsultacje/a--b', `/konsultacje/${'a'.repeat(161)}`, '/konsultacje/%2E%2E']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(html(res.text)('h1').text(), path).toBe('Nie znaleziono strony');
    }
  });
});

describe('escaping', () => {
  it('shows a title or text with HTML in it as text on the list, the page, the home page and the calendar', async () => {
    const { db } = ctx.deps;
    const evil = '<script>alert(1)</script>';
    const c = await createConsultation(db, { slug: 'xss', title: evil, summary: '<img src=x onerror=alert(2)>', startsAt: at(-1), endsAt: at(10) });
    await createMeeting(db, c.id, { title: `${evil} spotkanie`, place: '"><b>sala</b>', startsAt: at(2), endsAt: null });
    await db.consultation.update({ where: { id: c.id }, data: { legalBasis: '<i>art.</i>', contactName: '<u>x</u>' } });
    for (const path of ['/konsultacje', '/konsultacje/xss', '/', '/kalendarz', '/konsultacje?q=%3Cscript%3E']) {
      const res = await get(path).expect(200);
      expect(res.text, path).not.toContain('<script>alert(1)');
      expect(res.text, path).not.toContain('<img src=x');
      expect(res.text, path).not.toContain('<b>sala');
      expect(res.text, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html(res.text)('script')).toHaveLength(0);
    }
    expect(html((await get('/konsultacje/xss')).text)('title').text()).toContain(evil);
  });
});

describe('the home page', () => {
  it('lists open consultations first, then planned ones, three of each, with links to the whole filtered lists', async () => {
    const { db } = ctx.deps;
    for (let i = 0; i < 4; i++) await createConsultation(db, { title: `Trwająca ${i}`, startsAt: at(-3), endsAt: at(5 + i) });
    for (let i = 0; i < 4; i++) await createConsultation(db, { title: `Planowana ${i}`, startsAt: at(5 + i), endsAt: at(30), publishedAt: at(-1) });
    await createConsultation(db, { title: 'Zakończona', startsAt: at(-30), endsAt: at(-3) });
    const $ = await page('/');
    const card = (id: string) => $(`section#${id}`);
    expect(card('trwajace').find('.consultation-item__title').map((_, h) => $(h).text()).get()).toEqual(['Trwająca 0', 'Trwająca 1', 'Trwająca 2']);
    expect(squash(card('trwajace').find('.consultation-item__status').first().text())).toBe('Trwające Pozostało 5 dni');
    expect(card('trwajace').find('.card__more a').attr('href')).toBe('/konsultacje?status=trwajace');
    expect(card('planowane').find('.consultation-item__title').map((_, h) => $(h).text()).get()).toEqual(['Planowana 0', 'Planowana 1', 'Planowana 2']);
    expect(card('planowane').find('.card__more a').attr('href')).toBe('/konsultacje?status=planowane');
    expect($('.hero a.button').attr('href')).toBe('/konsultacje?status=trwajace');
    expect($('main').text()).not.toContain('Zakończona');
    // The sections other features fill are still there.
    expect($('main h2').map((_, h) => $(h).text()).get()).toEqual(expect.arrayContaining(['Aktualności z dzielnic', 'Sonda', 'Inwestycje w mieście']));
  });

  it('shows the next meetings of going-ahead consultations, with their consultation and a calendar file', async () => {
    const { db } = ctx.deps;
    const c = await createConsultation(db, { slug: 'park', title: 'Park Lisiniec' });
    const cancelled = await createConsultation(db, { title: 'Odwołana', state: 'CANCELLED' });
    await createMeeting(db, c.id, { title: 'Było wczoraj', startsAt: at(-1), endsAt: null });
    const soon = await createMeeting(db, c.id, { title: 'Spacer studyjny', startsAt: new Date('2026-11-26T15:30:00Z'), endsAt: null, place: 'Park Lisiniec, wejście od ul. Sabinowskiej' });
    await createMeeting(db, c.id, { title: 'Warsztaty', startsAt: at(4) });
    await createMeeting(db, cancelled.id, { title: 'Spotkanie odwołanej', startsAt: at(1) });
    const $ = await page('/');
    const meetings = $('section#spotkania article.meeting');
    expect(meetings.map((_, m) => $(m).find('h3').text()).get()).toEqual(['Spacer studyjny', 'Warsztaty']);
    expect(meetings.first().find('.meeting__of a').text()).toBe('Konsultacje: Park Lisiniec');
    expect(meetings.first().find('.meeting__of a').attr('href')).toBe('/konsultacje/park');
    expect(termsOf($, meetings.first().find('dl'))).toEqual(['Termin: 26 listopada 2026, 16:30', 'Miejsce: Park Lisiniec, wejście od ul. Sabinowskiej']);
    expect(meetings.first().find('.meeting__ics a').attr('href')).toBe(`/konsultacje/park/spotkania/${soon.id}.ics`);
    expect($('section#spotkania .card__more a').attr('href')).toBe('/kalendarz');
  });

  it('says so when nothing is open, planned or scheduled', async () => {
    const $ = await page('/');
    expect($('section#trwajace p.muted').text()).toBe('Obecnie nie trwają żadne konsultacje.');
    expect($('section#planowane p.muted').text()).toBe('Nie zapowiedziano nowych konsultacji.');
    expect($('section#spotkania p.muted').text()).toBe('Nie zaplanowano spotkań.');
  });
});

describe('database work per page', () => {
  async function consultations(n: number) {
    const district = await createDistrict(ctx.deps.db);
    for (let i = 0; i < n; i++) {
      const c = await createConsultation(ctx.deps.db, { slug: `k-${n}-${i}`, title: `Droga ${i}`, districtIds: [district.id] });
      await createMeeting(ctx.deps.db, c.id, { startsAt: at(1 + i / 24), endsAt: null });
    }
  }

  it('does not grow with the number of consultations shown (no query per row)', async () => {
    const paths = ['/konsultacje', '/konsultacje?status=trwajace', '/konsultacje?q=droga', '/', '/kalendarz', '/kalendarz.ics', '/konsultacje/k-2-1', '/konsultacje/k-2-1/kalendarz.ics'];
    const app = countingApp(ctx.deps);
    await consultations(2);
    const few = await app.count(paths);
    await consultations(25);
    const many = await app.count(paths);
    expect(many).toEqual(few);
    // Measured: the list is 4 queries for the filter choices, 3 counts (one per phase) and the page
    // with its 3 relations; a status filter needs one count; a text filter adds the id search.
    // The calendar adds district events (2 statements: the events and their districts).
    // The home page is left out: other features add their own sections to it. A consultation's page
    // counts its published comments (one more statement). The remarks section
    // adds 2 (the number of remarks and whether there is a draft); where it came from (a request, a
    // plan item) 2 more; its surveys and polls 2 (the surveys and their departments).
    expect({ ...few, '/': undefined }).toEqual({
      '/konsultacje': 11,
      '/konsultacje?status=trwajace': 9,
      '/konsultacje?q=droga': 12,
      '/': undefined,
      '/kalendarz': 5,
      '/kalendarz.ics': 5,
      '/konsultacje/k-2-1': 14,
      '/konsultacje/k-2-1/kalendarz.ics': 7,
    });
  });
});
