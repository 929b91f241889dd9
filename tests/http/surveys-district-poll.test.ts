// A quick poll placed on a district's page: staff choose the district in the poll's settings (audit-
// logged), the district page shows the same one-click form as the home page, a vote counts and leads to
// the results; a survey (not a poll) is never placed; a made-up district is refused at the field;
// only staff of the poll's department (or administrators) may place it; residents have no accounts,
// so they are the anonymous visitor.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createDepartment, createDistrict, createUser } from '../helpers/factories.js';
import { csrfToken, fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';
import { createSurvey } from '../helpers/survey-factories.js';

const ctx = useTestApp();

const settings = (fields: Record<string, string>) => ({
  kind: 'POLL', title: 'Ławki na Rakowie?', openDate: '2026-11-20', closeDate: '2026-12-10', participation: 'OPEN', resultsVisibility: 'LIVE', ...fields,
});

describe('a poll on a district page', () => {
  let department: { id: number };
  let raków: { id: number; slug: string };
  let tysiąclecie: { id: number; slug: string };
  let staff: Agent;

  beforeEach(async () => {
    ctx.clock.set('2026-11-24T10:00:00Z');
    department = await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    raków = await createDistrict(ctx.deps.db, { slug: 'rakow', name: 'Raków' });
    tysiąclecie = await createDistrict(ctx.deps.db, { slug: 'tysiaclecie', name: 'Tysiąclecie' });
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'mzdit@example.org' });
    staff = await loginAs(ctx.app, 'mzdit@example.org');
  });

  async function pollOn(districtId: number | null, data: { closesAt?: Date; kind?: 'POLL' | 'SURVEY' } = {}) {
    return createSurvey(ctx.deps.db, { departmentId: department.id, kind: data.kind ?? 'POLL', title: 'Ławki na Rakowie?', districtId, ...(data.closesAt ? { closesAt: data.closesAt } : {}), questions: [{ type: 'SINGLE', text: 'Czy postawić ławki przy Zawodziu?', options: ['Tak', 'Nie'] }] });
  }

  it('staff place a poll on a district page; residents see it there and vote with one click', async () => {
    const form = html((await staff.get('/panel/ankiety/nowa').expect(200)).text);
    expect(form('label[for="districtId"]').text().trim()).toBe('Pokaż sondę na stronie dzielnicy');
    expect(form('#districtId option').map((_, o) => form(o).text().trim()).get()).toEqual(['Na żadnej stronie dzielnicy', 'Raków', 'Tysiąclecie']);

    const created = await submitForm(staff, '/panel/ankiety/nowa', '/panel/ankiety', settings({ districtId: String(raków.id) }));
    expect(created.status).toBe(303);
    const poll = await ctx.deps.db.survey.findFirstOrThrow();
    expect(poll.districtId).toBe(raków.id);
    const question = await submitForm(staff, `/panel/ankiety/${poll.id}/pytania/nowe?typ=SINGLE`, `/panel/ankiety/${poll.id}/pytania`, { type: 'SINGLE', text: 'Czy postawić ławki?', options: 'Tak\nNie' });
    expect(question.status).toBe(303);
    expect((await ctx.deps.db.auditLog.findFirstOrThrow({ where: { action: 'survey.create' } })).entityId).toBe(String(poll.id));

    const resident = request.agent(ctx.app);
    const page = html((await resident.get('/dzielnice/rakow').expect(200)).text);
    expect(page('#sonda-title').text()).toBe('Sonda');
    expect(page('#sonda legend').text().trim()).toBe('Czy postawić ławki?');
    expect(page('#sonda button.poll__option').map((_, b) => page(b).text()).get()).toEqual(['Tak', 'Nie']);
    expect(page('#sonda form').attr('action')).toBe(`/ankiety/${poll.id}`);
    expect(page('h1').length).toBe(1);
    // Not on the other district's page, nor on the home page (not chosen for it).
    expect(html((await resident.get('/dzielnice/tysiaclecie').expect(200)).text)('#sonda').length).toBe(0);
    expect(html((await resident.get('/').expect(200)).text)('#sonda form').length).toBe(0);

    const yes = page('#sonda button.poll__option').first();
    const token = await csrfToken(resident, '/dzielnice/rakow');
    const vote = await resident.post(`/ankiety/${poll.id}`).type('form').send({ _csrf: token, [yes.attr('name')!]: yes.attr('value')! });
    expect(vote.status).toBe(303);
    expect(vote.headers.location).toBe(`/ankiety/${poll.id}/wyniki`);
    const results = html((await resident.get(vote.headers.location!).expect(200)).text);
    expect(results('.results-count').text()).toBe('1 odpowiedź');

    // Moved to another district by editing the settings.
    expect((await submitForm(staff, `/panel/ankiety/${poll.id}/ustawienia`, `/panel/ankiety/${poll.id}/ustawienia`, settings({ districtId: String(tysiąclecie.id) }))).status).toBe(303);
    expect(html((await resident.get('/dzielnice/rakow').expect(200)).text)('#sonda').length).toBe(0);
    expect(html((await resident.get('/dzielnice/tysiaclecie').expect(200)).text)('#sonda legend').text().trim()).toBe('Czy postawić ławki?');
  });

  it('shows only an open poll, the newest of the district', async () => {
    await pollOn(raków.id, { closesAt: new Date('2026-11-23T00:00:00Z') });
    await pollOn(raków.id, { kind: 'SURVEY' });
    expect(html((await request(ctx.app).get('/dzielnice/rakow').expect(200)).text)('#sonda').length).toBe(0);
    const open = await pollOn(raków.id);
    expect(html((await request(ctx.app).get('/dzielnice/rakow').expect(200)).text)('#sonda form').attr('action')).toBe(`/ankiety/${open.id}`);
  });

  it('never places a survey, refuses a made-up district at the field and saves nothing', async () => {
    const survey = await submitForm(staff, '/panel/ankiety/nowa', '/panel/ankiety', settings({ kind: 'SURVEY', title: 'Ankieta', districtId: String(raków.id) }));
    expect(survey.status).toBe(303);
    expect((await ctx.deps.db.survey.findFirstOrThrow()).districtId).toBeNull();

    const forged = await submitForm(staff, '/panel/ankiety/nowa', '/panel/ankiety', settings({ title: 'Zmyślona', districtId: '999999' }));
    expect(forged.status).toBe(422);
    expect(fieldError(forged.text, 'districtId')).toBe('Błąd: Wybierz dzielnicę z listy');
    const notNumber = await submitForm(staff, '/panel/ankiety/nowa', '/panel/ankiety', settings({ title: 'Zmyślona', districtId: 'raków' }));
    expect(notNumber.status).toBe(422);
    expect(await ctx.deps.db.survey.count()).toBe(1);
  });

  it('lets no one else place or move a poll: anonymous residents, councillors, moderators, another department', async () => {
    const poll = await pollOn(null);
    const other = await createDepartment(ctx.deps.db, { code: 'MPUP' });
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: other.id, email: 'mpup@example.org' });
    await createUser(ctx.deps.db, { role: 'COUNCILLOR', districtId: raków.id, email: 'radny@example.org' });
    await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'moderator@example.org' });
    const path = `/panel/ankiety/${poll.id}/ustawienia`;

    const anonymous = request.agent(ctx.app);
    const anonToken = await csrfToken(anonymous, '/logowanie');
    const anon = await anonymous.post(path).type('form').send({ _csrf: anonToken, ...settings({ districtId: String(raków.id) }) });
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toMatch(/^\/logowanie/);
    for (const email of ['mpup@example.org', 'radny@example.org', 'moderator@example.org']) {
      const agent = await loginAs(ctx.app, email);
      expect((await agent.get(path)).status, email).toBe(403);
      const token = await csrfToken(agent, '/');
      expect((await agent.post(path).type('form').send({ _csrf: token, ...settings({ districtId: String(raków.id) }) })).status, email).toBe(403);
    }
    expect((await ctx.deps.db.survey.findUniqueOrThrow({ where: { id: poll.id } })).districtId).toBeNull();
    expect(html((await request(ctx.app).get('/dzielnice/rakow').expect(200)).text)('#sonda').length).toBe(0);

    await createUser(ctx.deps.db, { role: 'ADMIN', email: 'admin@example.org' });
    const admin = await loginAs(ctx.app, 'admin@example.org');
    expect((await submitForm(admin, path, path, settings({ departmentId: String(department.id), districtId: String(raków.id) }))).status).toBe(303);
    expect((await ctx.deps.db.survey.findUniqueOrThrow({ where: { id: poll.id } })).districtId).toBe(raków.id);
  });
});
