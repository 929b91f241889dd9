// The district list and its schematic in a real browser: axe, keyboard, a narrow phone screen.
// `SHOTS_DIR=/tmp/shots` also saves screenshots of the page for a person to look at.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../src/db/seed-data.js';
import { expectNoAxeViolations, focusOf, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { checkPage } from '../helpers/site-sweep.js';

const suite = useBrowserSuite();
const { open, url } = suite;

async function seedDistricts() {
  await suite.server.deps.db.district.createMany({ data: DISTRICTS.map((d) => ({ slug: d.slug, name: d.name })) });
}

async function shot(page: Page, name: string) {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: path.join(process.env.SHOTS_DIR, `${name}.png`), fullPage: true });
}

describe('/dzielnice', () => {
  it('shows the list and the schematic, passes axe, and a schematic tile is reached and followed by keyboard', async () => {
    await seedDistricts();
    const page = await open({ viewport: { width: 1280, height: 900 } });
    await page.goto(url('/dzielnice'));
    await expectNoAxeViolations(page);
    await shot(page, 'districts-1280');
    const schematic = page.getByRole('region', { name: 'Dzielnice na schemacie miasta' });
    expect(await schematic.getByRole('link').count()).toBe(20);
    // Raków lies east of Stradom and south of Stare Miasto on the schematic, as in the city.
    const box = async (name: string) => (await schematic.getByRole('link', { name, exact: true }).boundingBox())!;
    const [rakow, stradom, stareMiasto] = [await box('Raków'), await box('Stradom'), await box('Stare Miasto')];
    expect(rakow.x).toBeGreaterThan(stradom.x);
    expect(rakow.y).toBeGreaterThan(stareMiasto.y);

    // Tab reaches the list's link first, then the schematic's; Enter opens the district.
    await tabUntil(page, (f) => f.href === '/dzielnice/tysiaclecie', 'Tysiąclecie in the list');
    const tile = await tabUntil(page, (f) => f.href === '/dzielnice/tysiaclecie', 'Tysiąclecie on the schematic');
    expect(tile.className).toBe('district-map__link');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/dzielnice/tysiaclecie'));
    expect(await page.locator('main h1').innerText()).toBe('Dzielnica Tysiąclecie');
    await expectNoAxeViolations(page);
    await shot(page, 'district-tysiaclecie-1280');
  });

  it('fits a 320 px screen: the page does not scroll sideways, the schematic scrolls in its box, names unbroken', async () => {
    await seedDistricts();
    const page = await open({ viewport: { width: 320, height: 800 } });
    await page.goto(url('/dzielnice'));
    await expectNoAxeViolations(page);
    await shot(page, 'districts-320');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    const scroller = page.locator('.district-map-scroll');
    expect(await scroller.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
    // Focusing the last tile scrolls it into view within the box.
    await page.locator('.district-map__link').last().focus();
    expect(await scroller.evaluate((box) => box.scrollLeft)).toBeGreaterThan(0);
    // Names are not broken inside a word, so a tile is as wide as its name needs: no two tiles overlap.
    const overlapping = await page.locator('.district-map__link').evaluateAll((links) => {
      const boxes = links.map((a) => ({ name: a.textContent, box: a.getBoundingClientRect() }));
      return boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom).map((b) => `${a.name} / ${b.name}`));
    });
    expect(overlapping).toEqual([]);
    expect((await focusOf(page)).text).toBe('Błeszno');
  });

  it('passes the whole-site sweep’s checks (valid HTML, one h1, reflow with larger text too)', async () => {
    await seedDistricts();
    const page = await open({ viewport: { width: 1280, height: 900 } });
    const response = await page.goto(url('/dzielnice'));
    expect(await checkPage(page, await response!.text())).toEqual([]);
  });
});
