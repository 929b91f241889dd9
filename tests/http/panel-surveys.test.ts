// The survey builder in the panel: staff of the survey's department (administrators any) build it with
// plain forms; a survey with responses keeps its questions (close and copy instead); everything is
// audit-logged; other roles and departments are refused.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createDepartment, createUser } from '../helpers/factories.js';
import { csrfToken, fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';
import { createSurvey, postSurvey } from '../helpers/survey-factories.js';

const ctx = useTestApp();

describe('the survey builder', () => {
  let department: { id: number };
  let otherDepartment: { id: number };
  let staff: Agent;

  beforeEach(async () => {
    ctx.clock.set('2026-11-24T10:00:00Z');
    department = await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    otherDepartment = await createDepartment(ctx.deps.db, { code: 'MPUP', name: 'Miejska Pracownia Urbanistyczna' });
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'mzdit@example.org' });
    staff = await loginAs(ctx.app, 'mzdit@example.org');
  });

  it('creates a survey for the own department, adds questions of several types, reorders them, and residents see it', async () => {
    const created = await submitForm(staff, '/panel/ankiety/nowa', '/panel/ankiety', {
      kind: 'SURVEY', title: 'Ścieżki rowerowe', introMd: 'Powiedz nam **co myślisz**.', departmentId: String(otherDepartment.id),
      openDate: '2026-11-20', closeDate: '2026-12-10', participation: 'ONE_PER_BROWSER', resultsVisibility: 'AFTER_CLOSE', thankYou: 'Dzięki!',
    });
    expect(created.status).toBe(303);
    const survey = await ctx.deps.db.survey.findFirstOrThrow();
    expect(survey).toMatchObject({ departmentId: department.id, introHtml: '<p>Powiedz nam <strong>co myślisz</strong>.</p>\n', participation: 'ONE_PER_BROWSER' });
    const show = `/panel/ankiety/${survey.id}`;
    expect(created.headers.location).toBe(show);

    const single = await submitForm(staff, `${show}/pytania/nowe?typ=SINGLE`, `${show}/pytania`, { type: 'SINGLE', text: 'Jak często jeździsz rowerem?', required: 'tak', allowOther: 'tak', options: 'Codziennie\n\nCo tydzień\nRzadziej\n' });
    expect(single.status).toBe(303);
    const scale = await submitForm(staff, `${show}/pytania/nowe?typ=SCALE`, `${show}/pytania`, { type: 'SCALE', text: 'Jak oceniasz ścieżki?', minValue: '0', maxValue: '10', minLabel: 'źle', maxLabel: 'dobrze' });
    expect(scale.status).toBe(303);
    const first = await ctx.deps.db.surveyQuestion.findFirstOrThrow({ where: { position: 1 }, include: { options: { orderBy: { position: 'asc' } } } });
    expect(first.options.map((o) => o.label)).toEqual(['Codziennie', 'Co tydzień', 'Rzadziej']);
    const conditional = await submitForm(staff, `${show}/pytania/nowe?typ=SHORT_TEXT`, `${show}/pytania`, { type: 'SHORT_TEXT', text: 'Dlaczego rzadko?', showIf: `${first.id}:${first.options[2]!.id}` });
    expect(conditional.status).toBe(303);

    // Move the scale up, with the plain button.
    const scaleQ = await ctx.deps.db.surveyQuestion.findFirstOrThrow({ where: { type: 'SCALE' } });
    expect((await submitForm(staff, show, `${show}/pytania/${scaleQ.id}/przesun`, { kierunek: 'gora' })).status).toBe(303);
    const order = await ctx.deps.db.surveyQuestion.findMany({ orderBy: { position: 'asc' }, select: { text: true } });
    expect(order.map((q) => q.text)).toEqual(['Jak oceniasz ścieżki?', 'Jak często jeździsz rowerem?', 'Dlaczego rzadko?']);
    // A conditional question cannot move above the question it depends on.
    const dependent = await ctx.deps.db.surveyQuestion.findFirstOrThrow({ where: { type: 'SHORT_TEXT' } });
    expect((await submitForm(staff, show, `${show}/pytania/${dependent.id}/przesun`, { kierunek: 'gora' })).status).toBe(409);

    const page = html((await staff.get(show).expect(200)).text);
    expect(page('.survey-builder__item').length).toBe(3);
    expect(page('.survey-builder__item').eq(2).text()).toContain('pokazywane, gdy w pytaniu 2 wybrano „Rzadziej”');

    const resident = await request(ctx.app).get(`/ankiety/${survey.id}`).expect(200);
    expect(html(resident.text)('legend.survey-question__legend').map((_, l) => html(resident.text)(l).text().replace(/\s+/g, ' ').trim()).get()).toEqual(['1. Jak oceniasz ścieżki?', '2. Jak często jeździsz rowerem? (wymagane)', '3. Dlaczego rzadko?']);

    const actions = await ctx.deps.db.auditLog.findMany({ where: { entityType: 'survey' }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['survey.create', 'survey.question.create', 'survey.question.create', 'survey.question.create', 'survey.question.move']);
  });

  it('shows each mistake at its field and saves nothing', async () => {
    const res = await submitForm(staff, '/panel/ankiety/nowa', '/panel/ankiety', { kind: 'SURVEY', title: ' ', openDate: '2026-12-10', closeDate: '2026-12-01', participation: 'NIE', resultsVisibility: 'LIVE' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toBe('Błąd: Podaj tytuł');
    expect(fieldError(res.text, 'participation')).toBe('Błąd: Wybierz, kto może odpowiedzieć');
    const dates = await submitForm(staff, '/panel/ankiety/nowa', '/panel/ankiety', { kind: 'SURVEY', title: 'Daty', openDate: '2026-12-10', closeDate: '2026-12-01', participation: 'OPEN', resultsVisibility: 'LIVE' });
    expect(fieldError(dates.text, 'closeDate')).toBe('Błąd: Data zakończenia nie może być wcześniejsza niż data rozpoczęcia');
    expect(html(dates.text)('#title').val()).toBe('Daty');
    expect(await ctx.deps.db.survey.count()).toBe(0);

    const survey = await createSurvey(ctx.deps.db, { departmentId: department.id });
    const show = `/panel/ankiety/${survey.id}`;
    const q = await submitForm(staff, `${show}/pytania/nowe?typ=SCALE`, `${show}/pytania`, { type: 'SCALE', text: 'Skala', minValue: '5', maxValue: '1' });
    expect(q.status).toBe(422);
    expect(fieldError(q.text, 'maxValue')).toContain('Skala potrzebuje najmniejszej');
    const single = await submitForm(staff, `${show}/pytania/nowe?typ=SINGLE`, `${show}/pytania`, { type: 'SINGLE', text: 'Jedna odpowiedź?', options: 'Tylko jedna' });
    expect(fieldError(single.text, 'options')).toBe('Błąd: Podaj co najmniej dwie odpowiedzi do wyboru, każdą w osobnym wierszu');
    expect(await ctx.deps.db.surveyQuestion.count()).toBe(0);
  });

  it('keeps the questions of a survey with responses, says why, and offers to close it and make a copy', async () => {
    const survey = await createSurvey(ctx.deps.db, { departmentId: department.id, participation: 'OPEN', questions: [{ type: 'SINGLE', text: 'Tak czy nie?', options: ['Tak', 'Nie'] }, { type: 'NUMBER', text: 'Wiek' }] });
    const q = survey.questions[0]!;
    await postSurvey(request.agent(ctx.app), `/ankiety/${survey.id}`, `/ankiety/${survey.id}`, { [`q${q.id}`]: String(q.options[0]!.id) });
    const show = `/panel/ankiety/${survey.id}`;
    const page = html((await staff.get(show).expect(200)).text);
    expect(page('#zablokowana').text()).toContain('Ankieta ma już odpowiedzi, więc nie można dodawać, usuwać ani zmieniać pytań');
    expect(page('.survey-builder button:contains("Usuń")').length).toBe(0);

    const token = await csrfToken(staff, show);
    expect((await staff.post(`${show}/pytania/${q.id}/usun`).type('form').send({ _csrf: token })).status).toBe(409);
    expect((await staff.post(`${show}/pytania`).type('form').send({ _csrf: token, type: 'SHORT_TEXT', text: 'Nowe' })).status).toBe(409);
    // Editing changes only the hint, whatever else is sent.
    const edit = await staff.post(`${show}/pytania/${q.id}`).type('form').send({ _csrf: token, type: 'SINGLE', text: 'Zmienione pytanie', options: 'Inna\nOdpowiedź', hint: 'Nowa podpowiedź' });
    expect(edit.status).toBe(303);
    const stored = await ctx.deps.db.surveyQuestion.findUniqueOrThrow({ where: { id: q.id }, include: { options: { orderBy: { position: 'asc' } } } });
    expect(stored).toMatchObject({ text: 'Tak czy nie?', hint: 'Nowa podpowiedź' });
    expect(stored.options.map((o) => o.label)).toEqual(['Tak', 'Nie']);
    // The participation rule is fixed too.
    const settings = await submitForm(staff, `${show}/ustawienia`, `${show}/ustawienia`, { kind: 'SURVEY', title: 'Nowy tytuł', openDate: '2026-11-19', closeDate: '2026-11-29', participation: 'ONE_PER_EMAIL', resultsVisibility: 'LIVE' });
    expect(settings.status).toBe(422);
    expect(fieldError(settings.text, 'participation')).toBe('Błąd: Ankieta ma już odpowiedzi: rodzaju i zasady udziału nie można zmienić.');

    expect((await submitForm(staff, show, `${show}/zamknij`, {})).status).toBe(303);
    expect((await ctx.deps.db.survey.findUniqueOrThrow({ where: { id: survey.id } })).closesAt).toEqual(new Date('2026-11-24T10:00:00Z'));
    const copied = await submitForm(staff, show, `${show}/kopia`, {});
    expect(copied.status).toBe(303);
    const copy = await ctx.deps.db.survey.findFirstOrThrow({ where: { copiedFromId: survey.id }, include: { questions: { include: { options: true }, orderBy: { position: 'asc' } }, _count: { select: { responses: true } } } });
    expect(copied.headers.location).toBe(`/panel/ankiety/${copy.id}`);
    expect(copy.questions.map((x) => x.text)).toEqual(['Tak czy nie?', 'Wiek']);
    expect(copy._count.responses).toBe(0);
    expect(copy.opensAt > new Date('2026-11-24T10:00:00Z')).toBe(true);
    // The copy can be changed.
    const removed = await submitForm(staff, `/panel/ankiety/${copy.id}`, `/panel/ankiety/${copy.id}/pytania/${copy.questions[1]!.id}/usun`, {});
    expect(removed.status).toBe(303);
  });

  describe('who may build surveys', () => {
    it('refuses anonymous visitors (login), councillors and moderators (403), and another department (403)', async () => {
      const own = await createSurvey(ctx.deps.db, { departmentId: department.id });
      const foreign = await createSurvey(ctx.deps.db, { departmentId: otherDepartment.id, questions: [{ type: 'SHORT_TEXT', text: 'Cudze' }] });
      const anonymous = await request(ctx.app).get('/panel/ankiety');
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/logowanie/);
      for (const role of ['COUNCILLOR', 'MODERATOR'] as const) {
        const user = await createUser(ctx.deps.db, { role });
        const agent = await loginAs(ctx.app, user.email);
        for (const path of ['/panel/ankiety', '/panel/ankiety/nowa', `/panel/ankiety/${own.id}`, `/panel/ankiety/${own.id}/wyniki`, `/panel/ankiety/${own.id}/eksport.csv`]) {
          expect((await agent.get(path)).status, `${role} ${path}`).toBe(403);
        }
      }
      const paths = ['', '/ustawienia', '/wyniki', '/eksport.csv', '/eksport.xlsx', `/pytania/${foreign.questions[0]!.id}`];
      for (const path of paths) expect((await staff.get(`/panel/ankiety/${foreign.id}${path}`)).status, path).toBe(403);
      const token = await csrfToken(staff, '/panel/ankiety');
      for (const path of ['/zamknij', '/kopia', '/ustawienia', '/pytania', `/pytania/${foreign.questions[0]!.id}/usun`]) {
        expect((await staff.post(`/panel/ankiety/${foreign.id}${path}`).type('form').send({ _csrf: token, title: 'x' })).status, path).toBe(403);
      }
      expect(await ctx.deps.db.surveyQuestion.count({ where: { surveyId: foreign.id } })).toBe(1);
      expect((await staff.get('/panel/ankiety/999999')).status).toBe(404);
      const list = html((await staff.get('/panel/ankiety').expect(200)).text);
      expect(list('tbody tr').length).toBe(1);
    });

    it('lets administrators manage any department’s survey, and staff see their own', async () => {
      const foreign = await createSurvey(ctx.deps.db, { departmentId: otherDepartment.id, title: 'Plan Mirów' });
      const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
      const agent = await loginAs(ctx.app, admin.email);
      expect((await agent.get(`/panel/ankiety/${foreign.id}`)).status).toBe(200);
      expect((await agent.get(`/panel/ankiety/${foreign.id}/wyniki`)).status).toBe(200);
      const list = html((await agent.get('/panel/ankiety').expect(200)).text);
      expect(list('tbody a').text()).toContain('Plan Mirów');
      const dashboard = html((await staff.get('/panel').expect(200)).text);
      expect(dashboard('a[href="/panel/ankiety"]').text()).toBe('Ankiety i sondy');
    });
  });
});
