// Results by district: a survey may ask (optionally) which district the respondent lives in; a made-up
// district is refused at the field with nothing stored; staff see responses and single-choice answers
// per district; the public results show no breakdown; another department's staff see nothing.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SurveyDefinition } from '../../src/features/surveys/surveys.queries.js';
import { useTestApp } from '../helpers/app.js';
import { createDepartment, createDistrict, createUser } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';
import { createSurvey, postSurvey } from '../helpers/survey-factories.js';

const ctx = useTestApp();

describe('results by district', () => {
  let survey: SurveyDefinition;
  let staff: Agent;
  let department: { id: number };
  let raków: { id: number };
  let błeszno: { id: number };

  beforeEach(async () => {
    department = await createDepartment(ctx.deps.db);
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'staff@example.org' });
    staff = await loginAs(ctx.app, 'staff@example.org');
    raków = await createDistrict(ctx.deps.db, { slug: 'rakow', name: 'Raków' });
    błeszno = await createDistrict(ctx.deps.db, { slug: 'bleszno', name: 'Błeszno' });
    survey = await createSurvey(ctx.deps.db, { departmentId: department.id, askDistrict: true, questions: [{ type: 'SINGLE', text: 'Tramwaj na Parkitkę?', required: true, options: ['Tak', 'Nie'] }] });
  });

  const vote = (option: number, district?: string) => postSurvey(request.agent(ctx.app), `/ankiety/${survey.id}`, `/ankiety/${survey.id}`, { [`q${survey.questions[0]!.id}`]: String(survey.questions[0]!.options[option]!.id), ...(district === undefined ? {} : { dzielnica: district }) });

  it('asks the district optionally, refuses a made-up one, and shows staff the breakdown', async () => {
    const form = html((await request(ctx.app).get(`/ankiety/${survey.id}`).expect(200)).text);
    expect(form('label[for="dzielnica"]').text().trim()).toBe('W której dzielnicy mieszkasz?');
    expect(form('#dzielnica option').map((_, o) => form(o).text().trim()).get()).toEqual(['Nie podaję', 'Błeszno', 'Raków']);

    const forged = await vote(0, '999999');
    expect(forged.status).toBe(422);
    expect(fieldError(forged.text, 'dzielnica')).toBe('Błąd: Wybierz dzielnicę z listy');
    expect(await ctx.deps.db.surveyResponse.count()).toBe(0);

    for (const [option, district] of [[0, String(raków.id)], [0, String(raków.id)], [1, String(raków.id)], [1, String(błeszno.id)], [0, '']] as const) expect((await vote(option, district)).status).toBe(303);
    expect((await ctx.deps.db.surveyResponse.findMany({ orderBy: { id: 'asc' }, select: { districtId: true } })).map((r) => r.districtId)).toEqual([raków.id, raków.id, raków.id, błeszno.id, null]);

    const page = html((await staff.get(`/panel/ankiety/${survey.id}/wyniki`).expect(200)).text);
    const rows = (table: string) => page(table).find('tbody tr').map((_, tr) => [page(tr).find('th, td').map((__, c) => page(c).text().trim()).get()]).get();
    expect(rows('#dzielnice-odpowiedzi')).toEqual([['Błeszno', '1'], ['Raków', '3'], ['Nie podano', '1']]);
    expect(rows('.dzielnice-pytanie')).toEqual([['Błeszno', '0', '1'], ['Raków', '2', '1'], ['Nie podano', '1', '0']]);

    expect(html((await request(ctx.app).get(`/ankiety/${survey.id}/wyniki`).expect(200)).text)('#dzielnice').length).toBe(0);
    const other = await createDepartment(ctx.deps.db);
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: other.id, email: 'other@example.org' });
    expect((await (await loginAs(ctx.app, 'other@example.org')).get(`/panel/ankiety/${survey.id}/wyniki`)).status).toBe(403);
  });

  it('is a setting staff turn on for surveys only', async () => {
    const plain = await submitForm(staff, '/panel/ankiety/nowa', '/panel/ankiety', { kind: 'SURVEY', title: 'Z dzielnicą', openDate: '2026-11-20', closeDate: '2026-12-10', participation: 'OPEN', resultsVisibility: 'LIVE', askDistrict: 'tak' });
    expect(plain.status).toBe(303);
    const poll = await submitForm(staff, '/panel/ankiety/nowa', '/panel/ankiety', { kind: 'POLL', title: 'Sonda', openDate: '2026-11-20', closeDate: '2026-12-10', participation: 'OPEN', resultsVisibility: 'LIVE', askDistrict: 'tak' });
    expect(poll.status).toBe(303);
    expect((await ctx.deps.db.survey.findMany({ where: { title: { in: ['Z dzielnicą', 'Sonda'] } }, orderBy: { id: 'asc' }, select: { askDistrict: true } })).map((s) => s.askDistrict)).toEqual([true, false]);
    const without = await createSurvey(ctx.deps.db, { departmentId: department.id, questions: [{ type: 'SHORT_TEXT', text: 'Uwagi' }] });
    expect(html((await request(ctx.app).get(`/ankiety/${without.id}`).expect(200)).text)('#dzielnica').length).toBe(0);
    expect(html((await staff.get(`/panel/ankiety/${without.id}/wyniki`).expect(200)).text)('#dzielnice').length).toBe(0);
  });
});
