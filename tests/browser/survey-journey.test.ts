// A resident answers a survey with the keyboard alone: Tab between fields, Space and arrows for choices,
// typing, Enter to send; a mistake comes back with the error summary focused; the conditional question
// appears only when its answer is chosen (JavaScript), the thank-you page and the results follow.
// axe runs on the form, the form with errors, the thank-you page and the results.
// `SHOTS_DIR=/tmp/shots` also saves screenshots of the pages for a person to look at.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, focusOf, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createSurvey } from '../helpers/survey-factories.js';

const suite = useBrowserSuite();
const { open, url } = suite;

async function checked(page: Page, name: string) {
  await expectNoAxeViolations(page);
  if (process.env.SHOTS_DIR) await page.screenshot({ path: path.join(process.env.SHOTS_DIR, `${name}.png`), fullPage: true });
}

describe('a survey answered by keyboard', () => {
  it('is filled in, corrected, sent and thanked for; the results are readable', async () => {
    const db = suite.server.deps.db;
    const survey = await createSurvey(db, {
      title: 'Park na Lisińcu',
      introMd: 'Powiedz nam, **jak korzystasz z parku**.',
      thankYou: 'Dziękujemy! Wyniki omówimy na spotkaniu w grudniu.',
      participation: 'ONE_PER_BROWSER',
      resultsVisibility: 'LIVE',
      // The browser suite's server runs on the real clock.
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      questions: [
        { type: 'SINGLE', text: 'Jak często bywasz w parku?', required: true, options: ['Codziennie', 'Co tydzień', 'Rzadziej'] },
        { type: 'SHORT_TEXT', text: 'Co by Cię zachęciło?', required: true, showIf: { question: 0, option: 2 } },
        { type: 'SCALE', text: 'Jak oceniasz park?', minValue: 1, maxValue: 5, minLabel: 'źle', maxLabel: 'świetnie', required: true },
        { type: 'MULTIPLE', text: 'Co tam robisz?', options: ['Spaceruję', 'Biegam', 'Czytam'] },
      ],
    });
    // Earlier responses, so that the results show numbers (public groups need at least five people).
    const [single, , scale] = survey.questions;
    for (let i = 0; i < 5; i++) {
      const response = await db.surveyResponse.create({ data: { surveyId: survey.id } });
      await db.surveyAnswer.createMany({ data: [{ responseId: response.id, questionId: single!.id, optionId: single!.options[i % 2]!.id }, { responseId: response.id, questionId: scale!.id, value: 3 + (i % 3) }] });
    }

    const resident = await open();
    await resident.goto(url(`/ankiety/${survey.id}`));
    await checked(resident, 'survey-form');
    // The conditional question is hidden until its answer is chosen (without JavaScript it shows with a note).
    const conditional = resident.locator(`[data-show-if-question="q${single!.id}"]`);
    expect(await conditional.isHidden()).toBe(true);

    // Sending the empty form: the error summary takes the focus and names each missing answer.
    await tabUntil(resident, (f) => f.tag === 'button' && f.text === 'Wyślij odpowiedzi', 'the submit button');
    await resident.keyboard.press('Enter');
    await resident.locator('.error-summary').waitFor();
    expect((await focusOf(resident)).className).toContain('error-summary');
    expect(await resident.locator('.error-summary li').allTextContents()).toEqual(['Wybierz jedną odpowiedź', 'Wybierz jedną odpowiedź']);
    await checked(resident, 'survey-form-errors');

    // The first error link leads to the question's first radio; arrows choose "Rzadziej".
    await tabUntil(resident, (f) => f.tag === 'a' && f.text === 'Wybierz jedną odpowiedź', 'the first error link');
    await resident.keyboard.press('Enter');
    await tabUntil(resident, (f) => f.id === `q${single!.id}`, 'the first answer of question 1');
    await resident.keyboard.press('Space');
    await resident.keyboard.press('ArrowDown');
    await resident.keyboard.press('ArrowDown');
    expect(await resident.locator(`#q${single!.id}-${single!.options[2]!.id}`).isChecked()).toBe(true);
    expect(await conditional.isVisible()).toBe(true);

    await tabUntil(resident, (f) => f.id === `q${survey.questions[1]!.id}`, 'the conditional text field');
    await resident.keyboard.type('Więcej ławek w cieniu');
    await tabUntil(resident, (f) => f.id.startsWith(`q${scale!.id}`), 'the scale');
    await resident.keyboard.press('ArrowRight');
    await resident.keyboard.press('ArrowRight');
    await resident.keyboard.press('ArrowRight');
    const multiple = survey.questions[3]!;
    await tabUntil(resident, (f) => f.id === `q${multiple.id}`, 'the first checkbox');
    await resident.keyboard.press('Space');
    await resident.keyboard.press('Tab');
    await resident.keyboard.press('Tab');
    await resident.keyboard.press('Space');
    await tabUntil(resident, (f) => f.tag === 'button' && f.text === 'Wyślij odpowiedzi', 'the submit button');
    await resident.keyboard.press('Enter');

    await resident.locator('h1', { hasText: 'Dziękujemy za wypełnienie ankiety' }).waitFor();
    expect(await resident.locator('main').textContent()).toContain('Wyniki omówimy na spotkaniu w grudniu.');
    await checked(resident, 'survey-thanks');

    const stored = await db.surveyAnswer.findMany({ where: { response: { surveyId: survey.id, browserKey: { not: null } } }, orderBy: { id: 'asc' }, select: { questionId: true, optionId: true, value: true, text: true } });
    expect(stored).toEqual([
      { questionId: single!.id, optionId: single!.options[2]!.id, value: null, text: null },
      { questionId: survey.questions[1]!.id, optionId: null, value: null, text: 'Więcej ławek w cieniu' },
      { questionId: scale!.id, optionId: null, value: 4, text: null },
      { questionId: multiple.id, optionId: multiple.options[0]!.id, value: null, text: null },
      { questionId: multiple.id, optionId: multiple.options[2]!.id, value: null, text: null },
    ]);

    await tabUntil(resident, (f) => f.tag === 'a' && f.text === 'Zobacz wyniki', 'the results link');
    await resident.keyboard.press('Enter');
    await resident.locator('h1', { hasText: 'Wyniki: Park na Lisińcu' }).waitFor();
    expect(await resident.locator('.results-count').textContent()).toBe('6 odpowiedzi');
    expect(await resident.locator('.survey-result').first().locator('tbody tr').first().textContent()).toMatch(/Codziennie\s*3\s*50%/);
    await checked(resident, 'survey-results');

    // Back on the form, this browser is told it has answered already.
    await resident.goto(url(`/ankiety/${survey.id}`));
    expect(await resident.locator('.notice').textContent()).toContain('Z tej przeglądarki wypełniono już tę ankietę.');
  });
});
