// Results on a known data set: counts, percentages, means, medians, distributions, ranking by mean
// position, the public threshold of 5, staff filters by date, free texts paged, and the CSV and XLSX
// exports (the workbook parsed back with exceljs).
import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '../../src/features/surveys/surveys.queries.js';
import { useTestApp } from '../helpers/app.js';
import { createDepartment, createUser } from '../helpers/factories.js';
import { html, loginAs, type Agent } from '../helpers/http.js';
import { createSurvey } from '../helpers/survey-factories.js';
import { download } from '../helpers/uploads.js';

const ctx = useTestApp();

type Answer = { q: number; option?: number; value?: number; text?: string };

/** One stored response: `q` and `option` are indexes into the survey's questions and options. */
async function respond(survey: SurveyDefinition, submittedAt: string, answers: Answer[]) {
  const response = await ctx.deps.db.surveyResponse.create({ data: { surveyId: survey.id, submittedAt: new Date(submittedAt) } });
  await ctx.deps.db.surveyAnswer.createMany({
    data: answers.map((a) => {
      const question = survey.questions[a.q]!;
      return { responseId: response.id, questionId: question.id, optionId: a.option === undefined ? null : question.options[a.option]!.id, value: a.value ?? null, text: a.text ?? null };
    }),
  });
}

/** The rows of the data table of question `number` (1-based), as text. */
function tableOf(page: string, number: number): string[][] {
  const $ = html(page);
  return $(`.survey-result`).eq(number - 1).find('tbody tr').map((_, tr) => [$(tr).find('th, td').map((__, c) => $(c).text().trim()).get()]).get();
}

describe('survey results', () => {
  let survey: SurveyDefinition;
  let staff: Agent;

  beforeEach(async () => {
    ctx.clock.set('2026-12-05T10:00:00Z');
    const department = await createDepartment(ctx.deps.db);
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'staff@example.org' });
    staff = await loginAs(ctx.app, 'staff@example.org');
    survey = await createSurvey(ctx.deps.db, {
      departmentId: department.id,
      title: 'Park Lisiniec',
      resultsVisibility: 'AFTER_CLOSE',
      opensAt: new Date('2026-11-01T00:00:00Z'),
      closesAt: new Date('2026-12-01T00:00:00Z'),
      questions: [
        { type: 'SINGLE', text: 'Jak często?', allowOther: true, options: ['Codziennie', 'Co tydzień', 'Rzadziej'] },
        { type: 'MULTIPLE', text: 'Co robisz?', options: ['Spacer', 'Sport'] },
        { type: 'SCALE', text: 'Ocena', minValue: 1, maxValue: 5 },
        { type: 'NUMBER', text: 'Wiek' },
        { type: 'RANKING', text: 'Co najpierw?', options: ['Ławki', 'Lampy', 'Kosze'] },
        { type: 'MATRIX', text: 'Oceń', minValue: 1, maxValue: 3, options: ['Czystość', 'Cisza'] },
        { type: 'SHORT_TEXT', text: 'Mail do nas?' },
        { type: 'LONG_TEXT', text: 'Uwagi' },
      ],
    });
    const singles = [0, 0, 0, 1, 1, -1];
    const multiples = [[0, 1], [0], [0, 1], [0], [1], []];
    const scales = [1, 2, 4, 4, 5, 5];
    const ages = [10, 20, 30, 40, 50, 60];
    const ranks = [[1, 2, 3], [1, 3, 2], [2, 1, 3], [1, 2, 3], [3, 1, 2], [1, 2, 3]]; // places of Ławki, Lampy, Kosze
    const matrix = [[1, 3], [2, 3], [3, 3], [3, 2], [2, 1], [1, 1]];
    for (let i = 0; i < 6; i++) {
      const answers: Answer[] = [
        singles[i]! >= 0 ? { q: 0, option: singles[i]! } : { q: 0, text: 'Raz w roku' },
        ...multiples[i]!.map((option) => ({ q: 1, option })),
        { q: 2, value: scales[i]! },
        { q: 3, value: ages[i]! },
        ...ranks[i]!.map((value, option) => ({ q: 4, option, value })),
        ...matrix[i]!.map((value, option) => ({ q: 5, option, value })),
        ...(i < 3 ? [{ q: 6, text: `=krótko ${i}` }] : []),
        { q: 7, text: `Uwaga numer ${i + 1}, z przecinkiem` },
      ];
      await respond(survey, `2026-11-${String(10 + i).padStart(2, '0')}T12:00:00Z`, answers);
    }
  });

  it('shows counts, percentages, means, medians and rankings computed in the database', async () => {
    const page = (await request(ctx.app).get(`/ankiety/${survey.id}/wyniki`).expect(200)).text;
    const $ = html(page);
    expect($('.results-count').text()).toBe('6 odpowiedzi');
    expect(tableOf(page, 1)).toEqual([['Codziennie', '3', '50%'], ['Co tydzień', '2', '33,3%'], ['Rzadziej', '0', '0%'], ['Inne', '1', '16,7%']]);
    expect(tableOf(page, 2)).toEqual([['Spacer', '4', '80%'], ['Sport', '3', '60%']]);
    expect($('.survey-result').eq(1).text()).toContain('Odpowiedziało 5 osób');
    expect(tableOf(page, 3)).toEqual([['1', '1', '16,7%'], ['2', '1', '16,7%'], ['3', '0', '0%'], ['4', '2', '33,3%'], ['5', '2', '33,3%']]);
    const stats = (n: number) => $('.survey-result').eq(n - 1).find('.survey-result__stats dd').map((_, d) => $(d).text().trim()).get();
    expect(stats(3)).toEqual(['3,5', '4', '1 – 5']);
    expect(stats(4)).toEqual(['35', '35', '10 – 60']);
    expect(tableOf(page, 4)).toEqual([['10', '1', '16,7%'], ['20', '1', '16,7%'], ['30', '1', '16,7%'], ['40', '1', '16,7%'], ['50', '1', '16,7%'], ['60', '1', '16,7%']]);
    // Mean places: Ławki (1+1+2+1+3+1)/6 = 1,5; Lampy 11/6 = 1,83; Kosze 16/6 = 2,67.
    expect(tableOf(page, 5)).toEqual([['1', 'Ławki', '1,5', '4'], ['2', 'Lampy', '1,83', '2'], ['3', 'Kosze', '2,67', '0']]);
    expect(tableOf(page, 6)).toEqual([['Czystość', '2 (33,3%)', '2 (33,3%)', '2 (33,3%)', '2'], ['Cisza', '2 (33,3%)', '1 (16,7%)', '3 (50%)', '2,17']]);
    // Three answered the short text: fewer than five, so nothing of it is shown publicly.
    expect($('.survey-result').eq(6).find('.notice').text()).toContain('mniej niż 5 osób');
    expect($('.survey-result').eq(6).find('table').length).toBe(0);
    // Free texts are never public; each chart has a table and a title that says so.
    expect(page).not.toContain('Uwaga numer');
    expect($('svg.chart__svg').length).toBe(6);
    expect($('svg.chart__svg title').first().text()).toContain('Te same liczby są w tabeli pod wykresem.');
    expect($('svg.chart__svg').first().find('text.chart__value').first().text()).toBe('3 (50%)');
  });

  it('keeps results hidden until the survey closes when so set, and always for staff-only surveys', async () => {
    await ctx.deps.db.survey.update({ where: { id: survey.id }, data: { closesAt: new Date('2026-12-31T00:00:00Z') } });
    const before = await request(ctx.app).get(`/ankiety/${survey.id}/wyniki`);
    expect(before.status).toBe(403);
    expect(html(before.text)('.notice').text()).toBe('Wyniki opublikujemy po zakończeniu ankiety.');
    await ctx.deps.db.survey.update({ where: { id: survey.id }, data: { closesAt: new Date('2026-12-01T00:00:00Z'), resultsVisibility: 'STAFF_ONLY' } });
    expect((await request(ctx.app).get(`/ankiety/${survey.id}/wyniki`)).status).toBe(403);
    expect((await staff.get(`/panel/ankiety/${survey.id}/wyniki`)).status).toBe(200);
  });

  it('gives staff every question, filters by date, and lists free texts a page at a time', async () => {
    const all = (await staff.get(`/panel/ankiety/${survey.id}/wyniki`).expect(200)).text;
    expect(tableOf(all, 7)).toEqual([]); // texts have no table, but are not hidden from staff
    expect(html(all)('.survey-result').eq(6).find('.notice').length).toBe(0);
    const filtered = (await staff.get(`/panel/ankiety/${survey.id}/wyniki?od=2026-11-12&do=2026-11-14`).expect(200)).text;
    expect(html(filtered)('.results-count').text()).toBe('3 odpowiedzi');
    expect(tableOf(filtered, 1)).toEqual([['Codziennie', '1', '33,3%'], ['Co tydzień', '2', '66,7%'], ['Rzadziej', '0', '0%'], ['Inne', '0', '0%']]);
    expect(html(filtered)('#od').val()).toBe('2026-11-12');

    const texts = html(all)('.survey-result').eq(7).find('a').attr('href')!;
    expect(texts).toBe(`/panel/ankiety/${survey.id}/wyniki/pytania/${survey.questions[7]!.id}`);
    for (let i = 0; i < 24; i++) await respond(survey, '2026-11-20T12:00:00Z', [{ q: 7, text: `Dodatkowa ${i}` }]);
    const first = html((await staff.get(texts).expect(200)).text);
    expect(first('tbody tr').length).toBe(25);
    const second = html((await staff.get(`${texts}?strona=2`).expect(200)).text);
    expect(second('tbody tr').length).toBe(5);
    expect(second('tbody').text()).toContain('Uwaga numer 1, z przecinkiem');
  });

  it('exports one row per response as CSV, with the formula guard and Polish letters', async () => {
    const res = await download(staff, `/panel/ankiety/${survey.id}/eksport.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`ankieta-${survey.id}-odpowiedzi.csv`);
    const lines = (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Nr odpowiedzi,Data i godzina,1. Jak często?,2. Co robisz?,3. Ocena,4. Wiek,5. Co najpierw? – Ławki,5. Co najpierw? – Lampy,5. Co najpierw? – Kosze,6. Oceń – Czystość,6. Oceń – Cisza,7. Mail do nas?,8. Uwagi');
    expect(lines).toHaveLength(8); // header, six responses, the final empty line
    expect(lines[1]).toMatch(/^\d+,2026-11-10 13:00,Codziennie,Spacer; Sport,1,10,1,2,3,1,3,'=krótko 0,"Uwaga numer 1, z przecinkiem"$/);
    expect(lines[6]).toMatch(/^\d+,2026-11-15 13:00,Inne: Raz w roku,,5,60,1,2,3,1,1,,"Uwaga numer 6, z przecinkiem"$/);
    const logged = await ctx.deps.db.auditLog.findFirstOrThrow({ where: { action: 'survey.export' } });
    expect(logged).toMatchObject({ entityId: String(survey.id), details: { format: 'csv' } });
  });

  it('exports the same rows as an XLSX workbook', async () => {
    const res = await download(staff, `/panel/ankiety/${survey.id}/eksport.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Odpowiedzi')!;
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(1).getCell(3).value).toBe('1. Jak często?');
    const row = sheet.getRow(2);
    expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value, row.getCell(6).value, row.getCell(12).value]).toEqual(['Codziennie', 'Spacer; Sport', 1, 10, '=krótko 0']);
    expect(row.getCell(2).value).toEqual(new Date('2026-11-10T12:00:00Z'));
  });
});
