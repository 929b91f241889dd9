// The discussion in a real browser: a resident comments with the keyboard alone, confirms through the
// link of the confirmation e-mail (composed by the app's own composer) and sees the comment; the
// error summary; a moderator hides a comment. axe (WCAG 2.1 AA) on every page of the journey.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { commentComposers } from '../../src/features/comments/comment-emails.js';
import { COMMENT_MAIL_KIND } from '../../src/features/comments/comments.service.js';
import { createComment } from '../helpers/comment-factories.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { expectNoAxeViolations, focusOf, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { checkPage } from '../helpers/site-sweep.js';

const suite = useBrowserSuite();
const { open, url } = suite;
const DAY = 86_400_000;
const heading = (page: Page) => page.locator('main h1').innerText();

async function openConsultation() {
  const department = await createDepartment(suite.server.deps.db, { name: 'Wydział Inwestycji i Zamówień Publicznych' });
  return createConsultation(suite.server.deps.db, {
    slug: 'promenada',
    title: 'Rewitalizacja Promenady Niemena',
    departmentId: department.id,
    startsAt: new Date(Date.now() - 3 * DAY),
    endsAt: new Date(Date.now() + 20 * DAY),
    publishedAt: new Date(Date.now() - 10 * DAY),
  });
}

/** The confirmation link of the e-mail the app would send for the newest comment. */
async function confirmationLink(): Promise<string> {
  const { deps } = suite.server;
  const comment = await deps.db.comment.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const message = await commentComposers(deps)[COMMENT_MAIL_KIND]!({ dedupeKey: `test:${comment.id}`, kind: COMMENT_MAIL_KIND, commentId: comment.id });
  const link = /https?:\/\/\S+\/dyskusja\/potwierdz\?t=\S+/.exec(message!.text)![0];
  const parsed = new URL(link);
  return parsed.pathname + parsed.search;
}

describe('commenting on a consultation', () => {
  it('is done with the keyboard alone, confirmed through the e-mailed link, and the comment appears; axe passes throughout', async () => {
    await openConsultation();
    const page = await open();
    await page.goto(url('/konsultacje/promenada'));
    await tabUntil(page, (f) => f.text === 'Dodaj komentarz', 'the "Dodaj komentarz" link');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/konsultacje/promenada/dyskusja#dodaj-komentarz'));
    expect(await heading(page)).toBe('Wymiana opinii');
    await expectNoAxeViolations(page);
    expect(await page.locator('#strona_www').isVisible()).toBe(false);

    await tabUntil(page, (f) => f.id === 'name', 'the name field');
    await page.keyboard.type('Anna Nowak');
    await tabUntil(page, (f) => f.id === 'email', 'the e-mail field');
    await page.keyboard.type('anna.nowak@example.net');
    await tabUntil(page, (f) => f.id === 'body', 'the comment field');
    await page.keyboard.type('Więcej drzew i ławek, proszę. <b>bez HTML</b>');
    await tabUntil(page, (f) => f.id === 'rodo', 'the RODO checkbox');
    await page.keyboard.press('Space');
    await tabUntil(page, (f) => f.text === 'Wyślij komentarz', 'the submit button');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/konsultacje/promenada/dyskusja/sprawdz-poczte'));
    expect(await heading(page)).toBe('Potwierdź komentarz w skrzynce e-mail');
    await expectNoAxeViolations(page);

    await page.goto(url(await confirmationLink()));
    expect(await heading(page)).toBe('Potwierdź komentarz');
    await expectNoAxeViolations(page);
    await tabUntil(page, (f) => f.text === 'Potwierdzam komentarz', 'the confirmation button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/konsultacje\/promenada\/dyskusja#komentarz-\d+$/);
    expect(await page.locator('main [role="status"]').innerText()).toBe('Dziękujemy! Twój komentarz został opublikowany.');
    const comment = page.locator('article.comment').first();
    expect(await comment.locator('.comment__author').innerText()).toBe('Anna N.');
    expect(await comment.locator('.comment__text').innerText()).toBe('Więcej drzew i ławek, proszę. <b>bez HTML</b>');
    expect(await page.content()).not.toContain('anna.nowak@example.net');
    await expectNoAxeViolations(page);
  });

  it('shows the errors in a summary that takes focus and links to each field', async () => {
    await openConsultation();
    const page = await open();
    await page.goto(url('/konsultacje/promenada/dyskusja'));
    await page.getByRole('button', { name: 'Wyślij komentarz' }).click();
    const summary = page.locator('.error-summary');
    // The form comes back to the same address: wait for the answer, not for a new URL.
    await summary.waitFor();
    expect(await page.title()).toMatch(/^Błąd: /);
    expect(await summary.locator('a').allInnerTexts()).toEqual([
      'Podaj imię i nazwisko',
      'Podaj adres e-mail',
      'Wpisz treść komentarza',
      'Zaznacz, że zapoznałeś/aś się z klauzulą informacyjną i regulaminem',
    ]);
    expect((await focusOf(page)).className).toContain('error-summary');
    await expectNoAxeViolations(page);
    await summary.getByRole('link', { name: 'Wpisz treść komentarza' }).click();
    expect((await focusOf(page)).id).toBe('body');
  });

  it('lets staff answer for the city and a resident report a comment; a moderator hides it with a reason; axe passes on each page', async () => {
    const c = await openConsultation();
    const comment = await createComment(suite.server.deps.db, c.id, { body: 'Komentarz do zgłoszenia' });
    await createUser(suite.server.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: c.departmentId, email: 'iz@example.org' });
    await createUser(suite.server.deps.db, { role: 'MODERATOR', email: 'moderator@example.org' });
    const login = (page: Page, email: string) => suite.signIn(page, email);

    const staff = await open();
    await login(staff, 'iz@example.org');
    await staff.goto(url('/konsultacje/promenada/dyskusja'));
    await staff.getByRole('link', { name: /^Odpowiedz/ }).click();
    await expectNoAxeViolations(staff);
    await staff.getByLabel('Treść komentarza').fill('Dziękujemy, rozważymy to.');
    await staff.getByRole('button', { name: 'Opublikuj odpowiedź Urzędu' }).click();
    await staff.waitForURL(/\/dyskusja#komentarz-\d+$/);
    expect(await staff.locator('.comment--official .tag--official').innerText()).toBe('Odpowiedź Urzędu');

    const resident = await open();
    await resident.goto(url('/konsultacje/promenada/dyskusja'));
    await resident.locator(`#komentarz-${comment.id}`).getByRole('link', { name: /^Zgłoś komentarz/ }).click();
    expect(await heading(resident)).toBe('Zgłoś komentarz');
    await expectNoAxeViolations(resident);
    await resident.getByLabel('Powód zgłoszenia').fill('Nie na temat');
    await resident.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
    await resident.waitForURL(url('/konsultacje/promenada/dyskusja'));
    // The thank-you message survives whatever the browser fetches before the page (a favicon, say).
    expect(await resident.getByRole('status').first().textContent()).toContain('Moderator sprawdzi');
    expect(await suite.server.deps.db.commentReport.findMany({ select: { commentId: true, reason: true } })).toEqual([{ commentId: comment.id, reason: 'Nie na temat' }]);

    const moderator = await open();
    await login(moderator, 'moderator@example.org');
    await moderator.getByRole('link', { name: 'Moderacja', exact: true }).click();
    expect(await heading(moderator)).toBe('Moderacja komentarzy');
    await moderator.getByRole('link', { name: /^Zgłoszone/ }).click();
    await expectNoAxeViolations(moderator);
    await moderator.getByRole('link', { name: /^Ukryj/ }).click();
    expect(await heading(moderator)).toBe('Ukryj komentarz');
    await expectNoAxeViolations(moderator);
    await moderator.getByLabel('Powód ukrycia').fill('Nie dotyczy konsultacji');
    await moderator.getByRole('button', { name: 'Ukryj komentarz' }).click();
    await moderator.waitForURL(url('/panel/moderacja?widok=zgloszone'));
    expect(await moderator.locator('main [role="status"]').innerText()).toBe('Komentarz został ukryty.');
    await expectNoAxeViolations(moderator);

    await resident.goto(url('/konsultacje/promenada/dyskusja'));
    expect(await resident.locator(`#komentarz-${comment.id} .comment__text`).innerText()).toBe('Komentarz ukryty przez moderatora. Powód: Nie dotyczy konsultacji');
    await resident.screenshot({ path: 'test-results/comments-discussion.png', fullPage: true });
  });

  it('passes the whole-site sweep’s checks on every page of the discussion and of moderation (valid HTML, one h1, reflow)', async () => {
    const c = await openConsultation();
    const { db } = suite.server.deps;
    const top = await createComment(db, c.id, { body: 'Pierwszy', fragmentAnchor: 'par-1' });
    await createComment(db, c.id, { parentId: top.id, official: true, authorName: 'Wydział Inwestycji i Zamówień Publicznych' });
    const hidden = await createComment(db, c.id, { status: 'HIDDEN', hiddenReason: 'Spam' });
    const pending = await createComment(db, c.id, { status: 'PENDING' });
    await db.commentReport.create({ data: { commentId: top.id, reason: 'Nie na temat' } });
    const { newLinkToken } = await import('../../src/lib/link-tokens.js');
    const { token, hash } = newLinkToken();
    const unconfirmed = await createComment(db, c.id, { status: 'UNCONFIRMED', email: 'x@example.net' });
    await db.comment.update({ where: { id: unconfirmed.id }, data: { confirmTokenHash: hash, confirmExpiresAt: new Date(Date.now() + DAY) } });
    await createUser(db, { role: 'MODERATOR', email: 'moderator@example.org' });

    const check = async (page: Page, path: string) => {
      const response = await page.goto(url(path));
      expect({ path, violations: await checkPage(page, await response!.text()) }).toEqual({ path, violations: [] });
    };
    const resident = await open({ viewport: { width: 1280, height: 900 } });
    for (const path of ['/konsultacje/promenada/dyskusja?fragment=par-2', `/konsultacje/promenada/dyskusja/${top.id}/odpowiedz`, `/konsultacje/promenada/dyskusja/${top.id}/zglos`, '/konsultacje/promenada/dyskusja/sprawdz-poczte', `/dyskusja/potwierdz?t=${token}`]) {
      await check(resident, path);
    }
    const moderator = await open({ viewport: { width: 1280, height: 900 } });
    await suite.signIn(moderator, 'moderator@example.org');
    for (const path of ['/panel/moderacja', '/panel/moderacja?widok=zgloszone', '/panel/moderacja?widok=ukryte', `/panel/moderacja/${pending.id}/ukryj`]) await check(moderator, path);
    expect(hidden.id).toBeGreaterThan(0);
  });
});
