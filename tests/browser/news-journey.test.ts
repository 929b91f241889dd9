// Issue 4's journey in a real browser: the Tysiąclecie councillor writes news, adds a photo with its
// alternative text and publishes; residents see it on the district page, in the article and in the feed.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createDistrict, createUser } from '../helpers/factories.js';
import { image } from '../helpers/files.js';

const suite = useBrowserSuite();
const { open, url } = suite;

async function checked(page: Page) {
  await expectNoAxeViolations(page);
  return page;
}

describe('district news from the councillor to residents', () => {
  it('is written, illustrated and published in the panel, then shown on the district page, the article and the feed', async () => {
    const district = await createDistrict(suite.server.deps.db, { slug: 'tysiaclecie', name: 'Tysiąclecie' });
    await createUser(suite.server.deps.db, { email: 'radny.tysiaclecie@example.org', role: 'COUNCILLOR', districtId: district.id });
    const councillor = await open();
    await suite.signIn(councillor, 'radny.tysiaclecie@example.org');
    await councillor.getByRole('link', { name: 'Aktualności dzielnicy' }).click();
    await checked(councillor);
    await councillor.getByRole('link', { name: 'Dodaj aktualność' }).click();
    await checked(councillor);
    await councillor.getByLabel('Tytuł').fill('Dyżur radnych w grudniu');
    await councillor.getByLabel('Treść').fill('Zapraszamy na dyżur radnych w siedzibie Rady Dzielnicy Tysiąclecie.');
    await councillor.getByRole('button', { name: 'Zapisz szkic' }).click();
    await councillor.locator('main h1').filter({ hasText: 'Dyżur radnych w grudniu' }).waitFor();
    await checked(councillor);
    const newsPage = councillor.url();

    await councillor.getByRole('link', { name: 'Galeria zdjęć' }).click();
    await councillor.getByLabel('Tekst alternatywny').fill('Radni Tysiąclecia przy stole dyżurowym');
    await councillor.getByLabel('Wybierz zdjęcie').setInputFiles([{ name: 'dyzur.jpg', mimeType: 'image/jpeg', buffer: await image('jpeg', 800, 600) }]);
    await councillor.getByRole('button', { name: 'Dodaj zdjęcie' }).click();
    await councillor.getByText('Dodano plik „dyzur.jpg”.').waitFor();
    await checked(councillor);

    await councillor.goto(newsPage);
    await councillor.getByRole('button', { name: 'Opublikuj' }).click();
    await councillor.locator('.notice').first().waitFor();
    await checked(councillor);

    const resident = await open();
    await resident.goto(url('/dzielnice/tysiaclecie'));
    await checked(resident);
    await resident.getByRole('link', { name: 'Dyżur radnych w grudniu' }).first().click();
    expect(await resident.locator('main h1').innerText()).toBe('Dyżur radnych w grudniu');
    await resident.getByRole('img', { name: 'Radni Tysiąclecia przy stole dyżurowym' }).first().waitFor();
    await checked(resident);

    const feed = await resident.request.get(url('/dzielnice/tysiaclecie/aktualnosci.rss'));
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('Dyżur radnych w grudniu');
  });
});
