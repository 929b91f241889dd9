// The report with its surveys' results and the PDF being made, in a real browser: without JavaScript
// the page names the PDF as being prepared and the download says so on a page of its own; axe passes on
// the report with survey tables and on that page.
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { createConsultation, createDepartment } from '../helpers/factories.js';
import { createReportDataSet } from '../helpers/remark-factories.js';
import { createSurvey } from '../helpers/survey-factories.js';

const suite = useBrowserSuite();

async function publishedReportWithSurvey() {
  const { db } = suite.server.deps;
  const department = await createDepartment(db);
  // The server runs on the real clock: the consultation ended a week ago.
  const startsAt = new Date(Date.now() - 40 * 86_400_000);
  const c = await createConsultation(db, { slug: 'aleja', title: 'III Aleja', departmentId: department.id, startsAt, endsAt: new Date(Date.now() - 7 * 86_400_000), publishedAt: startsAt });
  await createReportDataSet(db, c.id);
  await db.consultationReport.create({ data: { consultationId: c.id, decisionMd: 'Zmieniamy.', decisionHtml: '<p>Zmieniamy.</p>' } });
  await db.consultation.update({ where: { id: c.id }, data: { reportPublishedAt: new Date() } });
  const survey = await createSurvey(db, {
    consultationId: c.id,
    departmentId: department.id,
    title: 'Ankieta o formach konsultacji',
    opensAt: startsAt,
    closesAt: new Date(Date.now() - 8 * 86_400_000),
    questions: [{ type: 'SINGLE', text: 'Która forma jest najwygodniejsza?', options: ['Formularz internetowy', 'Spotkanie'] }],
  });
  const q = survey.questions[0]!;
  for (const choice of [0, 0, 0, 1, 1]) await db.surveyResponse.create({ data: { surveyId: survey.id, answers: { create: [{ questionId: q.id, optionId: q.options[choice]!.id }] } } });
}

describe('the report with survey results and a PDF in preparation', () => {
  it('reads without JavaScript: survey tables, the PDF named as being prepared, its own page when followed', async () => {
    await publishedReportWithSurvey();
    const page = await suite.open({ javaScriptEnabled: false });
    await page.goto(suite.url('/konsultacje/aleja/raport'));
    expect(await page.locator('h1').innerText()).toBe('Raport z konsultacji: III Aleja');
    expect(await page.getByRole('table', { name: 'Ankieta o formach konsultacji: odpowiedzi na pytanie 1' }).locator('tbody tr').allInnerTexts()).toEqual(['Formularz internetowy\t3\t60%', 'Spotkanie\t2\t40%']);
    expect(await page.locator('section[aria-labelledby="pobierz"] li').first().innerText()).toContain('PDF w przygotowaniu');
    await page.screenshot({ path: 'test-results/report-surveys.png', fullPage: true });
    await page.goto(suite.url('/konsultacje/aleja/raport.pdf'));
    expect(await page.locator('h1').innerText()).toBe('PDF w przygotowaniu');
    await page.getByRole('link', { name: 'Wróć do raportu' }).click();
    await page.waitForURL(/\/konsultacje\/aleja\/raport$/);
  });

  // axe runs as a script: on a page with JavaScript. The report is long: two minutes on a busy machine.
  it('passes axe on the report with survey tables and on the page of the PDF in preparation', { timeout: 120_000 }, async () => {
    await publishedReportWithSurvey();
    const checked = await suite.open();
    for (const path of ['/konsultacje/aleja/raport', '/konsultacje/aleja/raport.pdf']) {
      await checked.goto(suite.url(path));
      await expect.poll(() => checked.locator('h1').count()).toBe(1);
      await expectNoAxeViolations(checked);
    }
  });
});
