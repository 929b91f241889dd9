// Documents and gallery in a real browser: uploading with the progress bar (upload slowed down so it can
// be seen), the same form without JavaScript, axe on both panel pages (empty, filled, with errors), and a
// 320 px screen.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listUploads } from '../helpers/app.js';
import { expectNoAxeViolations } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createConsultation, createUser } from '../helpers/factories.js';
import { image, pdf } from '../helpers/files.js';

const suite = useBrowserSuite();
const { open, url } = suite;

async function staffAndConsultation() {
  const consultation = await createConsultation(suite.server.deps.db, { title: 'Zasady i tryb przeprowadzania konsultacji społecznych' });
  await createUser(suite.server.deps.db, { email: 'mzdit@example.org', name: 'Piotr Kowalski', role: 'DEPARTMENT_STAFF', departmentId: consultation.departmentId });
  return { consultation, documents: `/panel/konsultacje/${consultation.id}/dokumenty`, gallery: `/panel/konsultacje/${consultation.id}/galeria` };
}

const logIn = (page: Page, next: string) => suite.signIn(page, 'mzdit@example.org', { next });

describe('uploading documents', () => {
  it('shows a progress bar while a document uploads, then the list with the new file; axe finds nothing before or after', async () => {
    const { documents } = await staffAndConsultation();
    const page = await open();
    await logIn(page, documents);
    expect(await page.locator('main h1').innerText()).toBe('Dokumenty');
    await expect(page.locator('.upload-progress').isHidden()).resolves.toBe(true);
    await expectNoAxeViolations(page);

    // Slow the upload to about 1 MB in 2 s so the bar has something to show.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 512 * 1024 });
    const content = Buffer.concat([pdf(), Buffer.alloc(1024 * 1024, 0x20)]);
    await page.getByLabel('Wybierz pliki').setInputFiles([{ name: 'Harmonogram działań.pdf', mimeType: 'application/pdf', buffer: content }]);
    // Record what the bar and its label show during the upload.
    await page.evaluate(`(() => {
      window.__seen = [];
      const bar = document.querySelector('.upload-progress progress');
      new MutationObserver(() => window.__seen.push(bar.value)).observe(bar, { attributes: true });
    })()`);
    await page.getByRole('button', { name: 'Dodaj pliki' }).click();
    const box = page.locator('.upload-progress');
    await box.waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: 'Dodaj pliki' }).isDisabled()).toBe(true);
    expect(await box.getByText('Postęp wysyłania').isVisible()).toBe(true);
    await expect.poll(() => page.evaluate('window.__seen.some((v) => v > 0 && v < 100)')).toBe(true);
    expect(await box.locator('.upload-progress__status').innerText()).toMatch(/^Wysłano \d+%|trwa zapisywanie/);

    // The server's answer replaces the page: the list with the file and the confirmation.
    await page.getByText('Dodano plik „Harmonogram działań.pdf”.').waitFor();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(page.url()).toBe(url(documents));
    expect(await page.locator('.notice').innerText()).toContain('Dodano plik „Harmonogram działań.pdf”.');
    const row = page.locator('tbody tr').first();
    expect(await row.locator('td').nth(0).innerText()).toContain('Harmonogram działań');
    expect(await row.locator('td').nth(1).innerText()).toBe('PDF');
    expect(await row.locator('td').nth(2).innerText()).toBe('1 MB');
    expect(listUploads(suite.server.uploadsDir).filter((f) => f.startsWith('files/'))).toHaveLength(1);
    await expectNoAxeViolations(page);

    // The new page works like the first: the script runs again and a refused file shows its error.
    await page.getByLabel('Wybierz pliki').setInputFiles([{ name: 'program.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') }]);
    await page.getByRole('button', { name: 'Dodaj pliki' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary a').innerText()).toContain('Plik „program.pdf” nie jest plikiem PDF');
    await expectNoAxeViolations(page);
  });

  it('uploads through the plain form without JavaScript, where no progress bar appears', async () => {
    const { documents } = await staffAndConsultation();
    const page = await open({ javaScriptEnabled: false });
    await logIn(page, documents);
    expect(await page.locator('.upload-progress').isHidden()).toBe(true);
    await page.getByLabel('Wybierz pliki').setInputFiles([
      { name: 'Ankieta.pdf', mimeType: 'application/pdf', buffer: pdf() },
      { name: 'Wyniki ankiety.csv', mimeType: 'text/csv', buffer: Buffer.from('Lp.;Odpowiedź\n1;Tak\n') },
    ]);
    await page.getByRole('button', { name: 'Dodaj pliki' }).click();
    await page.waitForURL(url(documents));
    expect(await page.locator('.notice').innerText()).toContain('Dodano pliki: 2.');
    expect(await page.locator('.attachments-table__name').allInnerTexts()).toEqual(['Ankieta', 'Wyniki ankiety']);
    // Reordering works by plain buttons too.
    await page.getByRole('button', { name: 'W dół (Ankieta)' }).click();
    await page.waitForURL(url(`${documents}#plik-1`));
    expect(await page.locator('.attachments-table__name').allInnerTexts()).toEqual(['Wyniki ankiety', 'Ankieta']);
  });
});

describe('the gallery', () => {
  it('has no axe violations empty, with an alt-text error, and with a photo and its thumbnail', async () => {
    const { gallery } = await staffAndConsultation();
    const page = await open();
    await logIn(page, gallery);
    expect(await page.locator('main h1').innerText()).toBe('Galeria zdjęć');
    await expectNoAxeViolations(page);

    const photo = { name: 'Spacer studyjny.jpg', mimeType: 'image/jpeg', buffer: await image('jpeg', 1200, 800) };
    await page.getByLabel('Wybierz zdjęcie').setInputFiles([photo]);
    await page.getByRole('button', { name: 'Dodaj zdjęcie' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary a').allInnerTexts()).toEqual(['Podaj tekst alternatywny opisujący zdjęcie']);
    await expectNoAxeViolations(page);

    await page.getByLabel('Tekst alternatywny').fill('Uczestnicy spaceru studyjnego na Placu Biegańskiego');
    await page.getByLabel('Wybierz zdjęcie').setInputFiles([photo]);
    await page.getByRole('button', { name: 'Dodaj zdjęcie' }).click();
    await page.getByText('Dodano plik „Spacer studyjny.jpg”.').waitFor();
    const img = page.getByRole('img', { name: 'Uczestnicy spaceru studyjnego na Placu Biegańskiego' });
    await img.waitFor();
    // The thumbnail itself loaded (a 400 px WebP), not just its <img>.
    await expect.poll(() => page.evaluate(`document.querySelector('.gallery-admin img').naturalWidth`)).toBe(400);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Edytuj (Spacer studyjny.jpg)' }).click();
    expect(await page.locator('main h1').innerText()).toBe('Edytuj zdjęcie');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Usuń ten plik' }).click();
    expect(await page.locator('main h1').innerText()).toBe('Usunąć plik „Spacer studyjny.jpg”?');
    await expectNoAxeViolations(page);
  });

  it('fits a 320 px screen on both panel pages with a file listed', async () => {
    const { documents, gallery } = await staffAndConsultation();
    const page = await open({ viewport: { width: 320, height: 640 } });
    await logIn(page, documents);
    await page.getByLabel('Wybierz pliki').setInputFiles([{ name: `${'Bardzo długa nazwa dokumentu '.repeat(4)}.pdf`, mimeType: 'application/pdf', buffer: pdf() }]);
    await page.getByRole('button', { name: 'Dodaj pliki' }).click();
    await page.getByText('Dodano plik').waitFor();
    for (const path of [documents, gallery]) {
      await page.goto(url(path));
      const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
        '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
      );
      expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
    }
  });
});
