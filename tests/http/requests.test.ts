// Requests for consultations: residents' submission, the public list and page (no contact data),
// the coordinating office's assessment within the deadline, paper lists, the threshold, conversion to a
// draft consultation, councils' requests, and who may do what.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { seedBase, seedDemo } from '../../src/db/seed.js';
import { answerDeadline } from '../../src/features/requests/deadlines.js';
import { useTestApp } from '../helpers/app.js';
import { createDepartment, createDistrict, createUser } from '../helpers/factories.js';
import { csrfToken, fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';

const ctx = useTestApp({ REQUEST_SUPPORT_THRESHOLD: '50', REQUEST_ANSWER_DAYS: '30' });
const NOW = new Date('2026-11-24T10:00:00Z');

const VALID = {
  title: 'Skwer przy ul. Kilińskiego',
  justification: 'Skwer jest zaniedbany.',
  scope: 'Zieleń, ławki i plac zabaw.',
  forms: ['SURVEY', 'MEETING'],
  contactName: 'Zofia Prywatna',
  contactEmail: 'zofia.prywatna@example.org',
  contactPhone: '600 700 800',
  declaration: 'tak',
  rodo: 'tak',
};

async function submitRequest(fields: Record<string, string | string[]>) {
  const agent = request.agent(ctx.app);
  const token = await csrfToken(agent, '/wnioski/nowy');
  return agent.post('/wnioski').type('form').send({ _csrf: token, ...fields });
}

function createRequest(data: Partial<{ title: string; origin: 'RESIDENTS' | 'DISTRICT_COUNCIL'; districtId: number | null; state: 'SUBMITTED' | 'UNDER_REVIEW' | 'ACCEPTED' | 'REJECTED'; submittedAt: Date; answer: string; answeredAt: Date | null }> = {}) {
  const decided = data.state === 'ACCEPTED' || data.state === 'REJECTED';
  return ctx.deps.db.consultationRequest.create({
    data: {
      origin: data.origin ?? 'RESIDENTS',
      districtId: data.districtId ?? null,
      title: data.title ?? 'Wniosek testowy',
      justification: 'Uzasadnienie.',
      scope: 'Zakres.',
      forms: ['SURVEY'],
      contactName: 'Zofia Prywatna',
      contactEmail: 'zofia.prywatna@example.org',
      contactPhone: '600 700 800',
      state: data.state ?? 'SUBMITTED',
      answer: data.answer ?? (decided ? 'Odpowiedź miasta.' : ''),
      answeredAt: data.answeredAt ?? (decided ? NOW : null),
      submittedAt: data.submittedAt ?? new Date('2026-11-20T09:00:00Z'),
    },
  });
}

function createOffice() {
  return ctx.deps.db.department.create({ data: { code: 'BIK', name: 'Biuro Inicjatyw Lokalnych i Konsultacji Społecznych', coordinatesConsultations: true } });
}

async function officeAgent(): Promise<Agent> {
  const office = await createOffice();
  const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: office.id });
  return loginAs(ctx.app, staff.email);
}

beforeEach(() => ctx.clock.set(NOW));

describe('the public page of requests', () => {
  it('explains who may ask, what a request contains, the threshold and the deadline (settings), and links the form and the rules', async () => {
    const $ = html((await request(ctx.app).get('/wnioski').expect(200)).text);
    expect($('h1').text()).toBe('Wnioski o konsultacje');
    const how = $('.requests-how').text().replace(/\s+/g, ' ');
    expect(how).toContain('rady dzielnic');
    expect(how).toContain('co najmniej 50 mieszkańców');
    expect(how).toContain('w ciągu 30 dni');
    expect($('.requests-how a[href="/wnioski/nowy"]').text()).toBe('Złóż wniosek o konsultacje');
    expect($('.requests-how a[href="/zasady"]').length).toBe(1);
  });

  it('lists requests with their state, the city’s answer, and the consultation an accepted one led to; filters by state', async () => {
    const district = await createDistrict(ctx.deps.db, { name: 'Raków' });
    const department = await createDepartment(ctx.deps.db);
    const consultation = await ctx.deps.db.consultation.create({ data: { slug: 'promenada', title: 'Promenada Niemena', departmentId: department.id, startsAt: new Date('2026-12-01T00:00:00Z'), endsAt: new Date('2026-12-21T00:00:00Z'), publishedAt: new Date('2026-11-01T00:00:00Z') } });
    await createRequest({ title: 'Złożony wniosek' });
    await createRequest({ title: 'Wniosek rady', origin: 'DISTRICT_COUNCIL', districtId: district.id, state: 'UNDER_REVIEW' });
    const accepted = await createRequest({ title: 'Przyjęty wniosek', state: 'ACCEPTED' });
    await ctx.deps.db.consultationRequest.update({ where: { id: accepted.id }, data: { consultationId: consultation.id } });
    await createRequest({ title: 'Odrzucony wniosek', state: 'REJECTED', answer: 'Sprawa nie należy do kompetencji gminy.' });
    const $ = html((await request(ctx.app).get('/wnioski').expect(200)).text);
    expect($('.results-count').text()).toBe('4 wnioski');
    const item = (title: string) => $('.request-item').filter((_, el) => $(el).find('h3').text() === title);
    expect(item('Złożony wniosek').find('.tag').text()).toBe('Złożony');
    expect(item('Wniosek rady').text()).toContain('Rada Dzielnicy Raków');
    expect(item('Przyjęty wniosek').find('a[href="/konsultacje/promenada"]').text()).toContain('Promenada Niemena');
    expect(item('Odrzucony wniosek').find('.tag').text()).toBe('Odrzucony');
    expect(item('Odrzucony wniosek').text()).toContain('Sprawa nie należy do kompetencji gminy.');
    const filtered = html((await request(ctx.app).get('/wnioski?stan=odrzucony').expect(200)).text);
    expect(filtered('.request-item h3').map((_, el) => filtered(el).text()).get()).toEqual(['Odrzucony wniosek']);
    // An unknown state shows everything rather than an error.
    expect(html((await request(ctx.app).get('/wnioski?stan=xyz').expect(200)).text)('.request-item').length).toBe(4);
  });

  it('pages the list, 20 a page, newest first', async () => {
    for (let i = 1; i <= 23; i++) await createRequest({ title: `Wniosek ${i}`, submittedAt: new Date(Date.UTC(2026, 9, i)) });
    const first = html((await request(ctx.app).get('/wnioski').expect(200)).text);
    expect(first('.request-item').length).toBe(20);
    expect(first('.request-item h3').first().text()).toBe('Wniosek 23');
    const second = html((await request(ctx.app).get('/wnioski?strona=2').expect(200)).text);
    expect(second('.request-item h3').map((_, el) => second(el).text()).get()).toEqual(['Wniosek 3', 'Wniosek 2', 'Wniosek 1']);
  });

  it('answers 404 for a missing or malformed request', async () => {
    await request(ctx.app).get('/wnioski/999').expect(404);
    await request(ctx.app).get('/wnioski/abc').expect(404);
  });
});

describe('a resident submits a request', () => {
  it('files it, shows it publicly as "Złożony" with the deadline, and never shows the contact data', async () => {
    const res = await submitRequest(VALID);
    expect(res.status).toBe(303);
    const stored = await ctx.deps.db.consultationRequest.findFirstOrThrow();
    expect(res.headers.location).toBe(`/wnioski/${stored.id}`);
    expect(stored).toMatchObject({ origin: 'RESIDENTS', state: 'SUBMITTED', contactEmail: 'zofia.prywatna@example.org', forms: ['SURVEY', 'MEETING'] });
    const page = (await request(ctx.app).get(`/wnioski/${stored.id}`).expect(200)).text;
    const $ = html(page);
    expect($('h1').text()).toBe('Skwer przy ul. Kilińskiego');
    expect($('.tag').first().text()).toBe('Złożony');
    expect($('.request-facts').text().replace(/\s+/g, ' ')).toContain('24 grudnia 2026 (zostało dni: 30)');
    for (const privateValue of ['Zofia', 'Prywatna', 'zofia.prywatna', '600 700 800']) {
      expect(page).not.toContain(privateValue);
      expect((await request(ctx.app).get('/wnioski').expect(200)).text).not.toContain(privateValue);
    }
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'request.submit' } })).toBe(1);
  });

  const BAD: [string, Record<string, string | string[]>, string][] = [
    ['title', { title: '   ' }, 'Podaj przedmiot konsultacji'],
    ['title', { title: 'x'.repeat(301) }, 'Tekst jest za długi (najwięcej 300 znaków)'],
    ['justification', { justification: '' }, 'Napisz uzasadnienie wniosku'],
    ['scope', { scope: '' }, 'Opisz proponowany zakres konsultacji'],
    ['forms', { forms: ['SURVEY', 'TELEPATHY'] }, 'Nieprawidłowa wartość'],
    ['contactName', { contactName: '' }, 'Podaj imię i nazwisko'],
    ['contactEmail', { contactEmail: 'nie-email' }, 'Podaj adres e-mail w poprawnym formacie'],
    ['contactEmail', { contactEmail: '' }, 'Podaj adres e-mail'],
    ['contactPhone', { contactPhone: 'zadzwoń' }, 'Podaj numer telefonu, na przykład 34 370 70 00'],
    ['declaration', { declaration: '' }, 'Potwierdź, że jesteś mieszkańcem lub mieszkanką Częstochowy'],
    ['rodo', { rodo: 'nie' }, 'Potwierdź, że znasz klauzulę informacyjną'],
  ];
  for (const [field, change, message] of BAD) {
    it(`re-renders the form with "${message}" at ${field}, keeps the values and writes nothing`, async () => {
      const res = await submitRequest({ ...VALID, ...change });
      expect(res.status).toBe(422);
      expect(fieldError(res.text, field)).toContain(message);
      expect(html(res.text)('.error-summary a').map((_, a) => html(res.text)(a).attr('href')).get()).toContain(`#${field}`);
      if (field !== 'title') expect(html(res.text)('#title').val()).toBe(VALID.title);
      expect(await ctx.deps.db.consultationRequest.count()).toBe(0);
    });
  }

  it('quietly drops a submission with the honeypot filled in', async () => {
    const res = await submitRequest({ ...VALID, strona_www: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(await ctx.deps.db.consultationRequest.count()).toBe(0);
  });
});

describe('the answer deadline', () => {
  it('counts Warsaw calendar days from the submission day', () => {
    // Submitted at 23:30 Warsaw time on 30 November (22:30 UTC): day 0 is 30 November.
    const d = answerDeadline({ submittedAt: new Date('2026-11-30T22:30:00Z'), answeredAt: null }, new Date('2026-12-01T08:00:00Z'), 30);
    expect(d.dueOn).toBe('2026-12-30');
    expect(d.daysLeft).toBe(29);
    expect(d.overdue).toBe(false);
  });

  it('is due today on the last day, overdue the day after, and records a late answer', () => {
    const submittedAt = new Date('2026-10-01T10:00:00Z');
    expect(answerDeadline({ submittedAt, answeredAt: null }, new Date('2026-10-31T21:00:00Z'), 30)).toMatchObject({ dueOn: '2026-10-31', daysLeft: 0, overdue: false });
    expect(answerDeadline({ submittedAt, answeredAt: null }, new Date('2026-11-01T00:30:00Z'), 30)).toMatchObject({ daysLeft: -1, overdue: true });
    expect(answerDeadline({ submittedAt, answeredAt: new Date('2026-11-02T10:00:00Z') }, NOW, 30)).toMatchObject({ answered: true, overdue: false, answeredLate: true });
  });

  it('highlights overdue requests in the panel in words, not only by colour, and on the public page', async () => {
    const late = await createRequest({ title: 'Stary wniosek', submittedAt: new Date('2026-10-01T10:00:00Z') });
    await createRequest({ title: 'Nowy wniosek', submittedAt: new Date('2026-11-20T10:00:00Z') });
    const agent = await officeAgent();
    const $ = html((await agent.get('/panel/wnioski').expect(200)).text);
    const row = $('tr').filter((_, el) => $(el).find('a').first().text() === 'Stary wniosek');
    expect(row.hasClass('requests-table__row--overdue')).toBe(true);
    expect(row.text()).toContain('Po terminie');
    expect(row.text()).toContain('po terminie (dni: 24)');
    const fresh = $('tr').filter((_, el) => $(el).find('a').first().text() === 'Nowy wniosek');
    expect(fresh.text()).toContain('zostało dni: 26');
    expect(html((await request(ctx.app).get(`/wnioski/${late.id}`).expect(200)).text)('.deadline--overdue').text()).toContain('po terminie (dni: 24)');
  });
});

describe('the coordinating office assesses requests', () => {
  it('shows the contact data to the office only, and records "w ocenie" with an interim answer', async () => {
    const r = await createRequest();
    const agent = await officeAgent();
    const page = html((await agent.get(`/panel/wnioski/${r.id}`).expect(200)).text);
    expect(page('.request-contact').text()).toContain('zofia.prywatna@example.org');
    const res = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/ocena`, { state: 'UNDER_REVIEW', answer: 'Analizujemy wniosek.' });
    expect(res.status).toBe(303);
    expect(await ctx.deps.db.consultationRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ state: 'UNDER_REVIEW', answeredAt: null });
    const pub = html((await request(ctx.app).get(`/wnioski/${r.id}`).expect(200)).text);
    expect(pub('.tag').first().text()).toBe('W ocenie');
    expect(pub('#answer-title').parent().text()).toContain('Analizujemy wniosek.');
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'request.assess' } })).toBe(1);
  });

  it('refuses a decision without an answer, and an unknown state, at the field (422), changing nothing', async () => {
    const r = await createRequest();
    const agent = await officeAgent();
    const noAnswer = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/ocena`, { state: 'REJECTED', answer: ' ' });
    expect(noAnswer.status).toBe(422);
    expect(fieldError(noAnswer.text, 'answer')).toContain('Napisz odpowiedź miasta wraz z uzasadnieniem');
    const badState = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/ocena`, { state: 'DONE', answer: 'x' });
    expect(badState.status).toBe(422);
    expect(fieldError(badState.text, 'state')).toContain('Wybierz stan wniosku');
    expect((await ctx.deps.db.consultationRequest.findUniqueOrThrow({ where: { id: r.id } })).state).toBe('SUBMITTED');
  });

  it('cannot accept a residents’ request below the threshold; paper lists count towards it; then accepts and publishes the answer', async () => {
    const r = await createRequest();
    await ctx.deps.db.requestSupport.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ requestId: r.id, name: `Osoba ${i}`, emailHash: `h${i}`, confirmedAt: NOW })) });
    // Unconfirmed supports do not count.
    await ctx.deps.db.requestSupport.create({ data: { requestId: r.id, name: 'Niepotwierdzona', email: 'n@example.org', emailHash: 'pending' } });
    const agent = await officeAgent();
    const refused = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/ocena`, { state: 'ACCEPTED', answer: 'Przyjmujemy.' });
    expect(refused.status).toBe(422);
    expect(fieldError(refused.text, 'state')).toContain('Wniosek ma 20 podpisów z wymaganych 50');

    const badList = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/listy-poparcia`, { signatures: '0', receivedOn: '2026-11-23' });
    expect(badList.status).toBe(422);
    expect(fieldError(badList.text, 'signatures')).toContain('Podaj liczbę podpisów');
    const future = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/listy-poparcia`, { signatures: '30', receivedOn: '2026-12-24' });
    expect(future.status).toBe(422);
    expect(fieldError(future.text, 'receivedOn')).toContain('Data wpływu nie może być w przyszłości');
    expect(await ctx.deps.db.requestPaperList.count()).toBe(0);

    expect((await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/listy-poparcia`, { signatures: '30', receivedOn: '2026-11-23', note: 'Kancelaria' })).status).toBe(303);
    const pub = html((await request(ctx.app).get(`/wnioski/${r.id}`).expect(200)).text);
    expect(pub('.request-facts').text().replace(/\s+/g, ' ')).toContain('Poparcie: 50 z 50 wymaganych podpisów (20 online, 30 na listach papierowych)');
    expect(pub('.request-facts').text()).toContain('Wymagana liczba podpisów została zebrana.');

    const accepted = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/ocena`, { state: 'ACCEPTED', answer: 'Przyjmujemy; konsultacje przeprowadzi MZDiT.' });
    expect(accepted.status).toBe(303);
    const after = html((await request(ctx.app).get(`/wnioski/${r.id}`).expect(200)).text);
    expect(after('.tag').first().text()).toBe('Przyjęty');
    expect(after('#answer-title').parent().text()).toContain('Przyjmujemy; konsultacje przeprowadzi MZDiT.');
    expect(after('#answer-title').parent().text()).toContain('Odpowiedź z 24 listopada 2026');
    expect(after('form[action$="/poparcie"]').length).toBe(0);
    // A decided request is not decided again.
    const again = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/ocena`, { state: 'REJECTED', answer: 'Jednak nie.' });
    expect(again.status).toBe(409);
    expect(await ctx.deps.db.auditLog.count({ where: { action: { in: ['request.assess', 'request.paperList.add'] } } })).toBe(2);
  });

  it('accepts a district council’s request without supporters', async () => {
    const district = await createDistrict(ctx.deps.db);
    const r = await createRequest({ origin: 'DISTRICT_COUNCIL', districtId: district.id });
    const agent = await officeAgent();
    expect((await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/ocena`, { state: 'ACCEPTED', answer: 'Przyjęty.' })).status).toBe(303);
  });

  it('turns an accepted request into a draft consultation of the chosen department in one step, linked both ways', async () => {
    const district = await createDistrict(ctx.deps.db, { name: 'Raków' });
    const r = await createRequest({ title: 'Uspokojenie ruchu na ul. Limanowskiego', origin: 'DISTRICT_COUNCIL', districtId: district.id, state: 'ACCEPTED' });
    const mzdit = await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    const agent = await officeAgent();
    const missing = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/konsultacja`, { departmentId: '' });
    expect(missing.status).toBe(422);
    expect(fieldError(missing.text, 'departmentId')).not.toBe('');
    expect(await ctx.deps.db.consultation.count()).toBe(0);

    const res = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/konsultacja`, { departmentId: String(mzdit.id) });
    expect(res.status).toBe(303);
    const c = await ctx.deps.db.consultation.findFirstOrThrow({ include: { districts: true, request: true } });
    expect(c).toMatchObject({ title: 'Uspokojenie ruchu na ul. Limanowskiego', departmentId: mzdit.id, publishedAt: null, cityWide: false, subjectMd: 'Zakres.', purposeMd: 'Uzasadnienie.', forms: ['SURVEY'] });
    expect(c.districts.map((d) => d.districtId)).toEqual([district.id]);
    expect(c.request?.id).toBe(r.id);
    // A draft is not public: the request says the consultation is being prepared.
    expect(html((await request(ctx.app).get(`/wnioski/${r.id}`).expect(200)).text)('#answer-title').parent().text()).toContain('Miasto przygotowuje konsultacje');
    await ctx.deps.db.consultation.update({ where: { id: c.id }, data: { publishedAt: new Date('2026-11-24T09:00:00Z') } });
    expect(html((await request(ctx.app).get(`/wnioski/${r.id}`).expect(200)).text)(`a[href="/konsultacje/${c.slug}"]`).length).toBe(1);
    // And the consultation's page names the request it answers.
    const consultationPage = html((await request(ctx.app).get(`/konsultacje/${c.slug}`).expect(200)).text);
    expect(consultationPage(`a[href="/wnioski/${r.id}"]`).text()).toBe('Przeprowadzane na wniosek: Uspokojenie ruchu na ul. Limanowskiego');

    const second = await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/konsultacja`, { departmentId: String(mzdit.id) });
    expect(second.status).toBe(409);
    expect(await ctx.deps.db.consultation.count()).toBe(1);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'request.convert' } })).toBe(1);
  });

  it('refuses to convert a request that is not accepted (409)', async () => {
    const r = await createRequest({ state: 'UNDER_REVIEW' });
    const department = await createDepartment(ctx.deps.db);
    const agent = await officeAgent();
    expect((await submitForm(agent, `/panel/wnioski/${r.id}`, `/panel/wnioski/${r.id}/konsultacja`, { departmentId: String(department.id) })).status).toBe(409);
    expect(await ctx.deps.db.consultation.count()).toBe(0);
  });
});

describe('district councils file requests through their councillor', () => {
  it('files for the councillor’s own district whatever the form says; the public page names the council', async () => {
    const own = await createDistrict(ctx.deps.db, { name: 'Raków' });
    const other = await createDistrict(ctx.deps.db, { name: 'Błeszno' });
    const councillor = await createUser(ctx.deps.db, { role: 'COUNCILLOR', districtId: own.id, name: 'Magdalena Kamińska' });
    const agent = await loginAs(ctx.app, councillor.email);
    const form = html((await agent.get('/panel/wnioski/nowy').expect(200)).text);
    expect(form('select[name="districtId"]').length).toBe(0);
    const res = await submitForm(agent, '/panel/wnioski/nowy', '/panel/wnioski', { title: 'Tempo 30 przy szkole', justification: 'Uchwała rady nr 5/2026.', scope: 'Strefa tempo 30.', districtId: String(other.id) });
    expect(res.status).toBe(303);
    const r = await ctx.deps.db.consultationRequest.findFirstOrThrow();
    expect(r).toMatchObject({ origin: 'DISTRICT_COUNCIL', districtId: own.id, contactName: 'Magdalena Kamińska' });
    const pub = (await request(ctx.app).get(`/wnioski/${r.id}`).expect(200)).text;
    expect(html(pub)('.request-item__meta').text()).toContain('Rada Dzielnicy Raków');
    expect(pub).not.toContain('Magdalena Kamińska');
    // Councils' requests collect no supporters.
    expect(html(pub)('form[action$="/poparcie"]').length).toBe(0);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'request.submit', userId: councillor.id } })).toBe(1);
  });

  it('re-renders the council form with messages on bad input (422)', async () => {
    const councillor = await createUser(ctx.deps.db, { role: 'COUNCILLOR' });
    const agent = await loginAs(ctx.app, councillor.email);
    const res = await submitForm(agent, '/panel/wnioski/nowy', '/panel/wnioski', { title: '', justification: '', scope: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toContain('Podaj przedmiot konsultacji');
    expect(fieldError(res.text, 'scope')).toContain('Opisz proponowany zakres konsultacji');
    expect(await ctx.deps.db.consultationRequest.count()).toBe(0);
  });

  it('lets an administrator file for a chosen district, and requires it', async () => {
    const district = await createDistrict(ctx.deps.db);
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    const none = await submitForm(agent, '/panel/wnioski/nowy', '/panel/wnioski', { title: 'T', justification: 'J', scope: 'S', districtId: '' });
    expect(none.status).toBe(422);
    expect(fieldError(none.text, 'districtId')).toContain('Wybierz dzielnicę');
    expect((await submitForm(agent, '/panel/wnioski/nowy', '/panel/wnioski', { title: 'T', justification: 'J', scope: 'S', districtId: String(district.id) })).status).toBe(303);
  });
});

describe('permissions', () => {
  it('sends anonymous visitors (residents have no account) to the login page from every panel route', async () => {
    const r = await createRequest();
    for (const path of ['/panel/wnioski', '/panel/wnioski/nowy', `/panel/wnioski/${r.id}`, '/panel/plan', '/panel/plan/nowy']) {
      const res = await request(ctx.app).get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.location, path).toMatch(/^\/logowanie/);
    }
  });

  it('lets only the coordinating office and administrators assess; other departments, councillors and moderators get 403', async () => {
    await createOffice();
    const own = await createDistrict(ctx.deps.db);
    const r = await createRequest({ origin: 'DISTRICT_COUNCIL', districtId: own.id });
    const department = await createDepartment(ctx.deps.db);
    const refused = [
      await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id }),
      await createUser(ctx.deps.db, { role: 'COUNCILLOR', districtId: own.id }),
      await createUser(ctx.deps.db, { role: 'COUNCILLOR' }),
      await createUser(ctx.deps.db, { role: 'MODERATOR' }),
    ];
    for (const user of refused) {
      const agent = await loginAs(ctx.app, user.email);
      await agent.get('/panel/wnioski').expect(403);
      await agent.get(`/panel/wnioski/${r.id}`).expect(403);
      await agent.get('/panel/plan').expect(403);
      const token = await csrfToken(agent, '/panel');
      await agent.post(`/panel/wnioski/${r.id}/ocena`).type('form').send({ _csrf: token, state: 'REJECTED', answer: 'Nie.' }).expect(403);
      await agent.post(`/panel/wnioski/${r.id}/konsultacja`).type('form').send({ _csrf: token, departmentId: String(department.id) }).expect(403);
      await agent.post('/panel/plan').type('form').send({ _csrf: token, title: 'X', departmentId: String(department.id), year: '2027', month: '3' }).expect(403);
      const $ = html((await agent.get('/panel').expect(200)).text);
      expect($('a[href="/panel/wnioski"]').length).toBe(0);
    }
    expect((await ctx.deps.db.consultationRequest.findUniqueOrThrow({ where: { id: r.id } })).state).toBe('SUBMITTED');
    expect(await ctx.deps.db.consultationPlanItem.count()).toBe(0);

    const admin = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'ADMIN' })).email);
    await admin.get(`/panel/wnioski/${r.id}`).expect(200);
    const office = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: (await ctx.deps.db.department.findUniqueOrThrow({ where: { code: 'BIK' } })).id })).email);
    const dashboard = html((await office.get('/panel').expect(200)).text);
    expect(dashboard('a[href="/panel/wnioski"]').text()).toBe('Wnioski o konsultacje');
    expect(dashboard('a[href="/panel/plan"]').text()).toBe('Plan konsultacji');
  });

  it('lets only councillors (and administrators) file councils’ requests', async () => {
    for (const role of ['DEPARTMENT_STAFF', 'MODERATOR'] as const) {
      const agent = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role })).email);
      await agent.get('/panel/wnioski/nowy').expect(403);
      const token = await csrfToken(agent, '/panel');
      await agent.post('/panel/wnioski').type('form').send({ _csrf: token, title: 'T', justification: 'J', scope: 'S' }).expect(403);
    }
    // The coordinating office assesses requests; it does not file them for a council.
    await (await officeAgent()).get('/panel/wnioski/nowy').expect(403);
    expect(await ctx.deps.db.consultationRequest.count()).toBe(0);
  });
});

describe('demo data', () => {
  it('has requests in every state (one from Rada Dzielnicy Raków, an accepted one leading to a consultation), the plans for 2026 and 2027, and the coordinating office', async () => {
    await seedBase(ctx.deps.db);
    await seedDemo(ctx.deps.db, NOW);
    const requests = await ctx.deps.db.consultationRequest.findMany({ include: { district: true } });
    expect(new Set(requests.map((r) => r.state))).toEqual(new Set(['SUBMITTED', 'UNDER_REVIEW', 'ACCEPTED', 'REJECTED']));
    expect(requests.find((r) => r.origin === 'DISTRICT_COUNCIL')?.district?.slug).toBe('rakow');
    expect(requests.find((r) => r.state === 'ACCEPTED')?.consultationId).not.toBeNull();
    const years = await ctx.deps.db.consultationPlanItem.groupBy({ by: ['year'], _count: true });
    expect(years.map((y) => y.year).sort()).toEqual([2026, 2027]);
    expect((await ctx.deps.db.department.findUniqueOrThrow({ where: { code: 'BIK' } })).coordinatesConsultations).toBe(true);
    const list = html((await request(ctx.app).get('/wnioski').expect(200)).text);
    expect(list('.request-item').length).toBe(requests.length);
    // Seeding again adds nothing.
    await seedDemo(ctx.deps.db, NOW);
    expect(await ctx.deps.db.consultationRequest.count()).toBe(requests.length);
    const office = await loginAs(ctx.app, 'bik@example.org', 'Konsultacje2010!');
    await office.get('/panel/wnioski').expect(200);
  });
});
