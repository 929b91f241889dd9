// The whole-site sweep of issue 12 on the demo data: every public page reachable from the home page and the
// site map as a visitor, then the panel as each staff role (administrator, department staff, district
// councillor, moderator: each sees another panel), the error pages (404, 403, 429) and every form sent
// empty once. Each page is checked for WCAG 2.1 AA (axe), valid HTML, one h1, a unique title, lang, a skip
// link, alt texts, labels, reflow at 200 % and 400 % zoom, larger text and text spacing.
// The roles browse at the same time, in one Chromium. The report goes to test-results/a11y-sweep/.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-data.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { checkPage, crawl, getRoutes, markDuplicateTitles, progressLog, sharedCounts, submitEmptyForms, writeReport, type FoundForm, type PageResult, type Start } from '../helpers/site-sweep.js';

const suite = useBrowserSuite();
const REPORT_DIR = path.resolve('test-results/a11y-sweep');
const isPanel = (pathname: string) => pathname === '/panel' || pathname.startsWith('/panel/');
/** Pages browsing in parallel for each person; with five people at once, one each keeps two cores busy. */
const PAGES_PER_ROLE = 1;

/** Who browses, from where, and the error page each one meets on purpose. */
const STAFF: { as: string; email: string; samples: number; start: Start[] }[] = [
  { as: 'admin', email: DEMO_USERS.find((u) => u.role === 'ADMIN')!.email, samples: 2, start: ['/panel', { url: '/panel/konsultacje/999999999', status: 404 }] },
  // The other roles see the same templates with other content and buttons: one page of each kind is enough.
  { as: 'department staff', email: 'mzdit@example.org', samples: 1, start: ['/panel', { url: '/panel/uzytkownicy', status: 403 }] },
  { as: 'councillor', email: 'radny.tysiaclecie@example.org', samples: 1, start: ['/panel', { url: '/panel/strony', status: 403 }] },
  { as: 'moderator', email: 'moderator@example.org', samples: 1, start: ['/panel', { url: '/panel/inwestycje/nowa', status: 403 }] },
];

describe('the whole-site accessibility sweep', () => {
  it('finds no violation on any public or panel page, for a visitor and each staff role', { timeout: 30 * 60_000 }, async () => {
    const started = new Date();
    const { db } = suite.server.deps;
    await seedDemo(db, started, suite.server.deps.storage);
    const routes = getRoutes(suite.server.app);
    const forms = new Map<string, FoundForm>();
    const onResult = progressLog(REPORT_DIR);
    // A template is checked at most twice whoever browses; pages only one role reaches are checked for it.
    const base = { baseUrl: suite.server.baseUrl, routes, check: checkPage, forms, shared: sharedCounts(2), onResult };

    // Pages no link leads to: the thanks after answering a survey is reached by sending it.
    const openSurvey = await db.survey.findFirstOrThrow({ where: { kind: 'SURVEY', opensAt: { lte: started }, closesAt: { gt: started } }, select: { id: true } });
    const visitor = {
      as: 'anonymous',
      start: ['/', '/mapa-strony', `/ankiety/${openSurvey.id}/dziekujemy`, { url: '/nie-ma-takiej-strony', status: 404 }, { url: '/konsultacje/nie-ma-takiej-konsultacji', status: 404 }] as Start[],
    };
    const open = async (n: number) =>
      Promise.all(
        Array.from({ length: n }, async () => {
          const page = await suite.open();
          // Five people browse at once on a shared machine: a page may take longer than a journey's 10 s.
          page.setDefaultTimeout(60_000);
          return page;
        }),
      );

    const crawls = [
      (async () => {
        const pages = await open(PAGES_PER_ROLE);
        return { pages, as: visitor.as, results: await crawl({ ...base, pages, as: visitor.as, start: visitor.start.map(toUrl), follow: (p) => !isPanel(p) }) };
      })(),
      ...STAFF.map(async (staff) => {
        const pages = await open(PAGES_PER_ROLE);
        for (const page of pages) await suite.signIn(page, staff.email, { password: DEMO_PASSWORD });
        return { pages, as: staff.as, results: await crawl({ ...base, pages, as: staff.as, start: staff.start.map(toUrl), follow: isPanel, samplesPerKind: staff.samples }) };
      }),
    ];
    const crawled = await Promise.all(crawls);
    const results: PageResult[] = crawled.flatMap((c) => c.results);

    // Each kind of form once, sent empty by whoever found it first, all roles at once again.
    const sent = await Promise.all(crawled.map((c) => submitEmptyForms(c.pages, [...forms.values()].filter((f) => f.as === c.as), checkPage, onResult)));
    results.push(...sent.flat());

    // Last, as it blocks this address: the page that says "too many requests" (the password-reset limit).
    results.push(await tooManyRequestsPage(crawled[0]!.pages[0]!));

    markDuplicateTitles(results);
    const report = writeReport(REPORT_DIR, results, started, { commit: currentCommit() });

    // The crawl must really have reached the site, not stopped at the first page.
    const urls = results.map((r) => `${r.as} ${r.url}`);
    for (const expected of ['/', '/konsultacje', '/deklaracja-dostepnosci', '/mapa-strony', '/aktualnosci', '/dzielnice', '/baza-wiedzy', '/nie-ma-takiej-strony', `/ankiety/${openSurvey.id}/dziekujemy`]) {
      expect(urls, `the sweep reached ${expected}`).toContain(`anonymous ${expected}`);
    }
    for (const { as } of STAFF) expect(urls, `the sweep reached the panel as ${as}`).toContain(`${as} /panel`);
    for (const pattern of [/^anonymous \/konsultacje\/[^/?]+$/, /^anonymous \/konsultacje\/[^/?]+\/raport$/, /^anonymous \/konsultacje\/[^/?]+\/projekt\/wersja-\d+$/, / \/panel\/ankiety\/\d+\/pytania\/nowe(\?|$)/, /\/edycja$/, /^admin \/panel\/baza-wiedzy$/, /^anonymous \/dokumenty\/\d+\/wersja-html$/]) {
      expect(urls.some((u) => pattern.test(u)), `the sweep reached ${pattern}`).toBe(true);
    }
    for (const status of [403, 404, 422, 429]) expect(results.some((r) => r.status === status), `an error page with status ${status} was checked`).toBe(true);

    const found = results.flatMap((r) => r.violations.map((v) => `${r.url} (${r.as}) ${v.rule}: ${v.detail}`));
    expect(found, `accessibility sweep violations (report: ${report.markdown})`).toEqual([]);
  });
});

/** The commit the report speaks for (none outside a git checkout). */
function currentCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function toUrl(start: Start): Start {
  return typeof start === 'string' ? suite.url(start) : { ...start, url: suite.url(start.url) };
}

/** Asks for password-reset links until the limit answers 429, then checks that page. */
async function tooManyRequestsPage(page: Page): Promise<PageResult> {
  for (let i = 0; i < 20; i++) {
    await page.goto(suite.url('/nie-pamietam-hasla'));
    await page.getByLabel('Adres e-mail').fill(`nikt${i}@example.org`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 30_000 }),
      page.locator('main form button[type=submit], main form button:not([type])').first().click(),
    ]);
    await page.waitForLoadState('load');
    if (response.status() === 429) {
      return { url: '/nie-pamietam-hasla (too many requests)', as: 'anonymous', kind: 'POST /nie-pamietam-hasla', status: 429, title: await page.title(), from: '/nie-pamietam-hasla', reflowed: true, violations: await checkPage(page, await response.text()) };
    }
  }
  throw new Error('the password-reset limit never answered 429');
}
