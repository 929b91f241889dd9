// Full-page screenshots for a human to look at, not assertions: `SHOTS_DIR=/tmp/shots npm run test:browser`.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const SHOTS_DIR = process.env.SHOTS_DIR;
const SLICE = 900;

describe.skipIf(!SHOTS_DIR)('screenshots', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await createUser(server.deps.db, { email: 'anna@example.org', name: 'Anna Nowak', role: 'ADMIN' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of [1280, 375]) {
    it(`saves home, login with errors, panel and 404 at ${width} px`, async () => {
      const dir = SHOTS_DIR!;
      fs.mkdirSync(dir, { recursive: true });
      const { page, context } = await openPage(browser, { viewport: { width, height: 900 } });
      // The whole page, then 900 px slices of it: a tall phone page is unreadable when shrunk to fit a screen.
      const shot = async (name: string) => {
        const buffer = await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
        const height = buffer.readUInt32BE(20); // PNG IHDR: width at byte 16, height at byte 20
        for (let y = 0, part = 1; y < height; y += SLICE, part++) {
          const clip = { x: 0, y, width, height: Math.min(SLICE, height - y) };
          await page.screenshot({ path: path.join(dir, `${name}-${width}-part${part}.png`), fullPage: true, clip });
        }
      };
      await page.goto(server.baseUrl + '/');
      await shot('home');
      await page.keyboard.press('Tab');
      await page.screenshot({ path: path.join(dir, `skip-link-${width}.png`) });
      await page.goto(server.baseUrl + '/logowanie');
      await page.getByRole('button', { name: 'Zaloguj się' }).click();
      await page.waitForSelector('.error-summary');
      await shot('login-errors');
      await page.getByLabel('Adres e-mail').fill('anna@example.org');
      await page.getByLabel('Hasło').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Zaloguj się' }).click();
      await page.waitForURL('**/panel');
      await shot('panel');
      await page.goto(server.baseUrl + '/nie-ma-takiej-strony');
      await shot('404');
      await page.goto(server.baseUrl + '/konsultacje');
      await shot('consultations');
      await context.close();
    });
  }
});
