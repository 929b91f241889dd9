// "Twoje dane" (RODO art. 15 and 17): a resident asks for a link by e-mail, uses it once, sees what the
// portal holds for the address, downloads it and erases it by the rules of decision 40; without the
// link nobody sees anything; the nightly job deletes remark and comment authors' contact data once a
// report has been public for PERSONAL_DATA_RETENTION_MONTHS.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { emailHashOf } from '../../src/features/requests/request-supports.service.js';
import { personalDataJobs } from '../../src/features/personal-data/personal-data.jobs.js';
import { surveyKeys } from '../../src/features/surveys/survey-participation.js';
import { createComment } from '../helpers/comment-factories.js';
import { createConsultation, createDepartment } from '../helpers/factories.js';
import { csrfToken, fieldError, html, type Agent } from '../helpers/http.js';
import { linkTo, waitForIdleQueue } from '../helpers/mail.js';
import { createRemark } from '../helpers/remark-factories.js';
import { useMailTestApp } from '../helpers/subscriptions.js';

const { ctx, smtp } = await useMailTestApp();
const ANNA = 'anna.mieszkanka@example.org';
const OTHER = 'jan.inny@example.org';

async function askForLink(agent: Agent, email: string, extra: Record<string, string> = {}) {
  const token = await csrfToken(agent, '/twoje-dane');
  return agent.post('/twoje-dane').type('form').send({ _csrf: token, email, ...extra });
}

/** Asks for the link, reads it from the e-mail, presses the button: the agent now sees the data. */
async function signInByLink(email = ANNA): Promise<Agent> {
  const agent = request.agent(ctx.app);
  expect((await askForLink(agent, email)).headers.location).toBe('/twoje-dane/wyslano');
  const [mail] = await smtp.waitFor(1);
  expect(mail!.parsed.to).toMatchObject({ text: email });
  const link = linkTo(mail!, '/twoje-dane/dostep');
  smtp.clear();
  const page = await agent.get(link).expect(200);
  const t = new URL(link, 'http://x').searchParams.get('t')!;
  const opened = await agent.post('/twoje-dane/dostep').type('form').send({ _csrf: html(page.text)('input[name="_csrf"]').val(), t });
  expect(opened.status).toBe(303);
  expect(opened.headers.location).toBe('/twoje-dane/dane');
  return agent;
}

/** One of everything the portal can hold for ANNA, and the same for OTHER (which must stay untouched). */
async function seed() {
  const db = ctx.deps.db;
  const secret = ctx.deps.config.sessionSecret;
  const department = await createDepartment(db);
  const c = await createConsultation(db, { departmentId: department.id, slug: 'park-lisiniec', title: 'Park na Lisińcu', reportPublishedAt: new Date('2026-11-20T10:00:00Z') });
  await db.subscriber.create({ data: { email: ANNA, newConsultations: 'ALL', confirmedAt: new Date('2026-11-01T10:00:00Z') } });
  await db.subscriber.create({ data: { email: OTHER, newConsultations: 'ALL', confirmedAt: new Date('2026-11-01T10:00:00Z') } });
  const published = await createComment(db, c.id, { email: ANNA, authorName: 'Anna M.', body: 'Więcej ławek przy stawie.' });
  const pending = await createComment(db, c.id, { email: ANNA, authorName: 'Anna M.', body: 'Komentarz niepotwierdzony.', status: 'UNCONFIRMED' });
  const othersComment = await createComment(db, c.id, { email: OTHER, authorName: 'Jan I.', body: 'Komentarz Jana.' });
  const remark = await createRemark(db, c.id, { email: ANNA, authorName: 'Anna Mieszkanka', content: 'Dodać oświetlenie alejek.', position: 'ACCEPTED', answer: 'Dodamy.' });
  const institution = await createRemark(db, c.id, { email: ANNA, authorKind: 'INSTITUTION', authorName: 'Stowarzyszenie Lisiniec', content: 'Plac zabaw.', position: 'ACCEPTED', answer: 'Tak.' });
  const request1 = await db.consultationRequest.create({ data: { origin: 'RESIDENTS', title: 'Konsultacje w sprawie parku', justification: 'Uzasadnienie', scope: 'Zakres', contactName: 'Anna Mieszkanka', contactEmail: ANNA, contactPhone: '+48 600 100 200', submittedAt: new Date('2026-11-10T10:00:00Z') } });
  const confirmed = await db.requestSupport.create({ data: { requestId: request1.id, name: 'Anna Mieszkanka', email: null, emailHash: emailHashOf(secret, ANNA), confirmedAt: new Date('2026-11-11T10:00:00Z') } });
  const request2 = await db.consultationRequest.create({ data: { origin: 'RESIDENTS', title: 'Drugi wniosek', justification: 'U', scope: 'Z', contactName: 'Jan Inny', contactEmail: OTHER, submittedAt: new Date('2026-11-10T10:00:00Z') } });
  const unconfirmed = await db.requestSupport.create({ data: { requestId: request2.id, name: 'Anna Mieszkanka', email: ANNA, emailHash: emailHashOf(secret, ANNA) } });
  await db.formatRequest.create({ data: { documentName: 'Projekt planu', documentUrl: '/pliki/1/projekt.pdf', format: 'LARGE_PRINT', name: 'Anna Mieszkanka', email: ANNA, dueAt: new Date('2026-12-01T10:00:00Z') } });
  const survey = await db.survey.create({ data: { title: 'Ankieta o zieleni', departmentId: department.id, opensAt: new Date('2026-11-01T10:00:00Z'), closesAt: new Date('2026-12-20T10:00:00Z'), participation: 'ONE_PER_EMAIL' } });
  const emailKey = surveyKeys(secret).email(survey.id, ANNA);
  await db.surveyEmailToken.create({ data: { surveyId: survey.id, emailKey, email: ANNA, expiresAt: new Date('2026-11-25T10:00:00Z') } });
  await db.surveyResponse.create({ data: { surveyId: survey.id, emailKey, submittedAt: new Date('2026-11-21T10:00:00Z') } });
  return { c, published, pending, othersComment, remark, institution, request1, confirmed, unconfirmed };
}

describe('asking for the link', () => {
  it('is linked from every page’s footer and answers the same whether or not the address is known', async () => {
    const home = html((await request(ctx.app).get('/').expect(200)).text);
    expect(home('footer a[href="/twoje-dane"]').text()).toBe('Twoje dane osobowe');
    const page = html((await request(ctx.app).get('/twoje-dane').expect(200)).text);
    expect(page('h1').text()).toBe('Twoje dane osobowe');
    expect(page('label[for="email"]').text()).toContain('Adres e-mail');
    const unknown = await askForLink(request.agent(ctx.app), 'nikt@example.org');
    expect(unknown.status).toBe(303);
    expect(unknown.headers.location).toBe('/twoje-dane/wyslano');
    const sent = html((await request(ctx.app).get('/twoje-dane/wyslano').expect(200)).text);
    expect(sent('h1').text()).toBe('Sprawdź skrzynkę e-mail');
    // The link goes out even for an address with nothing: that page says so.
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.subject).toBe('Link do Twoich danych osobowych');
    expect(mail!.parsed.text).toContain('Link działa raz, przez 60 minut');
    await waitForIdleQueue(ctx.deps.pool);
  });

  it('refuses an invalid address at the field with 422 and writes nothing', async () => {
    const res = await askForLink(request.agent(ctx.app), 'to-nie-adres');
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'email')).toContain('Podaj adres e-mail w poprawnym');
    expect(await ctx.deps.db.personalDataToken.count()).toBe(0);
  });

  it('gives a robot that filled the honeypot the same answer and sends nothing', async () => {
    const res = await askForLink(request.agent(ctx.app), ANNA, { strona_www: 'http://spam.example' });
    expect(res.headers.location).toBe('/twoje-dane/wyslano');
    expect(await ctx.deps.db.personalDataToken.count()).toBe(0);
  });

  it('throttles an IP address after 10 requests an hour with 429 and a Polish message', async () => {
    for (let i = 0; i < 10; i++) expect((await askForLink(request.agent(ctx.app), `osoba${i}@example.org`)).status).toBe(303);
    const res = await askForLink(request.agent(ctx.app), 'jedenasta@example.org');
    expect(res.status).toBe(429);
    expect(fieldError(res.text, 'email')).toContain('Zbyt wiele prób z tego adresu IP');
    await waitForIdleQueue(ctx.deps.pool);
  });
});

describe('the link', () => {
  it('works once: the page only shows a button, the button opens the data, a second use gets 410', async () => {
    const agent = request.agent(ctx.app);
    await askForLink(agent, ANNA);
    const [mail] = await smtp.waitFor(1);
    const link = linkTo(mail!, '/twoje-dane/dostep');
    const t = new URL(link, 'http://x').searchParams.get('t')!;
    // Opening the page twice (a mail scanner, then the person) does not use the link up.
    await request(ctx.app).get(link).expect(200);
    const page = await agent.get(link).expect(200);
    expect(html(page.text)('button').text()).toContain('Pokaż moje dane');
    const csrf = html(page.text)('input[name="_csrf"]').val() as string;
    expect((await agent.post('/twoje-dane/dostep').type('form').send({ _csrf: csrf, t })).status).toBe(303);
    await agent.get('/twoje-dane/dane').expect(200);
    const again = request.agent(ctx.app);
    const againPage = await again.get(link);
    expect(againPage.status).toBe(410);
    expect(html(againPage.text)('h1').text()).toBe('Link nie działa');
    const token = await csrfToken(again, '/twoje-dane');
    expect((await again.post('/twoje-dane/dostep').type('form').send({ _csrf: token, t })).status).toBe(410);
    await waitForIdleQueue(ctx.deps.pool);
  });

  it('expires after 60 minutes', async () => {
    await askForLink(request.agent(ctx.app), ANNA);
    const [mail] = await smtp.waitFor(1);
    await waitForIdleQueue(ctx.deps.pool);
    ctx.clock.set('2026-11-24T11:01:00Z');
    try {
      expect((await request(ctx.app).get(linkTo(mail!, '/twoje-dane/dostep'))).status).toBe(410);
    } finally {
      ctx.clock.set('2026-11-24T10:00:00Z');
    }
  });

  it('refuses made-up tokens with 410', async () => {
    expect((await request(ctx.app).get('/twoje-dane/dostep?t=' + 'A'.repeat(43))).status).toBe(410);
    expect((await request(ctx.app).get('/twoje-dane/dostep?t=%3Cscript%3E')).status).toBe(410);
    expect((await request(ctx.app).get('/twoje-dane/dostep')).status).toBe(410);
  });
});

describe('without the link', () => {
  it('shows, exports and erases nothing: every page sends back to the start, and nothing changes', async () => {
    await seed();
    const agent = request.agent(ctx.app);
    for (const path of ['/twoje-dane/dane', '/twoje-dane/dane.json', '/twoje-dane/dane.csv']) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.location).toBe('/twoje-dane');
      expect(res.text).not.toContain(ANNA);
    }
    const token = await csrfToken(agent, '/twoje-dane');
    const erase = await agent.post('/twoje-dane/usun').type('form').send({ _csrf: token, confirm: 'tak' });
    expect(erase.status).toBe(303);
    expect(await ctx.deps.db.subscriber.count()).toBe(2);
    expect(await ctx.deps.db.comment.count({ where: { email: ANNA } })).toBe(2);
    // The start page says why.
    expect(html((await agent.get('/twoje-dane')).text)('.flash, [role="status"]').text()).toContain('Poproś o nowy link');
  });

  it('does not let another browser use this browser’s access', async () => {
    await seed();
    await signInByLink();
    const stranger = request.agent(ctx.app);
    expect((await stranger.get('/twoje-dane/dane')).status).toBe(303);
    await waitForIdleQueue(ctx.deps.pool);
  });
});

describe('the data page', () => {
  it('lists what the portal holds for the address, and nothing of anyone else’s', async () => {
    await seed();
    const agent = await signInByLink();
    const res = await agent.get('/twoje-dane/dane').expect(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const $ = html(res.text);
    expect($('h1').text()).toBe(`Dane dla adresu ${ANNA}`);
    const text = $('main').text().replace(/\s+/g, ' ');
    for (const expected of ['Powiadomienia e-mail', 'Więcej ławek przy stawie.', 'Komentarz niepotwierdzony.', 'Dodać oświetlenie alejek.', 'Uwaga jest w opublikowanym raporcie', 'Konsultacje w sprawie parku', '+48 600 100 200', 'Poparcie wniosków', 'Projekt planu', 'Link do ankiety „Ankieta o zieleni”', 'Odpowiedź w ankiecie „Ankieta o zieleni”', 'skrót kryptograficzny adresu']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Komentarz Jana.');
    expect(text).not.toContain('Jan Inny');
    expect($('a[href="/twoje-dane/dane.json"]').length).toBe(1);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'personalData.open' } })).toBe(1);
    await waitForIdleQueue(ctx.deps.pool);
  });

  it('closes 30 minutes after the link was used', async () => {
    await seed();
    const agent = await signInByLink();
    await waitForIdleQueue(ctx.deps.pool);
    ctx.clock.set('2026-11-24T10:31:00Z');
    try {
      expect((await agent.get('/twoje-dane/dane')).headers.location).toBe('/twoje-dane');
    } finally {
      ctx.clock.set('2026-11-24T10:00:00Z');
    }
  });

  it('downloads the data as JSON and CSV attachments, audit-logged', async () => {
    await seed();
    const agent = await signInByLink();
    const json = await agent.get('/twoje-dane/dane.json').expect(200);
    expect(json.headers['content-disposition']).toBe('attachment; filename="twoje-dane.json"');
    const data = JSON.parse(json.text) as { email: string; comments: { body: string }[]; remarks: { content: string }[]; supports: unknown[]; surveysAnswered: unknown[] };
    expect(data.email).toBe(ANNA);
    expect(data.comments.map((c) => c.body)).toEqual(['Więcej ławek przy stawie.', 'Komentarz niepotwierdzony.']);
    expect(data.remarks.map((r) => r.content)).toEqual(['Dodać oświetlenie alejek.', 'Plac zabaw.']);
    expect(data.supports).toHaveLength(2);
    expect(data.surveysAnswered).toHaveLength(1);
    const csv = await agent.get('/twoje-dane/dane.csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment;/);
    expect(csv.text).toContain('Więcej ławek przy stawie.');
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'personalData.export' } })).toBe(2);
    await waitForIdleQueue(ctx.deps.pool);
  });

  it('in English too', async () => {
    await seed();
    const agent = await signInByLink();
    await agent.get('/jezyk/en');
    const $ = html((await agent.get('/twoje-dane/dane').expect(200)).text);
    expect($('h1').text()).toBe(`Data for ${ANNA}`);
    expect($('main').text()).toContain('Erase my data');
    await waitForIdleQueue(ctx.deps.pool);
  });
});

describe('erasing', () => {
  it('asks to confirm, with 422 and the message at the field, changing nothing', async () => {
    await seed();
    const agent = await signInByLink();
    const token = await csrfToken(agent, '/twoje-dane/dane');
    const res = await agent.post('/twoje-dane/usun').type('form').send({ _csrf: token });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'confirm')).toContain('Potwierdź, że chcesz usunąć dane');
    expect(await ctx.deps.db.subscriber.count({ where: { email: ANNA } })).toBe(1);
    await waitForIdleQueue(ctx.deps.pool);
  });

  it('erases by the rules: texts of the public record stay without the person, the rest goes; others untouched; audit without the address', async () => {
    const s = await seed();
    const db = ctx.deps.db;
    const agent = await signInByLink();
    const token = await csrfToken(agent, '/twoje-dane/dane');
    const res = await agent.post('/twoje-dane/usun').type('form').send({ _csrf: token, confirm: 'tak' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/twoje-dane/usunieto');
    expect(html((await agent.get('/twoje-dane/usunieto').expect(200)).text)('h1').text()).toBe('Dane usunięte');

    expect(await db.subscriber.findMany({ select: { email: true } })).toEqual([{ email: OTHER }]);
    expect(await db.comment.findUnique({ where: { id: s.pending.id } })).toBeNull();
    expect(await db.comment.findUniqueOrThrow({ where: { id: s.published.id }, select: { authorName: true, email: true, body: true } })).toEqual({ authorName: 'Autor usunięty', email: null, body: 'Więcej ławek przy stawie.' });
    expect(await db.comment.findUniqueOrThrow({ where: { id: s.othersComment.id }, select: { email: true } })).toEqual({ email: OTHER });
    expect(await db.remark.findUniqueOrThrow({ where: { id: s.remark.id }, select: { authorName: true, email: true, content: true, answer: true } })).toEqual({ authorName: '', email: null, content: 'Dodać oświetlenie alejek.', answer: 'Dodamy.' });
    expect(await db.remark.findUniqueOrThrow({ where: { id: s.institution.id }, select: { authorName: true, email: true } })).toEqual({ authorName: 'Stowarzyszenie Lisiniec', email: null });
    expect(await db.consultationRequest.findUniqueOrThrow({ where: { id: s.request1.id }, select: { contactName: true, contactEmail: true, contactPhone: true, title: true } })).toEqual({ contactName: '', contactEmail: '', contactPhone: '', title: 'Konsultacje w sprawie parku' });
    expect(await db.requestSupport.findUnique({ where: { id: s.unconfirmed.id } })).toBeNull();
    expect(await db.requestSupport.findUniqueOrThrow({ where: { id: s.confirmed.id }, select: { name: true, confirmedAt: true } })).toMatchObject({ name: '', confirmedAt: expect.any(Date) });
    expect(await db.formatRequest.count()).toBe(0);
    expect(await db.surveyEmailToken.count({ where: { email: { not: null } } })).toBe(0);
    expect(await db.surveyResponse.count()).toBe(1);

    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'personalData.erase' } });
    expect(entry.details).toMatchObject({ subscriptions: 1, commentsDeleted: 1, commentsAnonymised: 1, requests: 1, supportsDeleted: 1, supportsAnonymised: 1, formatRequests: 1, surveyLinks: 1 });
    expect(JSON.stringify(await db.auditLog.findMany({ select: { details: true, entityId: true, entityType: true } }))).not.toContain(ANNA);
    // The access ended with the data; the public discussion shows the comment without its author.
    expect((await agent.get('/twoje-dane/dane')).status).toBe(303);
    const discussion = html((await request(ctx.app).get('/konsultacje/park-lisiniec/dyskusja').expect(200)).text);
    expect(discussion('main').text()).toContain('Autor usunięty');
    expect(discussion('main').text()).not.toContain('Anna M.');
    // Asked again, the page says there is nothing more than the keyed hashes.
    const again = await signInByLink();
    const text = html((await again.get('/twoje-dane/dane').expect(200)).text)('main').text();
    expect(text).not.toContain('Więcej ławek');
    await waitForIdleQueue(ctx.deps.pool);
  });
});

describe('retention', () => {
  it('deletes authors’ contact data of remarks and comments once the report has been public for 12 months, and nothing younger', async () => {
    const db = ctx.deps.db;
    const department = await createDepartment(db);
    const old = await createConsultation(db, { departmentId: department.id, reportPublishedAt: new Date('2025-11-20T10:00:00Z') });
    const recent = await createConsultation(db, { departmentId: department.id, reportPublishedAt: new Date('2025-12-20T10:00:00Z') });
    const unpublished = await createConsultation(db, { departmentId: department.id, reportPublishedAt: null });
    const oldRemark = await createRemark(db, old.id, { email: ANNA, authorName: 'Anna Mieszkanka', content: 'Stara uwaga.' });
    const oldInstitution = await createRemark(db, old.id, { email: OTHER, authorKind: 'INSTITUTION', authorName: 'Rada Dzielnicy', content: 'Uwaga rady.' });
    const oldComment = await createComment(db, old.id, { email: ANNA, authorName: 'Anna M.' });
    const recentRemark = await createRemark(db, recent.id, { email: ANNA, authorName: 'Anna Mieszkanka' });
    const recentComment = await createComment(db, recent.id, { email: ANNA });
    const openRemark = await createRemark(db, unpublished.id, { email: ANNA, authorName: 'Anna Mieszkanka' });

    const job = personalDataJobs(ctx.deps).find((j) => j.name === 'personal-data-retention')!;
    await job.handler({} as never, { id: "test", retryCount: 0 });

    expect(await db.remark.findUniqueOrThrow({ where: { id: oldRemark.id }, select: { authorName: true, email: true, content: true } })).toEqual({ authorName: '', email: null, content: 'Stara uwaga.' });
    expect(await db.remark.findUniqueOrThrow({ where: { id: oldInstitution.id }, select: { authorName: true, email: true } })).toEqual({ authorName: 'Rada Dzielnicy', email: null });
    expect(await db.comment.findUniqueOrThrow({ where: { id: oldComment.id }, select: { authorName: true, email: true } })).toEqual({ authorName: 'Anna M.', email: null });
    for (const r of [recentRemark, openRemark]) expect((await db.remark.findUniqueOrThrow({ where: { id: r.id } })).email).toBe(ANNA);
    expect((await db.comment.findUniqueOrThrow({ where: { id: recentComment.id } })).email).toBe(ANNA);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'personalData.retention' } });
    expect(entry.details).toMatchObject({ remarkNames: 1, remarkEmails: 2, commentEmails: 1, months: 12 });
    // A second run finds nothing more and writes no second entry.
    await job.handler({} as never, { id: "test", retryCount: 0 });
    expect(await db.auditLog.count({ where: { action: 'personalData.retention' } })).toBe(1);
  });
});
