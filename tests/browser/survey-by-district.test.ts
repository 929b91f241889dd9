// Results by district for staff: a resident names the district by keyboard in the form's select, then
// staff read the breakdown tables on the results page; axe passes on both pages.
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createDistrict, createUser } from '../helpers/factories.js';
import { createSurvey } from '../helpers/survey-factories.js';

const suite = useBrowserSuite();
const { open, url } = suite;

describe('results by district', () => {
  it('takes the district by keyboard and shows staff the breakdown', async () => {
    const db = suite.server.deps.db;
    await createDistrict(db, { slug: 'rakow', name: 'Raków' });
    const admin = await createUser(db, { role: 'ADMIN', email: 'admin-dzielnice@example.org' });
    const survey = await createSurvey(db, {
      title: 'Tramwaj na Parkitkę',
      askDistrict: true,
      // The browser suite's server runs on the real clock.
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      questions: [{ type: 'SINGLE', text: 'Czy popierasz tramwaj?', required: true, options: ['Tak', 'Nie'] }],
    });

    const resident = await open();
    await resident.goto(url(`/ankiety/${survey.id}`));
    await resident.getByLabel('W której dzielnicy mieszkasz?').waitFor();
    await expectNoAxeViolations(resident);
    await tabUntil(resident, (f) => f.id === `q${survey.questions[0]!.id}`, 'the first answer');
    await resident.keyboard.press('Space');
    await tabUntil(resident, (f) => f.id === 'dzielnica', 'the district select');
    await resident.keyboard.press('ArrowDown');
    await tabUntil(resident, (f) => f.tag === 'button' && f.text === 'Wyślij odpowiedzi', 'the submit button');
    await resident.keyboard.press('Enter');
    await resident.locator('h1', { hasText: 'Dziękujemy za wypełnienie ankiety' }).waitFor();

    const staff = await open();
    await suite.signIn(staff, admin.email);
    await staff.goto(url(`/panel/ankiety/${survey.id}/wyniki`));
    await staff.getByRole('heading', { name: 'Wyniki według dzielnic' }).waitFor();
    expect(await staff.locator('#dzielnice-odpowiedzi tbody tr').first().textContent()).toMatch(/Raków\s*1/);
    await expectNoAxeViolations(staff);
  });
});
