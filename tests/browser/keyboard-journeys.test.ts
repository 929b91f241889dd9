// Keyboard walk-throughs for the journeys that had none (issue 12): the panel's consultation editor, the
// survey builder without JavaScript, the moderation queue and a district council's page editor, each done
// with Tab, typing, Space and Enter alone; and a walk through the main pages of the demo as a visitor and
// as staff: Tab order follows the visual order, focus is always visible and on screen, the skip link
// leads into the content, and Tab leaves every page (no trap).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed.js';
import { DEMO_PASSWORD } from '../../src/db/seed-data.js';
import { createComment } from '../helpers/comment-factories.js';
import { expectNoAxeViolations, focusOf, type Focus } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { walkWithKeyboard } from '../helpers/keyboard.js';

const suite = useBrowserSuite();
const { url } = suite;
const heading = (page: Page) => page.locator('main h1').innerText();

/** Tab until the focused element matches (forms of the panel are long: up to 120 presses). */
async function tabTo(page: Page, wanted: (f: Focus) => boolean, what: string): Promise<Focus> {
  const seen: string[] = [];
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const focus = await focusOf(page);
    if (wanted(focus)) return focus;
    seen.push(`${focus.tag}#${focus.id} "${focus.text.slice(0, 25)}"`);
  }
  throw new Error(`Tab never reached ${what}; focus went through: ${seen.join(', ')}`);
}
const field = (id: string) => (f: Focus) => f.id === id;
const labelled = (text: string) => (f: Focus) => f.text === text;

/** Signs in with the keyboard: the skip link, then the fields of the login form, Enter. */
async function signInByKeyboard(page: Page, email: string) {
  await page.goto(url('/logowanie'));
  await tabTo(page, field('email'), 'the e-mail field');
  await page.keyboard.type(email);
  await tabTo(page, field('password'), 'the password field');
  await page.keyboard.type(DEMO_PASSWORD);
  // Wait for the login's own answer (as signIn does), then for the panel.
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/logowanie', { timeout: 30_000 }), page.keyboard.press('Enter')]);
  expect(response.status(), `login of ${email}`).toBe(303);
  await page.waitForURL(url('/panel'), { timeout: 30_000 });
}

/**
 * The date field reached by Tab gets its value: Chromium's date field takes typed digits segment by
 * segment in the locale's order, which is the browser's business, not the page's.
 */
async function typeDate(page: Page, id: string, iso: string) {
  await page.locator(`#${id}`).fill(iso);
  expect((await focusOf(page)).id).toBe(id);
}

/** After a refused form: focus is on the error summary, its first link takes focus to the field named. */
async function expectErrorSummaryFocused(page: Page, firstField: string) {
  await page.locator('.error-summary').waitFor();
  // autofocus takes effect at the next rendering step, a moment after the summary appears.
  await expect.poll(async () => (await focusOf(page)).className, { timeout: 5_000 }).toContain('error-summary');
  await page.keyboard.press('Tab');
  expect((await focusOf(page)).href).toBe(`#${firstField}`);
  await page.keyboard.press('Enter');
  expect((await focusOf(page)).id).toBe(firstField);
}

/** Presses Enter on the focused submit button and waits for the answer; a refusal fails with what the page said. */
async function submitWithEnter(page: Page, expected: RegExp) {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 30_000 }), page.keyboard.press('Enter')]);
  if (response.status() >= 400) {
    const said = [...(await response.text()).matchAll(/<li><a href="#([^"]*)">([^<]*)</g)].map((m) => `${m[1]}: ${m[2]}`).join('; ');
    throw new Error(`the form answered ${response.status()}: ${said}`);
  }
  await page.waitForURL(expected, { timeout: 30_000 });
}

async function expectCleanWalk(page: Page) {
  const walk = await walkWithKeyboard(page);
  expect(walk.problems, `keyboard walk of ${page.url()} (${walk.stops.length} stops)`).toEqual([]);
  return walk;
}

describe('keyboard walk-throughs', () => {
  it('walks the main pages of the demo as a visitor and as staff: visible focus in visual order, no trap', { timeout: 300_000 }, async () => {
    const { db } = suite.server.deps;
    await seedDemo(db, new Date());
    const survey = await db.survey.findFirstOrThrow({ where: { title: { startsWith: 'Rowerem' } }, select: { id: true } });
    const district = await db.district.findUniqueOrThrow({ where: { slug: 'tysiaclecie' }, select: { id: true } });
    const consultation = await db.consultation.findUniqueOrThrow({ where: { slug: 'mpzp-mirow-ul-mstowska' }, select: { id: true } });
    const visitor = await suite.open();
    const publicPages = ['/', '/konsultacje', '/konsultacje/mpzp-mirow-ul-mstowska', '/konsultacje/mpzp-mirow-ul-mstowska/projekt', '/konsultacje/mpzp-mirow-ul-mstowska/uwagi', `/ankiety/${survey.id}`, '/aktualnosci', '/dzielnice/tysiaclecie', '/inwestycje', '/deklaracja-dostepnosci', '/logowanie'];
    for (const path of publicPages) {
      await visitor.goto(url(path));
      const walk = await expectCleanWalk(visitor);
      expect(walk.stops[0]!.element, `the first stop on ${path}`).toMatch(/^a "Przejdź do treści"/);
    }
    const admin = await suite.open();
    await signInByKeyboard(admin, 'admin@example.org');
    for (const path of ['/panel', '/panel/konsultacje', `/panel/konsultacje/${consultation.id}`, `/panel/konsultacje/${consultation.id}/edycja`, `/panel/ankiety/${survey.id}`, '/panel/moderacja', `/panel/dzielnice/${district.id}`, '/panel/uzytkownicy']) {
      await admin.goto(url(path));
      await expectCleanWalk(admin);
    }
  });

  it('edits a consultation in the panel by keyboard: errors focused, then saved', { timeout: 180_000 }, async () => {
    await seedDemo(suite.server.deps.db, new Date());
    const page = await suite.open();
    await signInByKeyboard(page, 'mpup@example.org');
    await tabTo(page, (f) => f.href === '/panel/konsultacje', 'the consultations link');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/panel/konsultacje'));
    await tabTo(page, (f) => f.href === '/panel/konsultacje/nowa', 'the new consultation link');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/panel/konsultacje/nowa'));
    await tabTo(page, labelled('Zapisz szkic'), 'the save button');
    await page.keyboard.press('Enter');
    await expectErrorSummaryFocused(page, 'title');
    await expectNoAxeViolations(page);

    await page.keyboard.type('Park kieszonkowy przy ul. Mstowskiej');
    await tabTo(page, field('subjectMd'), 'the subject');
    await page.keyboard.type('Koncepcja parku kieszonkowego.');
    await tabTo(page, field('purposeMd'), 'the purpose');
    await page.keyboard.type('Wybór wyposażenia parku.');
    await tabTo(page, (f) => f.id.startsWith('scope'), 'the scope');
    await page.keyboard.press('Space');
    await tabTo(page, field('startDate'), 'the start date');
    await typeDate(page, 'startDate', '2027-02-01');
    await tabTo(page, field('endDate'), 'the end date');
    await typeDate(page, 'endDate', '2027-02-28');
    await tabTo(page, labelled('Zapisz szkic'), 'the save button');
    await submitWithEnter(page, /\/panel\/konsultacje\/\d+$/);
    expect(await heading(page)).toBe('Park kieszonkowy przy ul. Mstowskiej');
    await expectCleanWalk(page);
  });

  it('builds a survey without JavaScript by keyboard: settings, a question with its options, the order buttons', { timeout: 180_000 }, async () => {
    await seedDemo(suite.server.deps.db, new Date());
    const page = await suite.open({ javaScriptEnabled: false });
    await signInByKeyboard(page, 'mzdit@example.org');
    await page.goto(url('/panel/ankiety'));
    await tabTo(page, (f) => f.href === '/panel/ankiety/nowa', 'the new survey link');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/panel/ankiety/nowa'));
    await tabTo(page, labelled('Zapisz'), 'the save button');
    await page.keyboard.press('Enter');
    await expectErrorSummaryFocused(page, 'title');
    await page.keyboard.type('Ławki w parku Lisiniec');
    await tabTo(page, field('openDate'), 'the start date');
    await typeDate(page, 'openDate', '2027-02-01');
    await tabTo(page, field('closeDate'), 'the end date');
    await typeDate(page, 'closeDate', '2027-02-28');
    await tabTo(page, labelled('Zapisz'), 'the save button');
    await submitWithEnter(page, /\/panel\/ankiety\/\d+(#.*)?$/);
    expect(await heading(page)).toBe('Ławki w parku Lisiniec');

    for (const text of ['Gdzie postawić ławki?', 'Ile ławek potrzeba?']) {
      // The question type is a select in a GET form: the first type (one answer) is chosen already.
      await tabTo(page, labelled('Dodaj'), 'the add question button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/pytania\/nowe/, { timeout: 30_000 });
      await tabTo(page, field('text'), 'the question text');
      await page.keyboard.type(text);
      await tabTo(page, field('options'), 'the options');
      await page.keyboard.type('Przy stawie\nPrzy placu zabaw');
      await tabTo(page, labelled('Zapisz'), 'the save button');
      await submitWithEnter(page, /\/panel\/ankiety\/\d+(#.*)?$/);
    }
    await tabTo(page, (f) => f.text === 'Przesuń wyżej: Ile ławek potrzeba?', 'the move up button of the second question');
    await submitWithEnter(page, /\/panel\/ankiety\/\d+(#.*)?$/);
    await page.locator('main ol').first().waitFor();
    expect(await page.locator('main ol > li').first().innerText()).toContain('Ile ławek potrzeba?');
    await expectCleanWalk(page);
  });

  it('moderates a reported comment by keyboard: the queue, the hide form with its error, back to the queue', { timeout: 180_000 }, async () => {
    const { db } = suite.server.deps;
    await seedDemo(db, new Date());
    const c = await db.consultation.findUniqueOrThrow({ where: { slug: 'rewitalizacja-promenady-niemena-wybor-wariantu' }, select: { id: true } });
    const comment = await createComment(db, c.id, { body: 'Komentarz nie na temat', authorName: 'Jan K.' });
    await db.commentReport.create({ data: { commentId: comment.id, reason: 'Nie na temat' } });
    const page = await suite.open();
    await signInByKeyboard(page, 'moderator@example.org');
    await tabTo(page, (f) => f.href === '/panel/moderacja', 'the moderation link');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/panel/moderacja'));
    await tabTo(page, (f) => f.text.startsWith('Zgłoszone'), 'the reported view');
    await page.keyboard.press('Enter');
    await page.waitForURL(/widok=zgloszone/);
    await expectCleanWalk(page);
    await page.goto(url('/panel/moderacja?widok=zgloszone'));
    await tabTo(page, (f) => f.text === 'Ukryj: Jan K.', 'the hide link of the reported comment');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ukryj/);
    await tabTo(page, labelled('Ukryj komentarz'), 'the hide button');
    await page.keyboard.press('Enter');
    await expectErrorSummaryFocused(page, 'reason');
    await page.keyboard.type('Nie dotyczy konsultacji');
    await tabTo(page, labelled('Ukryj komentarz'), 'the hide button');
    await submitWithEnter(page, /\/panel\/moderacja\?widok=zgloszone/);
    expect(await page.locator('main [role="status"]').innerText()).toBe('Komentarz został ukryty.');
  });

  it('lets a councillor edit the district council page by keyboard and see it saved', { timeout: 180_000 }, async () => {
    const { db } = suite.server.deps;
    await seedDemo(db, new Date());
    const page = await suite.open();
    await signInByKeyboard(page, 'radny.tysiaclecie@example.org');
    await tabTo(page, (f) => f.href === '/panel/dzielnice', 'the district link');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/panel\/dzielnice/);
    const district = await db.district.findUniqueOrThrow({ where: { slug: 'tysiaclecie' }, select: { id: true } });
    if (!page.url().endsWith(`/panel/dzielnice/${district.id}`)) {
      await tabTo(page, (f) => f.href === `/panel/dzielnice/${district.id}`, 'the council page');
      await page.keyboard.press('Enter');
      await page.waitForURL(url(`/panel/dzielnice/${district.id}`));
    }
    await expectCleanWalk(page);
    await page.goto(url(`/panel/dzielnice/${district.id}`));
    await tabTo(page, field('councilHours'), 'the duty hours');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Dyżury radnych: wtorki 17:00–18:00');
    await tabTo(page, labelled('Zapisz stronę rady'), 'the save button');
    await submitWithEnter(page, /\/panel\/dzielnice\/\d+/);
    await page.goto(url('/dzielnice/tysiaclecie'));
    expect(await page.locator('main').innerText()).toContain('Dyżury radnych: wtorki 17:00–18:00');
  });
});
