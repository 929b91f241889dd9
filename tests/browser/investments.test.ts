// Investments in a real browser with the tile server unreachable (a local port nothing listens on):
// the map still shows a marker for each located investment, each marker is a link that works, the list
// works by keyboard, and the list, detail and editor pages pass the site's page checks (axe WCAG 2.1 AA,
// valid HTML, reflow at 320 px). Staff pick a location by clicking the map.
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createDepartment, createDistrict, createUser } from '../helpers/factories.js';
import { createInvestment } from '../helpers/investment-factories.js';
import { expectPageChecksPass } from '../helpers/site-sweep.js';

// Port 9 (discard) on this machine: connections are refused, as when the tile server cannot be reached.
const suite = useBrowserSuite({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
const { open, url } = suite;

async function seed() {
  const db = suite.server.deps.db;
  const department = await createDepartment(db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
  const rakow = await createDistrict(db, { slug: 'rakow', name: 'Raków' });
  const mirow = await createDistrict(db, { slug: 'mirow', name: 'Mirów' });
  await createInvestment(db, { title: 'Stadion przy ul. Limanowskiego', slug: 'stadion', status: 'SUSPENDED', departmentId: department.id, districtIds: [rakow.id], latitude: 50.7904, longitude: 19.1707, address: 'ul. Limanowskiego 83' });
  await createInvestment(db, { title: 'Przebudowa ul. Mirowskiej', slug: 'mirowska', departmentId: department.id, districtIds: [mirow.id], latitude: 50.8188, longitude: 19.1652 });
  await createInvestment(db, { title: 'Bugajska bis', slug: 'bugajska-bis', status: 'PREPARATION', departmentId: department.id, latitude: null, longitude: null });
  return department;
}

describe('the investments map and list', () => {
  it('shows a marker for each located investment without tiles, and every marker leads to its investment', async () => {
    await seed();
    const page = await open();
    await page.goto(url('/inwestycje'));
    const map = page.locator('[data-investment-map]');
    await expect.poll(() => map.getAttribute('data-markers')).toBe('2');
    await page.getByText('Podkład mapy jest niedostępny').waitFor();
    const markers = map.locator('a.investment-marker__pin');
    expect(await markers.count()).toBe(2);
    expect(await markers.first().isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: 'test-results/investments-map.png', fullPage: true });

    const targets = await markers.evaluateAll((links) => links.map((a) => ({ href: a.getAttribute('href'), name: a.textContent })));
    expect(targets.map((t) => t.href).sort()).toEqual(['/inwestycje/mirowska', '/inwestycje/stadion']);
    for (const target of targets) {
      await page.goto(url('/inwestycje'));
      // The map's script has placed the markers and fitted the view (a click during that can miss).
      await expect.poll(() => map.getAttribute('data-markers')).toBe('2');
      await map.locator(`a[href="${target.href}"]`).click();
      await page.waitForURL(url(target.href!));
      expect(await page.locator('main h1').innerText()).toBe(target.name);
    }
    // The detail page's own map shows the one point, also without tiles.
    await page.locator('.investment-marker__pin').first().waitFor();
    await page.screenshot({ path: 'test-results/investment-detail.png', fullPage: true });
    await expectPageChecksPass(page);
  });

  it('is used by keyboard alone: filter the list, then open an investment', async () => {
    await seed();
    const page = await open();
    await page.goto(url('/inwestycje'));
    await tabUntil(page, (f) => f.id === 'status', 'the status filter');
    await page.keyboard.press('ArrowDown'); // "Planowana"
    await page.keyboard.press('ArrowDown'); // "W przygotowaniu"
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Pokaż', 'the "Pokaż" button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/status=w-przygotowaniu/);
    expect(await page.locator('.investment-item__title').allInnerTexts()).toEqual(['Bugajska bis']);
    await tabUntil(page, (f) => f.href === '/inwestycje/bugajska-bis' && !f.className.includes('investment-marker'), 'the investment in the list');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/inwestycje/bugajska-bis'));
    expect(await page.locator('main h1').innerText()).toBe('Bugajska bis');
  });

  it('passes the page checks on the list with its map', async () => {
    await seed();
    const page = await open();
    await page.goto(url('/inwestycje?dzielnica=rakow'));
    await expect.poll(() => page.locator('[data-investment-map]').getAttribute('data-markers')).toBe('1');
    await expectPageChecksPass(page);
  });
});

describe('the investment editor', () => {
  it('writes the point clicked on the map into the coordinate fields, and saves it', async () => {
    const department = await seed();
    await createUser(suite.server.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'mzdit@example.org' });
    const page = await open();
    await suite.signIn(page, 'mzdit@example.org');
    await page.getByRole('link', { name: 'Inwestycje Twojego wydziału' }).click();
    await page.getByRole('link', { name: 'Dodaj inwestycję' }).click();
    await page.locator('[data-investment-map].leaflet-container').waitFor();
    await expectPageChecksPass(page);
    await page.getByLabel('Nazwa inwestycji').fill('Rondo w Dźbowie');
    const map = page.locator('[data-investment-map]');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    // A little off the centre of the city's box, where the map opens.
    await map.click({ position: { x: box.width / 2 + 40, y: box.height / 2 - 30 } });
    const lat = Number((await page.getByLabel('Szerokość geograficzna').inputValue()).replace(',', '.'));
    const lon = Number((await page.getByLabel('Długość geograficzna').inputValue()).replace(',', '.'));
    expect(lat).toBeGreaterThan(50.7);
    expect(lat).toBeLessThan(50.9);
    expect(lon).toBeGreaterThan(18.95);
    expect(lon).toBeLessThan(19.3);
    await page.getByRole('button', { name: 'Zapisz' }).click();
    await page.getByText('Zapisano szkic inwestycji.').waitFor();
    const saved = await suite.server.deps.db.investment.findFirstOrThrow({ where: { title: 'Rondo w Dźbowie' } });
    expect(saved.latitude).toBeCloseTo(lat, 5);
    expect(saved.longitude).toBeCloseTo(lon, 5);
    await page.screenshot({ path: 'test-results/investment-panel.png', fullPage: true });
    await expectPageChecksPass(page);
    await page.goto(url('/panel/inwestycje'));
    await expectPageChecksPass(page);
  });
});
