// A quick poll on a district's page, by keyboard: Tab to an answer's button, Enter votes, the results
// page follows with the thanks; axe passes on the district page with the poll and on the results.
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, tabUntil } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createDistrict } from '../helpers/factories.js';
import { createSurvey } from '../helpers/survey-factories.js';

const suite = useBrowserSuite();
const { open, url } = suite;

describe('a poll on a district page', () => {
  it('takes a vote by keyboard and shows the results', async () => {
    const db = suite.server.deps.db;
    const district = await createDistrict(db, { slug: 'rakow', name: 'Raków' });
    const poll = await createSurvey(db, {
      kind: 'POLL',
      title: 'Ławki na Rakowie',
      districtId: district.id,
      resultsVisibility: 'LIVE',
      // The browser suite's server runs on the real clock.
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      questions: [{ type: 'SINGLE', text: 'Czy postawić ławki przy Zawodziu?', options: ['Tak', 'Nie'] }],
    });

    const resident = await open();
    await resident.goto(url('/dzielnice/rakow'));
    await resident.getByRole('heading', { name: 'Sonda' }).waitFor();
    await expectNoAxeViolations(resident);
    await tabUntil(resident, (f) => f.tag === 'button' && f.text === 'Nie', 'the answer "Nie"');
    await resident.keyboard.press('Enter');
    await resident.waitForURL(url(`/ankiety/${poll.id}/wyniki`));
    await resident.getByRole('heading', { level: 1 }).waitFor();
    expect(await resident.locator('.results-count').textContent()).toBe('1 odpowiedź');
    await expectNoAxeViolations(resident);
  });
});
