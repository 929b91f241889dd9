// A long survey in steps by keyboard alone: "Krok 1 z 3" above the questions, Enter in a field goes
// on (never back), a step with a missing answer comes back with its error summary focused, "Wstecz"
// returns with the answers kept, the last step sends. axe passes on every step and the summary.
// `SHOTS_DIR=/tmp/shots` also saves screenshots of the steps for a person to look at.
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

describe('a survey in steps by keyboard', () => {
  it('goes forward and back, shows each step’s mistakes and sends at the end', async () => {
    const db = suite.server.deps.db;
    const survey = await createSurvey(db, {
      title: 'Park na Lisińcu',
      // The browser suite's server runs on the real clock.
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      questions: [
        { type: 'SINGLE', text: 'Jak często bywasz w parku?', required: true, options: ['Codziennie', 'Rzadziej'] },
        { type: 'SHORT_TEXT', text: 'Co by Cię zachęciło?', required: true, startsStep: true, showIf: { question: 0, option: 1 } },
        { type: 'LONG_TEXT', text: 'Uwagi', startsStep: true },
      ],
    });
    const [single, conditional] = survey.questions;

    const resident = await open();
    await resident.goto(url(`/ankiety/${survey.id}`));
    await resident.locator('#survey-progress', { hasText: 'Krok 1 z 3' }).waitFor();
    await checked(resident, 'survey-step-1');
    await tabUntil(resident, (f) => f.id === `q${single!.id}`, 'the first answer');
    await resident.keyboard.press('Space');
    await resident.keyboard.press('ArrowDown');
    await tabUntil(resident, (f) => f.tag === 'button' && f.text === 'Dalej', 'the Dalej button');
    await resident.keyboard.press('Enter');

    await resident.locator('#survey-progress', { hasText: 'Krok 2 z 3' }).waitFor();
    await checked(resident, 'survey-step-2');
    // Enter in the empty text field goes on: the step comes back with its own error summary focused.
    await tabUntil(resident, (f) => f.id === `q${conditional!.id}`, 'the text field');
    await resident.keyboard.press('Enter');
    await resident.locator('.error-summary').waitFor();
    expect((await focusOf(resident)).className).toContain('error-summary');
    expect(await resident.locator('#survey-progress').textContent()).toBe('Krok 2 z 3');
    await checked(resident, 'survey-step-2-errors');
    await tabUntil(resident, (f) => f.id === `q${conditional!.id}`, 'the text field');
    await resident.keyboard.type('Ławki w cieniu');

    // Back to step 1: "Rzadziej" is still chosen; on again, the text is still there.
    await tabUntil(resident, (f) => f.tag === 'button' && f.text === 'Wstecz', 'the Wstecz button');
    await resident.keyboard.press('Enter');
    await resident.locator('#survey-progress', { hasText: 'Krok 1 z 3' }).waitFor();
    expect(await resident.locator(`#q${single!.id}-${single!.options[1]!.id}`).isChecked()).toBe(true);
    await tabUntil(resident, (f) => f.tag === 'button' && f.text === 'Dalej', 'the Dalej button');
    await resident.keyboard.press('Enter');
    await resident.locator('#survey-progress', { hasText: 'Krok 2 z 3' }).waitFor();
    expect(await resident.locator(`#q${conditional!.id}`).inputValue()).toBe('Ławki w cieniu');
    await tabUntil(resident, (f) => f.tag === 'button' && f.text === 'Dalej', 'the Dalej button');
    await resident.keyboard.press('Enter');

    await resident.locator('#survey-progress', { hasText: 'Krok 3 z 3' }).waitFor();
    await checked(resident, 'survey-step-3');
    await tabUntil(resident, (f) => f.id === `q${survey.questions[2]!.id}`, 'the last field');
    await resident.keyboard.type('Dziękuję');
    await tabUntil(resident, (f) => f.tag === 'button' && f.text === 'Wyślij odpowiedzi', 'the send button');
    await resident.keyboard.press('Enter');
    await resident.locator('h1', { hasText: 'Dziękujemy za wypełnienie ankiety' }).waitFor();
    const stored = await db.surveyAnswer.findMany({ where: { response: { surveyId: survey.id } }, orderBy: { id: 'asc' }, select: { text: true, optionId: true } });
    expect(stored).toEqual([{ text: null, optionId: single!.options[1]!.id }, { text: 'Ławki w cieniu', optionId: null }, { text: 'Dziękuję', optionId: null }]);
  });
});
