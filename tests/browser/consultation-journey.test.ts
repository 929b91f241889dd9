// The consultation's whole journey in a real browser: a department's staff member creates a draft,
// attaches a document, previews and publishes it; a resident then finds it from the home page and
// downloads the document. axe runs on every page on the way.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createDepartment, createUser } from '../helpers/factories.js';
import { pdf } from '../helpers/files.js';
import { warsawParts } from '../../src/lib/dates.js';

// The server runs on the real clock: an open consultation around today.
const day = (offset: number) => warsawParts(new Date(Date.now() + offset * 86_400_000)).date;

const suite = useBrowserSuite();
const { open, url } = suite;

async function checked(page: Page) {
  await expectNoAxeViolations(page);
  return page;
}

describe('a consultation from draft to download', () => {
  it('is created, given a document and published by staff, then found and downloaded by a resident', async () => {
    const department = await createDepartment(suite.server.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    await createUser(suite.server.deps.db, { email: 'mzdit@example.org', role: 'DEPARTMENT_STAFF', departmentId: department.id });
    const staff = await open();

    await suite.signIn(staff, 'mzdit@example.org');
    await staff.getByRole('link', { name: 'Konsultacje Twojego wydziału' }).click();
    await checked(staff);
    await staff.getByRole('link', { name: 'Dodaj konsultację' }).click();
    await checked(staff);

    // A blank form first: the error summary names the missing fields.
    await staff.getByRole('button', { name: 'Zapisz szkic' }).click();
    await staff.locator('.error-summary').waitFor();
    expect(await staff.locator('.error-summary').innerText()).toContain('Podaj tytuł');
    await checked(staff);

    await staff.getByLabel('Tytuł').fill('Przebudowa ulicy Źródlanej');
    await staff.getByLabel('Krótki opis').fill('Jak ma wyglądać ulica Źródlana po przebudowie?');
    await staff.getByLabel('Przedmiot konsultacji').fill('Projekt przebudowy ulicy Źródlanej.');
    await staff.getByLabel('Cel konsultacji').fill('Poznanie opinii mieszkańców.');
    await staff.getByLabel('Data rozpoczęcia').fill(day(-3));
    await staff.getByLabel('Data zakończenia').fill(day(20));
    await staff.getByRole('button', { name: 'Zapisz szkic' }).click();
    await staff.getByText('Zapisano szkic konsultacji').waitFor();
    await checked(staff);
    const panelPage = staff.url();

    await staff.getByRole('link', { name: 'Pliki do pobrania' }).click();
    await staff.getByLabel('Wybierz pliki').setInputFiles([{ name: 'Projekt przebudowy – opis.pdf', mimeType: 'application/pdf', buffer: pdf() }]);
    await staff.getByRole('button', { name: 'Dodaj pliki' }).click();
    await staff.getByText('Dodano plik „Projekt przebudowy – opis.pdf”.').waitFor();
    await staff.goto(panelPage);

    await staff.getByRole('link', { name: 'Podgląd strony' }).click();
    expect(await staff.locator('.notice--warning').innerText()).toContain('nie jest jeszcze publiczna');
    await checked(staff);
    await staff.goto(panelPage);
    await staff.getByRole('button', { name: 'Opublikuj' }).click();
    await staff.getByText('Opublikowano konsultację.').waitFor();
    await checked(staff);

    // A resident, without an account.
    const resident = await open();
    await resident.goto(url('/'));
    await resident.getByRole('link', { name: 'Przebudowa ulicy Źródlanej' }).first().click();
    expect(await resident.locator('main h1').innerText()).toBe('Przebudowa ulicy Źródlanej');
    await checked(resident);
    const link = resident.getByRole('link', { name: /^Projekt przebudowy – opis/ });
    const href = await link.getAttribute('href');
    const response = await resident.request.get(url(href!));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toContain("filename*=UTF-8''Projekt%20przebudowy%20%E2%80%93%20opis.pdf");
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(await response.body(), pdf())).toBe(0);
  });
});
