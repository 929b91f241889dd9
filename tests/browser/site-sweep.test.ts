// The whole-site sweep of issue 12 on the demo data: every public page reachable from the home page and the
// site map, then the panel as an administrator, each checked for WCAG 2.1 AA (axe), valid HTML, one h1, a
// unique title, lang, a skip link, alt texts, labels and reflow at 320 px (also with larger text).
// The report goes to test-results/a11y-sweep/ (report.md to read, report.json for tools).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-data.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { checkPage, crawl, getRoutes, markDuplicateTitles, writeReport, type PageResult } from '../helpers/site-sweep.js';

const suite = useBrowserSuite();
const REPORT_DIR = path.resolve('test-results/a11y-sweep');
const isPanel = (pathname: string) => pathname === '/panel' || pathname.startsWith('/panel/');

describe('the whole-site accessibility sweep', () => {
  it('finds no violation on any public or panel page', { timeout: 15 * 60_000 }, async () => {
    const started = new Date();
    await seedDemo(suite.server.deps.db, started, suite.server.deps.storage);
    const routes = getRoutes(suite.server.app);
    const base = { baseUrl: suite.server.baseUrl, routes, check: checkPage };

    const page = await suite.open();
    const results: PageResult[] = await crawl({ ...base, page, as: 'anonymous', start: [suite.url('/'), suite.url('/mapa-strony')], follow: (p) => !isPanel(p) });

    const admin = DEMO_USERS.find((u) => u.role === 'ADMIN')!;
    const staffPage = await suite.open();
    await suite.signIn(staffPage, admin.email, { password: DEMO_PASSWORD });
    results.push(...(await crawl({ ...base, page: staffPage, as: 'admin', start: [suite.url('/panel')], follow: isPanel })));

    markDuplicateTitles(results);
    const report = writeReport(REPORT_DIR, results, started);

    // The crawl must really have reached the site, not stopped at the first page.
    const urls = results.map((r) => r.url);
    for (const expected of ['/', '/konsultacje', '/deklaracja-dostepnosci', '/mapa-strony', '/aktualnosci', '/dzielnice', '/panel', '/panel/konsultacje', '/baza-wiedzy', '/panel/baza-wiedzy']) {
      expect(urls, `the sweep reached ${expected}`).toContain(expected);
    }
    expect(urls.some((u) => /^\/konsultacje\/[^/?]+$/.test(u)), 'a consultation page was swept').toBe(true);

    const found = results.flatMap((r) => r.violations.map((v) => `${r.url} (${r.as}) ${v.rule}: ${v.detail}`));
    expect(found, `accessibility sweep violations (report: ${report.markdown})`).toEqual([]);
  });
});
