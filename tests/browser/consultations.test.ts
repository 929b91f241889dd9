// A resident's journey through consultations in a real browser: from the home page to an open
// consultation, through the filters, by mouse and by keyboard alone, without JavaScript and on a
// 320 px screen; axe (WCAG 2.1 AA) on the list, the consultation page and the calendar.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { createConsultation, createDepartment, createDistrict, createMeeting, createTopic } from '../helpers/factories.js';
import { expectNoAxeViolations, focusOf, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';

const suite = useBrowserSuite();
const { open, url } = suite;
beforeEach(() => seed());

const heading = (page: Page) => page.locator('main h1').innerText();
const listed = (page: Page) => page.locator('.consultation-item__title').allInnerTexts();

// The server runs on the real clock: dates are relative to now.
const DAY = 86_400_000;
const days = (n: number) => new Date(Date.now() + n * DAY);

async function seed() {
  const { db } = suite.server.deps;
  const mzdit = await createDepartment(db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
  const osr = await createDepartment(db, { code: 'OŚR', name: 'Wydział Ochrony Środowiska, Rolnictwa i Leśnictwa' });
  const rakow = await createDistrict(db, { slug: 'rakow', name: 'Raków' });
  const transport = await createTopic(db, { slug: 'transport', name: 'Transport i drogi' });
  const road = await createConsultation(db, {
    slug: 'ulica-zrodlana',
    title: 'Przebudowa: ulica Źródlana',
    summary: 'Jak ma wyglądać ulica po przebudowie?',
    departmentId: mzdit.id,
    topicId: transport.id,
    districtIds: [rakow.id],
    startsAt: days(-5),
    endsAt: days(9),
    publishedAt: days(-10),
  });
  await db.consultation.update({
    where: { id: road.id },
    data: { subjectHtml: '<p>Projekt przebudowy ulicy.</p>', legalBasis: 'Art. 5a ustawy o samorządzie gminnym', contactName: 'Piotr Kowalski', contactEmail: 'piotr.kowalski@example.org' },
  });
  await createMeeting(db, road.id, { title: 'Spotkanie z mieszkańcami', startsAt: days(3), endsAt: new Date(days(3).getTime() + 2 * 3_600_000), onlineUrl: 'https://spotkanie.example.org/zrodlana' });
  await createConsultation(db, { slug: 'zielen', title: 'Program ochrony przed hałasem', departmentId: osr.id, startsAt: days(-2), endsAt: days(19), publishedAt: days(-9) });
  await createConsultation(db, { slug: 'promenada', title: 'Promenada Niemena', departmentId: mzdit.id, startsAt: days(10), endsAt: days(40), publishedAt: days(-1) });
  await createConsultation(db, { slug: 'stara', title: 'Ścieżka rowerowa w Alejach', departmentId: mzdit.id, startsAt: days(-90), endsAt: days(-60), publishedAt: days(-100) });
}

describe('finding an open consultation', () => {
  it('from the home page, through the filters, to its page: each page passes axe', async () => {
    const page = await open();
    await page.goto(url('/'));
    const openCard = page.locator('section#trwajace');
    expect(await openCard.locator('.consultation-item__title').allInnerTexts()).toEqual(['Przebudowa: ulica Źródlana', 'Program ochrony przed hałasem']);
    // The link says which list it opens to a screen reader ("Zobacz wszystkie: Trwające konsultacje").
    await openCard.getByRole('link', { name: /^Zobacz wszystkie\s*:\s*Trwające konsultacje$/ }).click();
    await page.waitForURL(url('/konsultacje?status=trwajace'));
    expect(await heading(page)).toBe('Konsultacje');
    expect(await listed(page)).toEqual(['Przebudowa: ulica Źródlana', 'Program ochrony przed hałasem']);
    await expectNoAxeViolations(page);

    await page.getByLabel('Wydział').selectOption({ label: 'Miejski Zarząd Dróg i Transportu' });
    await page.getByRole('button', { name: 'Filtruj' }).click();
    await page.waitForURL(/wydzial=MZDiT/);
    expect(new URL(page.url()).searchParams.get('status')).toBe('trwajace');
    expect(await listed(page)).toEqual(['Przebudowa: ulica Źródlana']);
    expect(await page.getByLabel('Status').inputValue()).toBe('trwajace');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Przebudowa: ulica Źródlana' }).click();
    await page.waitForURL(url('/konsultacje/ulica-zrodlana'));
    expect(await heading(page)).toBe('Przebudowa: ulica Źródlana');
    expect(await page.locator('.consultation__facts .tag').innerText()).toBe('Trwające');
    expect(await page.locator('.consultation__facts .consultation-item__days').innerText()).toMatch(/^Pozostał/);
    await expectNoAxeViolations(page);

    await page.goto(url('/kalendarz'));
    expect(await page.locator('.calendar-entry__title').allInnerTexts()).toContain('Spotkanie z mieszkańcami – Przebudowa: ulica Źródlana');
    await expectNoAxeViolations(page);
  });

  it('says when nothing matches, passes axe, and clears the filters with one link', async () => {
    const page = await open();
    await page.goto(url('/konsultacje?q=basen'));
    expect(await page.locator('.results .notice').innerText()).toContain('Nie znaleziono konsultacji');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Wyczyść filtry i pokaż wszystkie konsultacje' }).click();
    await page.waitForURL(url('/konsultacje'));
    expect(await listed(page)).toHaveLength(4);
  });

  it('works by keyboard alone: search, choose a filter, submit with Enter and open the result', async () => {
    const page = await open();
    await page.goto(url('/konsultacje'));
    await tabUntil(page, (f) => f.id === 'q', 'the search field');
    await page.keyboard.type('zrodlana');
    await page.keyboard.press('Tab');
    expect(await focusOf(page)).toMatchObject({ tag: 'select', id: 'status' });
    // A closed select takes arrow keys: the first one after "Wszystkie" is "Trwające".
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#status').inputValue()).toBe('trwajace');
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Filtruj', 'the Filtruj button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=zrodlana/);
    expect(new URL(page.url()).searchParams.get('status')).toBe('trwajace');
    expect(await listed(page)).toEqual(['Przebudowa: ulica Źródlana']);

    const link = await tabUntil(page, (f) => f.tag === 'a' && f.text === 'Przebudowa: ulica Źródlana', 'the result');
    expect(link.href).toBe('/konsultacje/ulica-zrodlana');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/konsultacje/ulica-zrodlana'));
    // The meeting's calendar file and the online link are reachable too.
    await tabUntil(page, (f) => f.tag === 'a' && f.text.startsWith('Link do spotkania online'), 'the online meeting link');
    const ics = await tabUntil(page, (f) => f.tag === 'a' && f.text.startsWith('Dodaj do kalendarza'), 'the "Dodaj do kalendarza" link');
    expect(ics.href).toMatch(/^\/konsultacje\/ulica-zrodlana\/spotkania\/\d+\.ics$/);
  });
});

describe('without JavaScript', () => {
  it('filters with the plain GET form', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(url('/konsultacje'));
    await page.getByLabel('Szukaj w tytule lub opisie').fill('ŚCIEŻKA');
    await page.getByLabel('Status').selectOption('zakonczone');
    await page.getByRole('button', { name: 'Filtruj' }).click();
    await page.waitForURL(/status=zakonczone/);
    expect(await listed(page)).toEqual(['Ścieżka rowerowa w Alejach']);
  });
});

describe('small screens', () => {
  it('fits the list, a consultation and the calendar on a 320 px screen without sideways scrolling', async () => {
    const page = await open({ viewport: { width: 320, height: 640 } });
    for (const path of ['/konsultacje', '/konsultacje/ulica-zrodlana', '/kalendarz', '/']) {
      await page.goto(url(path));
      const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
        '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
      );
      expect(clientWidth, path).toBe(320);
      expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
    }
  });
});
