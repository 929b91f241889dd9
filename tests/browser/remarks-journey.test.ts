// Remarks in a real browser: a resident reads the draft and submits a remark on one of its parts with
// the keyboard alone; after the end the department answers it and publishes the report, which the
// resident reads. axe checks every page on the way.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { createDraft, createRemark } from '../helpers/remark-factories.js';

const suite = useBrowserSuite();
const { open, url } = suite;
const DAY = 86_400_000;
const heading = (page: Page) => page.locator('h1').innerText();

describe('a remark from the draft to the report', () => {
  it('is submitted by keyboard on a part of the draft, answered by staff and published in the report; axe passes on every page', async () => {
    const { db } = suite.server.deps;
    const department = await createDepartment(db, { code: 'BIK', name: 'Biuro Inicjatyw Lokalnych i Konsultacji Społecznych' });
    const staffUser = await createUser(db, { email: 'bik@example.org', role: 'DEPARTMENT_STAFF', departmentId: department.id });
    // The server runs on the real clock: a consultation open around now.
    const c = await createConsultation(db, { slug: 'zasady', title: 'Zasady konsultacji', departmentId: department.id, startsAt: new Date(Date.now() - 3 * DAY), endsAt: new Date(Date.now() + 10 * DAY) });
    await createDraft(db, c.id, staffUser.id);
    // Another remark, by an institution, so the report's table has both kinds of author.
    await createRemark(db, c.id, { authorKind: 'INSTITUTION', authorName: 'Rada Dzielnicy Raków', content: 'Spotkania także w dzielnicach.', receivedAt: new Date(Date.now() - DAY) });

    const resident = await open();
    await resident.goto(url('/konsultacje/zasady'));
    await expectNoAxeViolations(resident);
    await tabUntil(resident, (f) => f.text === 'Projekt dokumentu z podziałem na paragrafy', 'the link to the draft');
    await resident.keyboard.press('Enter');
    await resident.waitForURL(url('/konsultacje/zasady/projekt'));
    expect(await heading(resident)).toBe('Projekt uchwały');
    await expectNoAxeViolations(resident);
    await tabUntil(resident, (f) => f.text === 'Zgłoś uwagę do tego fragmentu (§ 2 ust. 1 pkt 2)', 'the remark link of § 2 ust. 1 pkt 2');
    await resident.keyboard.press('Enter');
    await resident.waitForURL(url('/konsultacje/zasady/uwagi?fragment=par-2-ust-1-pkt-2'));
    expect(await heading(resident)).toBe('Zgłoś uwagę');
    expect(await resident.locator('#fragment option:checked').innerText()).toBe('§ 2 ust. 1 pkt 2');
    expect(await resident.locator('#strona_www').isVisible()).toBe(false);
    await expectNoAxeViolations(resident);

    // Sent empty first: the summary takes focus and names what is missing.
    await tabUntil(resident, (f) => f.text === 'Wyślij uwagę', 'the submit button');
    await resident.keyboard.press('Enter');
    await resident.locator('.error-summary').waitFor();
    expect(await resident.locator('.error-summary a').allInnerTexts()).toEqual(['Wpisz treść uwagi', 'Potwierdź, że jesteś mieszkańcem lub mieszkanką Częstochowy', 'Potwierdź, że zapoznałeś/aś się z klauzulą informacyjną']);
    await expectNoAxeViolations(resident);

    await tabUntil(resident, (f) => f.id === 'content', 'the remark field');
    await resident.keyboard.type('Proszę dodać spotkania w radach dzielnic.');
    await tabUntil(resident, (f) => f.id === 'proposal', 'the proposed wording');
    await resident.keyboard.type('2) spotkania z mieszkańcami, także w radach dzielnic.');
    await tabUntil(resident, (f) => f.id === 'name', 'the name field');
    await resident.keyboard.type('Zofia Klawiaturowa');
    await tabUntil(resident, (f) => f.id === 'resident', 'the residency declaration');
    await resident.keyboard.press('Space');
    await tabUntil(resident, (f) => f.id === 'rodo', 'the RODO checkbox');
    await resident.keyboard.press('Space');
    await tabUntil(resident, (f) => f.text === 'Wyślij uwagę', 'the submit button');
    await resident.keyboard.press('Enter');
    await resident.waitForURL(url('/konsultacje/zasady#uwagi'));
    const thanks = await resident.locator('main [role="status"]').first().innerText();
    expect(thanks).toMatch(/^Dziękujemy\. Twoja uwaga została przyjęta i ma numer U\/\d{4}\/\d{6}\.$/);
    await expectNoAxeViolations(resident);

    // The consultation ends; the department answers the remark and publishes the report.
    await db.consultation.update({ where: { id: c.id }, data: { startsAt: new Date(Date.now() - 20 * DAY), endsAt: new Date(Date.now() - DAY) } });
    const staff = await open();
    await suite.signIn(staff, 'bik@example.org');
    await staff.goto(url(`/panel/konsultacje/${c.id}`));
    await staff.getByRole('link', { name: 'Uwagi (2)' }).click();
    expect(await heading(staff)).toBe('Uwagi');
    await expectNoAxeViolations(staff);

    // Both remarks get one answer as a group of similar remarks.
    await staff.getByLabel(/^Zaznacz uwagę /).first().check();
    await staff.getByLabel(/^Zaznacz uwagę /).last().check();
    await staff.getByLabel('Nazwa grupy').fill('Spotkania w dzielnicach');
    await staff.getByRole('button', { name: 'Połącz w grupę' }).click();
    await staff.getByText('Uwagi zostały połączone w grupę.').waitFor();
    await staff.locator('tbody a').last().click();
    expect(await heading(staff)).toMatch(/^Uwaga U\//);
    await expectNoAxeViolations(staff);
    await staff.getByLabel('częściowo uwzględniona').check();
    await staff.getByLabel('Uzasadnienie stanowiska').fill('Spotkania odbędą się w dzielnicach, których dotyczy projekt.');
    await staff.getByRole('button', { name: 'Zapisz odpowiedź' }).click();
    await staff.getByText('Odpowiedź została zapisana dla 2 uwag w grupie.').waitFor();

    await staff.getByRole('link', { name: 'Raport z konsultacji' }).first().click();
    expect(await heading(staff)).toBe('Raport z konsultacji');
    await expectNoAxeViolations(staff);
    await staff.getByLabel('Co postanowiło miasto (Markdown)').fill('Projekt uchwały **zmieniono** zgodnie z uwagami.');
    await staff.getByRole('button', { name: 'Zapisz' }).click();
    await staff.getByText('Zapisano treść raportu.').waitFor();
    await staff.getByRole('button', { name: 'Opublikuj raport' }).click();
    await staff.getByText(/^Raport został opublikowany\./).waitFor();
    await expectNoAxeViolations(staff);

    await resident.goto(url('/konsultacje/zasady'));
    expect(await resident.locator('.consultation__facts .tag').innerText()).toBe('Zakończone (raport opublikowany)');
    await resident.getByRole('link', { name: 'Przeczytaj raport z konsultacji' }).click();
    expect(await heading(resident)).toBe('Raport z konsultacji: Zasady konsultacji');
    await expectNoAxeViolations(resident);
    const table = await resident.locator('.report-table').innerText();
    expect(table).toContain('Rada Dzielnicy Raków');
    expect(table).toContain('osoba prywatna');
    expect(table).toContain('Spotkania odbędą się w dzielnicach, których dotyczy projekt.');
    expect(await resident.content()).not.toContain('Klawiaturowa');
    await resident.screenshot({ path: 'test-results/remarks-report.png', fullPage: true });
  });
});
