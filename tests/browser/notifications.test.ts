// Signing up for e-mail notifications in a real browser: axe (WCAG 2.1 AA) on every page of the
// journey, the error summary, keyboard only, and without JavaScript.
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/features/notifications/subscriber-tokens.js';
import { createConsultation, createDistrict, createTopic } from '../helpers/factories.js';
import { expectNoAxeViolations, focusOf, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';

const suite = useBrowserSuite();
const { open, url } = suite;
// Registered after the suite's own beforeEach, so it runs on the emptied database.
beforeEach(async () => {
  const { db } = suite.server.deps;
  await createDistrict(db, { slug: 'rakow', name: 'Raków' });
  await createDistrict(db, { slug: 'tysiaclecie', name: 'Tysiąclecie' });
  await createTopic(db, { slug: 'zielen', name: 'Zieleń miejska' });
});

const heading = (page: Page) => page.locator('main h1').innerText();

describe('the notification sign-up form', () => {
  it('is reached from the footer, passes axe, and signs up with chosen districts and a district’s news', async () => {
    const page = await open();
    await page.goto(url('/'));
    await page.locator('footer').getByRole('link', { name: 'Powiadomienia e-mail' }).click();
    expect(await heading(page)).toBe('Powiadomienia e-mail');
    await expectNoAxeViolations(page);
    // The robots' field is not there for people.
    expect(await page.locator('#strona_www').isVisible()).toBe(false);

    await page.getByLabel('Adres e-mail').fill('anna.nowak@example.org');
    await page.getByLabel('Tylko w wybranych dzielnicach lub na wybrane tematy').check();
    await page.getByRole('group', { name: 'Dzielnice' }).getByLabel('Raków').check();
    await page.getByRole('group', { name: 'Aktualności rad dzielnic' }).getByLabel('Raków').check();
    await page.getByRole('button', { name: 'Zapisz się' }).click();
    expect(await heading(page)).toBe('Sprawdź swoją skrzynkę');
    await expectNoAxeViolations(page);
    const subscriber = await suite.server.deps.db.subscriber.findFirstOrThrow({ include: { districts: { include: { district: true } }, newsDistricts: { include: { district: true } } } });
    expect(subscriber).toMatchObject({ email: 'anna.nowak@example.org', newConsultations: 'CHOSEN', confirmedAt: null });
    expect(subscriber.districts.map((d) => d.district.name)).toEqual(['Raków']);
    expect(subscriber.newsDistricts.map((d) => d.district.name)).toEqual(['Raków']);
  });

  it('shows the errors in a summary that takes focus and links to each field, and passes axe', async () => {
    const page = await open();
    await page.goto(url('/powiadomienia'));
    await page.getByLabel('Tylko w wybranych dzielnicach lub na wybrane tematy').check();
    await page.getByRole('button', { name: 'Zapisz się' }).click();
    expect(await page.title()).toMatch(/^Błąd: Powiadomienia e-mail/);
    const summary = page.locator('.error-summary');
    expect(await summary.locator('a').allInnerTexts()).toEqual(['Podaj adres e-mail', 'Wybierz co najmniej jedną dzielnicę lub temat']);
    expect((await focusOf(page)).className).toContain('error-summary');
    await expectNoAxeViolations(page);
    await summary.getByRole('link', { name: 'Podaj adres e-mail' }).click();
    expect((await focusOf(page)).id).toBe('email');
  });

  it('can be filled and sent with the keyboard alone', async () => {
    const page = await open();
    await page.goto(url('/powiadomienia'));
    await tabUntil(page, (f) => f.id === 'email', 'the e-mail field');
    await page.keyboard.type('klawiatura@example.org');
    await tabUntil(page, (f) => f.id === 'zakres', 'the first choice of the radio group');
    await page.keyboard.press('Space');
    await tabUntil(page, (f) => f.text === 'Zapisz się', 'the submit button');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/powiadomienia/sprawdz-poczte'));
    expect(await suite.server.deps.db.subscriber.count()).toBe(1);
  });

  it('works without JavaScript', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(url('/powiadomienia'));
    await page.getByLabel('Adres e-mail').fill('bez-js@example.org');
    await page.getByLabel('O wszystkich').check();
    await page.getByRole('button', { name: 'Zapisz się' }).click();
    expect(await heading(page)).toBe('Sprawdź swoją skrzynkę');
  });
});

describe('the pages reached from a message', () => {
  it('confirmation, settings and unsubscribe pages pass axe and do what their buttons say', async () => {
    const { db } = suite.server.deps;
    const consultation = await createConsultation(db, { title: 'Promenada Niemena' });
    const subscriber = await db.subscriber.create({ data: { email: 'linki@example.org', newConsultations: 'ALL' } });
    const now = new Date();
    const confirmToken = await mintToken(db, subscriber.id, 'CONFIRM', now, consultation.id);
    const manageToken = await mintToken(db, subscriber.id, 'MANAGE', now);
    const page = await open();

    await page.goto(url(`/powiadomienia/potwierdz?t=${confirmToken}`));
    expect(await heading(page)).toBe('Potwierdź zapis na powiadomienia');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Potwierdzam zapis' }).click();
    expect(await heading(page)).toBe('Zapis potwierdzony');
    await expectNoAxeViolations(page);

    await page.goto(url(`/powiadomienia/ustawienia?t=${manageToken}`));
    expect(await heading(page)).toBe('Ustawienia powiadomień');
    expect(await page.getByLabel('Promenada Niemena').isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await page.getByLabel('Tylko w wybranych dzielnicach lub na wybrane tematy').check();
    await page.getByLabel('Zieleń miejska').check();
    await page.getByRole('button', { name: 'Zapisz ustawienia' }).click();
    expect(await page.locator('.notice').innerText()).toContain('Zapisano ustawienia powiadomień.');
    expect(await page.getByLabel('Zieleń miejska').isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Wypisz mnie' }).click();
    expect(await heading(page)).toBe('Wypisano z powiadomień');
    await expectNoAxeViolations(page);
    expect(await db.subscriber.count()).toBe(0);

    await page.goto(url(`/powiadomienia/ustawienia?t=${manageToken}`));
    expect(await heading(page)).toBe('Ten link jest już nieaktualny');
    await expectNoAxeViolations(page);
  });
});
