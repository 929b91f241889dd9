// Survey results inside the consultation report (issue 6): the page and its PDF show each survey's
// counts, percentages and means as tables (tagged in the PDF), through the surveys feature's own results;
// a survey whose results are for staff only says so and shows nothing of them.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { makeReportPdf } from '../../src/features/remarks/report-pdf.service.js';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment } from '../helpers/factories.js';
import { html } from '../helpers/http.js';
import { pdfText } from '../helpers/pdf.js';
import { createSurvey } from '../helpers/survey-factories.js';

const ctx = useTestApp();
beforeEach(() => ctx.clock.set('2026-12-10T10:00:00Z'));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

async function reportWithSurveys() {
  const { db } = ctx.deps;
  const department = await createDepartment(db);
  const c = await createConsultation(db, { slug: 'aleja', title: 'III Aleja', departmentId: department.id, startsAt: new Date('2026-11-14T10:00:00Z') });
  await db.consultationReport.create({ data: { consultationId: c.id, decisionMd: 'Zmieniamy.', decisionHtml: '<p>Zmieniamy.</p>' } });
  await db.consultation.update({ where: { id: c.id }, data: { reportPublishedAt: new Date('2026-12-09T10:00:00Z') } });
  const survey = await createSurvey(db, {
    consultationId: c.id,
    departmentId: department.id,
    title: 'Ankieta o formach konsultacji',
    questions: [
      { type: 'SINGLE', text: 'Która forma jest najwygodniejsza?', options: ['Formularz internetowy', 'Spotkanie', 'Ankieta papierowa'] },
      { type: 'SCALE', text: 'Jak oceniasz konsultacje?', minValue: 1, maxValue: 5 },
    ],
  });
  const [single, scale] = survey.questions;
  const choices = [0, 0, 0, 1, 1, 2];
  const marks = [5, 4, 4, 3, 5, 3];
  for (const [i, choice] of choices.entries()) {
    await db.surveyResponse.create({ data: { surveyId: survey.id, answers: { create: [{ questionId: single!.id, optionId: single!.options[choice]!.id }, { questionId: scale!.id, value: marks[i]! }] } } });
  }
  const hidden = await createSurvey(db, { consultationId: c.id, departmentId: department.id, title: 'Ankieta dla radnych', resultsVisibility: 'STAFF_ONLY', questions: [{ type: 'SINGLE', text: 'Pytanie poufne?', options: ['Tak', 'Nie'] }] });
  await db.surveyResponse.create({ data: { surveyId: hidden.id, answers: { create: [{ questionId: hidden.questions[0]!.id, optionId: hidden.questions[0]!.options[0]!.id }] } } });
  return { c, survey };
}

/** The roles of the PDF's structure tree, page by page in reading order, as a screen reader gets them. */
async function structureRoles(data: Buffer): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const roles: string[] = [];
  const walk = (node: { role?: string; children?: unknown[] }) => {
    if (node.role) roles.push(node.role);
    for (const child of node.children ?? []) walk(child as { role?: string; children?: unknown[] });
  };
  for (let n = 1; n <= pdf.numPages; n += 1) walk((await (await pdf.getPage(n)).getStructTree()) as { children?: unknown[] });
  await pdf.destroy();
  return roles;
}

describe('survey results in the report', () => {
  it('shows each question with its respondents, mean and an accessible table of counts and percentages', async () => {
    const { survey } = await reportWithSurveys();
    const $ = html((await request(ctx.app).get('/konsultacje/aleja/raport').expect(200)).text);
    const section = $('section[aria-labelledby="ankiety"]');
    expect(section.find('h3').map((_, h) => $(h).text()).get()).toEqual(['Ankieta o formach konsultacji', 'Ankieta dla radnych']);
    expect(section.find('h4').map((_, h) => $(h).text()).get()).toEqual(['1. Która forma jest najwygodniejsza?', '2. Jak oceniasz konsultacje?']);
    const first = section.find('table').first();
    expect(first.find('caption').text()).toBe('Ankieta o formach konsultacji: odpowiedzi na pytanie 1');
    expect(first.find('thead th').map((_, th) => $(th).text()).get()).toEqual(['Odpowiedź', 'Liczba', 'Procent odpowiadających']);
    expect(first.find('tbody tr').map((_, tr) => [$(tr).children().map((__, td) => squash($(td).text())).get()]).get()).toEqual([
      ['Formularz internetowy', '3', '50%'],
      ['Spotkanie', '2', '33,3%'],
      ['Ankieta papierowa', '1', '16,7%'],
    ]);
    expect(first.find('tbody th[scope="row"]')).toHaveLength(3);
    const stats = section.find('.survey-result__stats').first();
    expect(stats.find('.meta__row').map((_, row) => `${$(row).find('dt').text()}: ${squash($(row).find('dd').text())}`).get()).toEqual(['Średnia: 4', 'Mediana: 4', 'Najmniejsza – największa: 3 – 5']);
    expect(section.find(`a[href="/ankiety/${survey.id}/wyniki"]`)).toHaveLength(1);
    expect(squash(section.find('#ankieta-2').parent().text())).toContain('Wyniki tej ankiety nie są publiczne');
    expect(section.text()).not.toContain('Pytanie poufne');
  });

  it('puts the same results in the PDF as tagged tables', async () => {
    const { c } = await reportWithSurveys();
    // The published report's PDF is made in the background (tests/http/report-pdf.test.ts): made here directly.
    await request(ctx.app).get('/konsultacje/aleja/raport.pdf').expect(202);
    expect(await makeReportPdf({ db: ctx.deps.db, storage: ctx.deps.storage, now: ctx.clock.now(), site: { name: 'Konsultacje', cityHall: 'Urząd Miasta Częstochowy' } }, c.id)).toBe('made');
    const res = await request(ctx.app).get('/konsultacje/aleja/raport.pdf').buffer(true).parse(binary).expect(200);
    const body = res.body as Buffer;
    const text = squash((await pdfText(body)).text);
    expect(text).toContain('Ankieta o formach konsultacji');
    expect(text).toContain('1. Która forma jest najwygodniejsza?');
    expect(text).toMatch(/Formularz internetowy\s+3\s+50%/);
    expect(text).toMatch(/Spotkanie\s+2\s+33,3%/);
    expect(text).toContain('Średnia: 4; Mediana: 4');
    expect(text).toContain('Wyniki tej ankiety nie są publiczne');
    expect(text).not.toContain('Pytanie poufne');
    const roles = await structureRoles(body);
    // pdf.js lists a table once per page it spans, so at least one per question.
    expect(roles.filter((r) => r === 'Table').length).toBeGreaterThanOrEqual(2);
    expect(roles.filter((r) => r === 'TR').length).toBeGreaterThanOrEqual(4 + 6);
    expect(roles).toContain('TH');
    expect(roles).toContain('TD');
    expect(roles).toContain('Caption');
    expect(roles).toContain('H4');
  });
});
