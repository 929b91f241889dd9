// The report: figures checked against a known data set, the table of remarks with private persons
// anonymised, staff-written parts, publication rules, the status change and who may do what.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm } from '../helpers/http.js';
import { createRemark, createReportDataSet, PRIVATE_DATA } from '../helpers/remark-factories.js';
import { createSurvey } from '../helpers/survey-factories.js';

const ctx = useTestApp();
// The consultation runs 14 November – 5 December 2026; the report is due 30 days after its last day.
const AFTER_END = '2026-12-10T10:00:00Z';
beforeEach(() => ctx.clock.set(AFTER_END));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

async function setUp() {
  const { db } = ctx.deps;
  const department = await createDepartment(db, { name: 'Miejski Zarząd Dróg i Transportu' });
  const c = await createConsultation(db, { slug: 'aleja', title: 'III Aleja', departmentId: department.id, startsAt: new Date('2026-11-14T10:00:00Z') });
  await db.consultation.update({ where: { id: c.id }, data: { legalBasis: 'Art. 5a ustawy o samorządzie gminnym', coordinator: 'Piotr Kowalski' } });
  const staff = await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
  return { c, department, agent: await loginAs(ctx.app, staff.email) };
}

const TEXT = { informed: 'Plakaty w **20 dzielnicach** i strona internetowa.', conclusions: 'Mieszkańcy chcą warsztatów.', decision: 'Uchwała zostanie zmieniona w § 1.' };

async function writeAndPublish(agent: Awaited<ReturnType<typeof setUp>>['agent'], id: number) {
  const url = `/panel/konsultacje/${id}/raport`;
  expect((await submitForm(agent, url, url, TEXT)).status).toBe(303);
  return submitForm(agent, url, `${url}/publikacja`, {});
}

describe('the report', () => {
  it('counts down to the due date on the consultation page until it is published', async () => {
    await setUp();
    const $ = html((await request(ctx.app).get('/konsultacje/aleja').expect(200)).text);
    expect(squash($('section[aria-labelledby="raport"] p').text())).toBe('W trakcie opracowania raportu. Raport zostanie opublikowany do 4 stycznia 2027 (pozostało 25 dni).');
    ctx.clock.set('2027-01-05T10:00:00Z');
    const late = html((await request(ctx.app).get('/konsultacje/aleja').expect(200)).text);
    expect(squash(late('section[aria-labelledby="raport"] p').text())).toBe('W trakcie opracowania raportu. Termin publikacji raportu minął 4 stycznia 2027.');
  });

  it('is not public before publication, but the department sees a preview', async () => {
    const { agent } = await setUp();
    await request(ctx.app).get('/konsultacje/aleja/raport').expect(404);
    const preview = html((await agent.get('/konsultacje/aleja/raport').expect(200)).text);
    expect(preview('.notice--warning').text()).toContain('Podgląd: raport nie jest jeszcze opublikowany');
    const other = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF' })).email);
    await other.get('/konsultacje/aleja/raport').expect(404);
  });

  it('publishes: the figures match the data set, the table names institutions and never private persons, the status changes', async () => {
    const { c, agent } = await setUp();
    await createReportDataSet(ctx.deps.db, c.id);
    // Three responses to the consultation's survey, and one to another survey that must not count.
    const survey = await createSurvey(ctx.deps.db, { consultationId: c.id, departmentId: c.departmentId });
    const other = await createSurvey(ctx.deps.db, { departmentId: c.departmentId });
    await ctx.deps.db.surveyResponse.createMany({ data: [{ surveyId: survey.id }, { surveyId: survey.id }, { surveyId: survey.id }, { surveyId: other.id }] });
    const res = await writeAndPublish(agent, c.id);
    expect(res.status).toBe(303);
    const panel = html((await agent.get(`/panel/konsultacje/${c.id}/raport`).expect(200)).text);
    expect(panel('.notice--success').text().trim()).toBe('Raport został opublikowany. Wysłano odpowiedzi na uwagi: 3.');
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'report.publish' } })).toBe(1);

    const page = await request(ctx.app).get('/konsultacje/aleja/raport').expect(200);
    const $ = html(page.text);
    expect($('h1').text()).toBe('Raport z konsultacji: III Aleja');
    expect(squash($('.report-published').text())).toBe('Raport opublikowano 10 grudnia 2026.');
    expect($('main h2').map((_, h) => $(h).text()).get()).toEqual([
      'Pliki do pobrania', 'Informacje o konsultacjach', 'Przedmiot konsultacji', 'Cel konsultacji', 'Jak informowano mieszkańców', 'Udział mieszkańców', 'Ankiety i sondy', 'Zestawienie uwag', 'Wnioski', 'Co postanowiło miasto',
    ]);
    expect($('section[aria-labelledby="informacje"] .meta__row').map((_, r) => `${squash($(r).find('dt').text())} ${squash($(r).find('dd').text())}`).get()).toEqual([
      'Organizator Miejski Zarząd Dróg i Transportu',
      'Koordynator Piotr Kowalski',
      'Termin od 14 listopada 2026 do 5 grudnia 2026',
      'Podstawa prawna Art. 5a ustawy o samorządzie gminnym',
      'Formy konsultacji Formularz uwag online, Spotkanie konsultacyjne',
      'Spotkania konsultacyjne 0',
    ]);
    expect($('#informowanie').next('.prose').find('strong').text()).toBe('20 dzielnicach');
    expect($('.report-figures').first().find('li').map((_, li) => squash($(li).text())).get()).toEqual([
      '5 uwag ogółem', '4 uwag złożonych w terminie', '1 uwag złożonych po terminie',
      '2 kanał: formularz online', '1 kanał: e-mail', '1 kanał: pismo (papier)', '1 kanał: protokół ze spotkania',
      '1 uwag instytucji i organizacji', '2 komentarzy w dyskusji', '3 odpowiedzi w ankietach',
    ]);
    expect($('.report-positions li').map((_, li) => squash($(li).text())).get()).toEqual(['1 uwzględniona', '1 częściowo uwzględniona', '1 nieuwzględniona', '1 wyjaśnienie', '1 nie dotyczy przedmiotu konsultacji']);
    const rows = $('.report-table tbody tr').map((_, tr) => [$(tr).find('td').map((__, td) => squash($(td).text())).get()]).get() as string[][];
    expect(rows.map((r) => [r[0], r[2], r[3], r[5], r[8]])).toEqual([
      ['1', 'osoba prywatna', 'formularz online', 'Dodać warsztaty.', 'uwzględniona'],
      ['2', 'osoba prywatna', 'formularz online', 'Skrócić termin.', 'nieuwzględniona'],
      ['3', 'Rada Dzielnicy Raków', 'e-mail', 'Konsultować w każdej dzielnicy.', 'częściowo uwzględniona'],
      ['4', 'osoba prywatna', 'protokół ze spotkania', 'Co to jest ankieta?', 'wyjaśnienie'],
      ['5', 'osoba prywatna', 'pismo (papier), po terminie', 'Zbudować basen.', 'nie dotyczy przedmiotu konsultacji'],
    ]);
    expect(rows[0]![9]).toBe('Dodamy warsztaty.');
    expect($('#ankieta-1').text()).toBe('Ankieta testowa');
    expect(squash($('#ankieta-1').next('p').text())).toBe('Liczba odpowiedzi: 3 · Strona wyników ankiety: Ankieta testowa');
    expect($('section[aria-labelledby="ankiety"] a').attr('href')).toBe(`/ankiety/${survey.id}/wyniki`);
    expect(squash($('#decyzja').next('.prose').text())).toBe('Uchwała zostanie zmieniona w § 1.');

    const consultation = await request(ctx.app).get('/konsultacje/aleja').expect(200);
    const c$ = html(consultation.text);
    expect(c$('.consultation__facts .tag').text()).toBe('Zakończone (raport opublikowany)');
    expect(c$('section[aria-labelledby="raport"] a').attr('href')).toBe('/konsultacje/aleja/raport');

    for (const text of [page.text, consultation.text]) for (const secret of PRIVATE_DATA) expect(text).not.toContain(secret);
  });

  it('refuses to publish while remarks are unanswered, without the decision, or before the end (422, nothing changed)', async () => {
    const { c, agent } = await setUp();
    await createRemark(ctx.deps.db, c.id);
    const url = `/panel/konsultacje/${c.id}/raport`;
    const res = await submitForm(agent, url, `${url}/publikacja`, {});
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'publish')).toContain('Nie wszystkie uwagi mają odpowiedź (bez odpowiedzi: 1)');
    expect(fieldError(res.text, 'decision')).toContain('Napisz, co postanowiło miasto');
    ctx.clock.set('2026-11-24T10:00:00Z');
    const early = await submitForm(agent, url, `${url}/publikacja`, {});
    expect(early.status).toBe(422);
    expect(fieldError(early.text, 'publish')).toContain('Raport można opublikować po zakończeniu konsultacji.');
    expect((await ctx.deps.db.consultation.findUniqueOrThrow({ where: { id: c.id } })).reportPublishedAt).toBeNull();
  });

  it('refuses a second publication (409)', async () => {
    const { c, agent } = await setUp();
    expect((await writeAndPublish(agent, c.id)).status).toBe(303);
    const url = `/panel/konsultacje/${c.id}/raport`;
    const page = html((await agent.get(url).expect(200)).text);
    const token = page('input[name="_csrf"]').first().val() as string;
    await agent.post(`${url}/publikacja`).type('form').send({ _csrf: token }).expect(409);
  });

  it('lets only the department and administrators write and publish it', async () => {
    const { c } = await setUp();
    const { db } = ctx.deps;
    const url = `/panel/konsultacje/${c.id}/raport`;
    for (const role of ['COUNCILLOR', 'MODERATOR', 'DEPARTMENT_STAFF'] as const) {
      const agent = await loginAs(ctx.app, (await createUser(db, { role })).email);
      await agent.get(url).expect(403);
      const token = html((await agent.get('/panel').expect(200)).text)('input[name="_csrf"]').first().val() as string;
      await agent.post(url).type('form').send({ _csrf: token, ...TEXT }).expect(403);
      await agent.post(`${url}/publikacja`).type('form').send({ _csrf: token }).expect(403);
    }
    expect((await request(ctx.app).get(url).expect(303)).headers.location).toBe(`/logowanie?next=${encodeURIComponent(url)}`);
    expect(await db.consultationReport.count()).toBe(0);
    const admin = await loginAs(ctx.app, (await createUser(db, { role: 'ADMIN' })).email);
    expect((await writeAndPublish(admin, c.id)).status).toBe(303);
  });
});
