// Requests for consultations, the plan and the rules in a real browser: a resident files a request with
// the keyboard alone, the error summary, supporting without JavaScript, and axe (WCAG 2.1 AA) on every page.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createDepartment } from '../helpers/factories.js';
import { expectNoAxeViolations, focusOf, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';

const suite = useBrowserSuite();
const { open, url } = suite;
const heading = (page: Page) => page.locator('main h1').innerText();
// Screenshots for a person to look at, when asked: SHOTS_DIR=/tmp/shots.
const SHOTS_DIR = process.env.SHOTS_DIR;
async function shot(page: Page, name: string) {
  if (!SHOTS_DIR) return;
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage: true });
}

describe('requests for consultations', () => {
  it('a resident finds the form from the consultations page and files a request with the keyboard alone', async () => {
    const page = await open();
    await page.goto(url('/konsultacje'));
    await page.getByRole('link', { name: 'Wnioski o konsultacje' }).click();
    expect(await heading(page)).toBe('Wnioski o konsultacje');
    await expectNoAxeViolations(page);
    await shot(page, 'wnioski');
    await page.getByRole('link', { name: 'Złóż wniosek o konsultacje' }).click();
    expect(await heading(page)).toBe('Wniosek o przeprowadzenie konsultacji');
    await expectNoAxeViolations(page);
    expect(await page.locator('#strona_www').isVisible()).toBe(false);

    await tabUntil(page, (f) => f.id === 'title', 'the subject field');
    await page.keyboard.type('Skwer przy ul. Kilińskiego');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Skwer jest zaniedbany.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Zieleń, ławki, plac zabaw.');
    await tabUntil(page, (f) => f.id === 'forms', 'the first proposed form');
    await page.keyboard.press('Space');
    await tabUntil(page, (f) => f.id === 'contactName', 'the name field');
    await page.keyboard.type('Zofia Klawiaturowa');
    await page.keyboard.press('Tab');
    await page.keyboard.type('zofia@example.org');
    await tabUntil(page, (f) => f.id === 'declaration', 'the residency declaration');
    await page.keyboard.press('Space');
    await tabUntil(page, (f) => f.id === 'rodo', 'the information clause box');
    await page.keyboard.press('Space');
    await tabUntil(page, (f) => f.text === 'Złóż wniosek', 'the submit button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/wnioski\/\d+$/);
    expect(await heading(page)).toBe('Skwer przy ul. Kilińskiego');
    expect(await page.locator('.notice').innerText()).toContain('Wniosek został złożony');
    expect(await page.locator('main').innerText()).not.toContain('Klawiaturowa');
    await expectNoAxeViolations(page);
    await shot(page, 'wniosek');
    const stored = await suite.server.deps.db.consultationRequest.findFirstOrThrow();
    expect(stored).toMatchObject({ title: 'Skwer przy ul. Kilińskiego', contactName: 'Zofia Klawiaturowa', forms: ['ONLINE_FORM'] });
  });

  it('shows the errors in a summary that takes focus and links to each field, and passes axe', async () => {
    const page = await open();
    await page.goto(url('/wnioski/nowy'));
    await page.getByRole('button', { name: 'Złóż wniosek' }).click();
    expect(await page.title()).toMatch(/^Błąd: Wniosek o przeprowadzenie konsultacji/);
    const summary = page.locator('.error-summary');
    expect(await summary.locator('a').first().innerText()).toBe('Podaj przedmiot konsultacji');
    await expect.poll(async () => (await focusOf(page)).className).toContain('error-summary');
    await expectNoAxeViolations(page);
    await summary.getByRole('link', { name: 'Potwierdź, że jesteś mieszkańcem lub mieszkanką Częstochowy' }).click();
    expect((await focusOf(page)).id).toBe('declaration');
  });

  it('supports a request (a plain form), and the page with errors passes axe', async () => {
    const { db } = suite.server.deps;
    const r = await db.consultationRequest.create({ data: { origin: 'RESIDENTS', title: 'Nowa linia autobusowa', justification: 'J.', scope: 'S.', submittedAt: new Date() } });
    const page = await open();
    await page.goto(url(`/wnioski/${r.id}`));
    await page.getByRole('button', { name: 'Poprzyj wniosek' }).click();
    expect(await page.locator('.error-summary a').allInnerTexts()).toContain('Podaj imię i nazwisko');
    await expectNoAxeViolations(page);
    await page.getByLabel('Imię i nazwisko').fill('Jan Popierający');
    await page.getByLabel('Adres e-mail').fill('jan@example.org');
    await page.getByLabel('Oświadczam, że jestem mieszkańcem/mieszkanką Częstochowy.').check();
    await page.getByLabel('Zapoznałem/am się z klauzulą informacyjną o przetwarzaniu danych osobowych.').check();
    await page.getByRole('button', { name: 'Poprzyj wniosek' }).click();
    expect(await heading(page)).toBe('Sprawdź swoją skrzynkę');
    await expectNoAxeViolations(page);
    expect(await db.requestSupport.count()).toBe(1);
  });
});

describe('the plan and the rules', () => {
  it('the plan switches years with a plain form, and it and the rules pass axe', async () => {
    const { db } = suite.server.deps;
    const department = await createDepartment(db, { name: 'Miejski Zarząd Dróg i Transportu' });
    await db.consultationPlanItem.create({ data: { year: 2027, month: 2, title: 'Tramwaj na Parkitkę', departmentId: department.id, description: 'Warianty przebiegu linii.' } });
    await db.consultationPlanItem.create({ data: { year: new Date().getFullYear(), month: 5, title: 'Program ochrony przed hałasem', departmentId: department.id } });
    const page = await open();
    await page.goto(url('/konsultacje'));
    await page.getByRole('link', { name: 'Plan konsultacji' }).click();
    expect(await heading(page)).toBe(`Plan konsultacji ${new Date().getFullYear()}`);
    await expectNoAxeViolations(page);
    await page.getByLabel('Rok', { exact: true }).selectOption('2027');
    await page.getByRole('button', { name: 'Pokaż' }).click();
    expect(page.url()).toBe(url('/konsultacje/plan?rok=2027'));
    expect(await heading(page)).toBe('Plan konsultacji 2027');
    expect(await page.locator('.plan-month').innerText()).toContain('Tramwaj na Parkitkę');
    await expectNoAxeViolations(page);
    await shot(page, 'plan');

    await page.locator('footer').getByRole('link', { name: 'Zasady konsultacji' }).click();
    expect(await heading(page)).toBe('Zasady konsultacji');
    await expectNoAxeViolations(page);
    await shot(page, 'zasady');
  });

  it('switches the plan’s year without JavaScript', async () => {
    const { db } = suite.server.deps;
    const department = await createDepartment(db);
    await db.consultationPlanItem.create({ data: { year: 2025, month: 6, title: 'Zeszłoroczny plan', departmentId: department.id } });
    const page = await open({ javaScriptEnabled: false });
    await page.goto(url('/konsultacje/plan'));
    await page.getByLabel('Rok', { exact: true }).selectOption('2025');
    await page.getByRole('button', { name: 'Pokaż' }).click();
    expect(await heading(page)).toBe('Plan konsultacji 2025');
    expect(await page.locator('.plan-month').innerText()).toContain('Zeszłoroczny plan');
  });
});
