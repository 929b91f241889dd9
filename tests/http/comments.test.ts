// The discussion of a consultation end to end: a resident's comment confirmed through the link in a
// real e-mail (smtp-server), replies, the city's answers, bad input at every field, abuse controls
// (rate limits, honeypot, length, plain text only), closed consultations and privacy.
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';
import { createComment } from '../helpers/comment-factories.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { csrfToken, fieldError, html, loginAs, submitForm } from '../helpers/http.js';
import { countingApp } from '../helpers/query-count.js';
import { clearJobs, linkTo, startTestSmtp, TEST_JOB_OPTIONS, waitForIdleQueue, type ReceivedMail } from '../helpers/mail.js';

const smtp = await startTestSmtp();
const ctx = useTestApp(
  { SMTP_URL: smtp.url, BASE_URL: 'https://konsultacje.example.org', COMMENT_MAX_PER_IP: '4', COMMENT_MAX_PER_ADDRESS: '2' },
  { jobOptions: TEST_JOB_OPTIONS },
);

beforeAll(async () => {
  await startJobs(ctx.deps);
});
beforeEach(async () => {
  await clearJobs(ctx.deps.pool);
  smtp.clear();
  ctx.clock.set('2026-11-24T10:00:00Z');
});
afterAll(() => smtp.stop());

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const DISCUSSION = '/konsultacje/aleja/dyskusja';
const valid = { name: 'Anna Nowak', email: 'anna.nowak@example.net', body: 'Proszę o więcej ławek w alei.', rodo: 'tak' };

async function openConsultation(data: Parameters<typeof createConsultation>[1] = {}) {
  return createConsultation(ctx.deps.db, { slug: 'aleja', title: 'III Aleja – co dalej?', ...data });
}

async function post(path: string, fields: Record<string, string>, agent = request.agent(ctx.app), formPage = '/powiadomienia') {
  return submitForm(agent, formPage, path, fields);
}

/** The confirmation link of the only e-mail that arrived, as path and query. */
async function confirmationLink(): Promise<{ mail: ReceivedMail; link: string; token: string }> {
  const [mail] = await smtp.waitFor(1);
  const link = linkTo(mail!, '/dyskusja/potwierdz');
  return { mail: mail!, link, token: new URL(link, 'http://x').searchParams.get('t')! };
}

const publicTexts = async (path: string) => (await request(ctx.app).get(path)).text;

describe('a resident comments and confirms by e-mail', () => {
  it('shows the form with labels, the RODO notice, the rules link and a hidden honeypot', async () => {
    await openConsultation();
    const res = await request(ctx.app).get(DISCUSSION).expect(200);
    const $ = html(res.text);
    expect($('h1').text()).toBe('Wymiana opinii');
    const form = $('form.comment-form');
    expect(form.attr('action')).toBe(DISCUSSION);
    expect($('label[for="name"]').text()).toBe('Imię i nazwisko');
    expect($('label[for="email"]').text()).toBe('Adres e-mail');
    expect($('label[for="body"]').text()).toBe('Treść komentarza');
    expect($('label[for="rodo"]').text()).toContain('klauzulą informacyjną');
    expect(form.find('a[href="/regulamin"]').text()).toBe('Regulamin serwisu');
    expect(form.find('.honeypot input[name="strona_www"]').attr('tabindex')).toBe('-1');
    expect(squash($('#komentarze').parent().text())).toContain('Nikt jeszcze nie skomentował tej konsultacji.');
  });

  it('publishes the comment only after the link from the e-mail is confirmed with the button, then forgets the address', async () => {
    await openConsultation();
    const res = await post(DISCUSSION, valid);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/konsultacje/aleja/dyskusja/sprawdz-poczte');
    expect(squash(html((await request(ctx.app).get(res.headers.location!)).text)('h1').text())).toBe('Potwierdź komentarz w skrzynce e-mail');

    // Not shown before confirmation.
    expect(html(await publicTexts(DISCUSSION))('.comment')).toHaveLength(0);

    const { mail, link, token } = await confirmationLink();
    expect(mail.to).toEqual(['anna.nowak@example.net']);
    expect(mail.parsed.subject).toBe('Potwierdź komentarz w konsultacji „III Aleja – co dalej?”');
    expect(mail.parsed.text).toContain('Proszę o więcej ławek w alei.');
    // Only the hash of the token is stored.
    const stored = await ctx.deps.db.comment.findFirstOrThrow();
    expect(stored.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.confirmTokenHash).not.toContain(token);

    // Opening the link (as a mail scanner would) confirms nothing.
    const page = await request(ctx.app).get(link).expect(200);
    expect(html(page.text)('h1').text()).toBe('Potwierdź komentarz');
    expect(html(page.text)('main form button').text()).toBe('Potwierdzam komentarz');
    expect((await ctx.deps.db.comment.findFirstOrThrow()).status).toBe('UNCONFIRMED');

    const agent = request.agent(ctx.app);
    const confirmed = await agent.post('/dyskusja/potwierdz').type('form').send({ t: token });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe(`/konsultacje/aleja/dyskusja#komentarz-${stored.id}`);
    const $ = html((await agent.get('/konsultacje/aleja/dyskusja')).text);
    expect(squash($('.flash, [role="status"]').first().text())).toContain('Twój komentarz został opublikowany');
    const comment = $(`#komentarz-${stored.id}`);
    expect(comment.find('.comment__author').text()).toBe('Anna N.');
    expect(comment.find('.comment__text').text()).toBe('Proszę o więcej ławek w alei.');

    const after = await ctx.deps.db.comment.findFirstOrThrow();
    expect(after).toMatchObject({ status: 'PUBLISHED', email: null, confirmTokenHash: null });

    // The consultation's page counts it and links to the discussion.
    const show = html(await publicTexts('/konsultacje/aleja'));
    expect(squash(show('section[aria-labelledby="dyskusja"]').text())).toContain('Komentarze: 1');
    expect(show('section[aria-labelledby="dyskusja"] a').first().attr('href')).toBe(DISCUSSION);
  });

  it('refuses a replayed link and an expired one with 410 and a polite page', async () => {
    await openConsultation();
    await post(DISCUSSION, valid);
    const { link, token } = await confirmationLink();
    await request(ctx.app).post('/dyskusja/potwierdz').type('form').send({ t: token }).expect(303);
    const replay = await request(ctx.app).post('/dyskusja/potwierdz').type('form').send({ t: token });
    expect(replay.status).toBe(410);
    expect(html(replay.text)('h1').text()).toBe('Ten link już nie działa');
    expect((await request(ctx.app).get(link)).status).toBe(410);

    smtp.clear();
    await post(DISCUSSION, { ...valid, email: 'inna@example.net' });
    const second = await confirmationLink();
    ctx.clock.set('2026-11-27T10:00:01Z'); // 72 hours later
    expect((await request(ctx.app).get(second.link)).status).toBe(410);
    expect((await request(ctx.app).post('/dyskusja/potwierdz').type('form').send({ t: second.token })).status).toBe(410);
    expect(await ctx.deps.db.comment.count({ where: { status: 'PUBLISHED' } })).toBe(1);
    // Garbage tokens are not even looked up.
    expect((await request(ctx.app).get('/dyskusja/potwierdz?t=abc')).status).toBe(410);
  });

  it('shows the full name only with consent, and never the e-mail address anywhere public', async () => {
    const c = await openConsultation();
    await post(DISCUSSION, { ...valid, name: 'Jan Maria Kowalski', email: 'jan.kowalski@example.net', fullName: 'tak' });
    const { token } = await confirmationLink();
    await request(ctx.app).post('/dyskusja/potwierdz').type('form').send({ t: token }).expect(303);
    smtp.clear();
    await post(DISCUSSION, { ...valid, name: 'zofia wiśniewska', email: 'zofia@example.net' });
    const second = await confirmationLink();
    await request(ctx.app).post('/dyskusja/potwierdz').type('form').send({ t: second.token }).expect(303);

    const pages = await Promise.all([DISCUSSION, '/konsultacje/aleja', '/konsultacje', `/konsultacje/aleja/dyskusja/${c.id}/zglos`].map(publicTexts));
    const $ = html(pages[0]!);
    expect($('.comment__author').map((_, a) => $(a).text()).get()).toEqual(['Jan Maria Kowalski', 'zofia W.']);
    for (const page of pages) {
      expect(page).not.toContain('jan.kowalski@example.net');
      expect(page).not.toContain('zofia@example.net');
      expect(page).not.toContain('Wiśniewska');
    }
  });

  it('keeps a fragment of the draft from ?fragment= and shows it with a link to that part', async () => {
    await openConsultation();
    const agent = request.agent(ctx.app);
    const form = html((await agent.get(`${DISCUSSION}?fragment=par-3-ust-2`)).text);
    expect(form('input[name="fragment"]').val()).toBe('par-3-ust-2');
    expect(squash(form('#fragment').text())).toContain('Komentujesz fragment projektu: par-3-ust-2.');
    const res = await submitForm(agent, `${DISCUSSION}?fragment=par-3-ust-2`, DISCUSSION, { ...valid, fragment: 'par-3-ust-2' });
    expect(res.status).toBe(303);
    const { token } = await confirmationLink();
    await request(ctx.app).post('/dyskusja/potwierdz').type('form').send({ t: token }).expect(303);
    const stored = await ctx.deps.db.comment.findFirstOrThrow();
    expect(stored.fragmentAnchor).toBe('par-3-ust-2');
    const $ = html(await publicTexts(DISCUSSION));
    expect($('.comment__fragment a').attr('href')).toBe('/konsultacje/aleja/projekt#par-3-ust-2');
    // A malformed one in the link is dropped, not shown.
    expect(html(await publicTexts(`${DISCUSSION}?fragment=%3Cscript%3E`))('input[name="fragment"]')).toHaveLength(0);
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ['the name is blank', { name: '  ' }, 'name', 'Podaj imię i nazwisko'],
    ['the name has no letters', { name: '12345' }, 'name', 'Podaj imię i nazwisko'],
    ['the name is too long', { name: 'A'.repeat(121) }, 'name', 'Tekst jest za długi (najwięcej 120 znaków)'],
    ['the e-mail is blank', { email: '' }, 'email', 'Podaj adres e-mail'],
    ['the e-mail is malformed', { email: 'anna@' }, 'email', 'Podaj adres e-mail w poprawnym formacie'],
    ['the comment is blank', { body: '   ' }, 'body', 'Wpisz treść komentarza'],
    ['the comment is too long', { body: 'x'.repeat(2001) }, 'body', 'Tekst jest za długi (najwięcej 2000 znaków)'],
    ['the RODO notice is not ticked', { rodo: '' }, 'rodo', 'Zaznacz, że zapoznałeś/aś się z klauzulą informacyjną i regulaminem'],
    ['the fragment is malformed', { fragment: '"><script>' }, 'fragment', 'Nie ma takiego fragmentu projektu'],
  ];
  it.each(cases)('re-renders the form with 422 and the message at the field when %s; nothing is stored or sent', async (_label, change, field, message) => {
    await openConsultation();
    const res = await post(DISCUSSION, { ...valid, ...change });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toContain(message);
    const $ = html(res.text);
    expect($('.error-summary a').first().attr('href')).toBe(`#${field}`);
    if (field !== 'name') expect($('#name').val()).toBe('Anna Nowak');
    if (field !== 'body') expect($('#body').text()).toBe(valid.body);
    expect(await ctx.deps.db.comment.count()).toBe(0);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(0);
  });

  it('accepts exactly 2000 characters', async () => {
    await openConsultation();
    expect((await post(DISCUSSION, { ...valid, body: 'ż'.repeat(2000) })).status).toBe(303);
  });

  it('answers 404 for a malformed or unknown slug, and for replying to a comment of another consultation', async () => {
    const other = await createConsultation(ctx.deps.db, { slug: 'inna' });
    await openConsultation();
    const foreign = await createComment(ctx.deps.db, other.id);
    expect((await request(ctx.app).get('/konsultacje/NIE_MA/dyskusja')).status).toBe(404);
    expect((await request(ctx.app).get('/konsultacje/nie-ma/dyskusja')).status).toBe(404);
    expect((await request(ctx.app).get(`${DISCUSSION}/${foreign.id}/odpowiedz`)).status).toBe(404);
    expect((await request(ctx.app).get(`${DISCUSSION}/abc/odpowiedz`)).status).toBe(404);
    expect((await post(`${DISCUSSION}/${foreign.id}/odpowiedz`, valid)).status).toBe(404);
    expect(await ctx.deps.db.comment.count()).toBe(1);
  });

  it('refuses a POST without the CSRF token', async () => {
    await openConsultation();
    expect((await request(ctx.app).post(DISCUSSION).type('form').send(valid)).status).toBe(403);
  });
});

describe('abuse controls', () => {
  it('shows residents’ markup and links as plain text, never as HTML', async () => {
    const c = await openConsultation();
    const body = '<script>alert("x")</script> **pogrubienie** [kliknij](javascript:alert(1)) https://example.com/strona <img src=x onerror=alert(1)>';
    await createComment(ctx.deps.db, c.id, { body, authorName: '<b>Ewa</b> K.' });
    const res = await request(ctx.app).get(DISCUSSION);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).not.toContain('<b>Ewa</b>');
    const $ = html(res.text);
    const comment = $('.comment').first();
    expect(comment.find('.comment__text').text()).toBe(body);
    expect(comment.find('.comment__author').text()).toBe('<b>Ewa</b> K.');
    expect(comment.find('.comment__text a, .comment__text strong, .comment__text img, .comment__text script')).toHaveLength(0);
  });

  it('answers a filled honeypot like a success, but stores and sends nothing', async () => {
    await openConsultation();
    const res = await post(DISCUSSION, { ...valid, strona_www: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/konsultacje/aleja/dyskusja/sprawdz-poczte');
    await waitForIdleQueue(ctx.deps.pool);
    expect(await ctx.deps.db.comment.count()).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('limits comments per e-mail address (per day) and per IP address (per hour), with 429 and a message', async () => {
    await openConsultation();
    expect((await post(DISCUSSION, valid)).status).toBe(303);
    expect((await post(DISCUSSION, valid)).status).toBe(303);
    const perAddress = await post(DISCUSSION, valid);
    expect(perAddress.status).toBe(429);
    expect(fieldError(perAddress.text, 'email')).toContain('Z tego adresu e-mail wysłano dziś zbyt wiele komentarzy');
    expect(html(perAddress.text)('#body').text()).toBe(valid.body);
    expect((await post(DISCUSSION, { ...valid, email: 'ktos@example.net' })).status).toBe(303);
    const perIp = await post(DISCUSSION, { ...valid, email: 'ktos-inny@example.net' });
    expect(perIp.status).toBe(429);
    expect(perIp.headers['retry-after']).toMatch(/^\d+$/);
    expect(fieldError(perIp.text, 'body')).toMatch(/Wysłano zbyt wiele komentarzy z Twojego adresu IP. Spróbuj ponownie za \d+ min./);
    expect(await ctx.deps.db.comment.count()).toBe(3);
  });
});

describe('replies and the city’s answers', () => {
  it('lets a resident reply (one level, confirmed by e-mail) and lists replies under their comment, oldest first', async () => {
    const c = await openConsultation();
    const first = await createComment(ctx.deps.db, c.id, { body: 'Pierwszy' });
    const second = await createComment(ctx.deps.db, c.id, { body: 'Drugi' });
    const replyPage = `${DISCUSSION}/${first.id}/odpowiedz`;
    const agent = request.agent(ctx.app);
    const res = await submitForm(agent, replyPage, replyPage, { ...valid, body: 'Zgadzam się' });
    expect(res.status).toBe(303);
    const { token } = await confirmationLink();
    await request(ctx.app).post('/dyskusja/potwierdz').type('form').send({ t: token }).expect(303);

    const $ = html(await publicTexts(DISCUSSION));
    const top = $('ol.comments:not(.comments--replies) > li > .comment');
    expect(top.map((_, el) => $(el).find('.comment__text').text()).get()).toEqual(['Pierwszy', 'Drugi']);
    expect($(`#komentarz-${first.id}`).parent().find('.comments--replies .comment__text').text()).toBe('Zgadzam się');
    // Replies have no reply link: one level only; replying to a reply is a 404.
    const reply = await ctx.deps.db.comment.findFirstOrThrow({ where: { parentId: first.id } });
    expect($(`#komentarz-${reply.id} a`).filter((_, a) => $(a).text().startsWith('Odpowiedz'))).toHaveLength(0);
    expect((await request(ctx.app).get(`${DISCUSSION}/${reply.id}/odpowiedz`)).status).toBe(404);
    expect(second.id).toBeGreaterThan(first.id);
  });

  it('publishes an answer of the department’s staff at once, marked "Odpowiedź Urzędu", audit-logged', async () => {
    const department = await createDepartment(ctx.deps.db, { name: 'Miejski Zarząd Dróg i Transportu' });
    const c = await openConsultation({ departmentId: department.id });
    const first = await createComment(ctx.deps.db, c.id);
    const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'mzdit@example.org', name: 'Piotr Kowalski' });
    const agent = await loginAs(ctx.app, staff.email);
    const replyPage = `${DISCUSSION}/${first.id}/odpowiedz`;
    const form = html((await agent.get(replyPage)).text);
    expect(form('input[name="email"]')).toHaveLength(0);
    const res = await submitForm(agent, replyPage, replyPage, { body: 'Dziękujemy, ławki są w planie na 2027 r.' });
    expect(res.status).toBe(303);
    const answer = await ctx.deps.db.comment.findFirstOrThrow({ where: { official: true } });
    expect(res.headers.location).toBe(`${DISCUSSION}#komentarz-${answer.id}`);
    expect(answer).toMatchObject({ status: 'PUBLISHED', email: null, userId: staff.id, authorName: 'Miejski Zarząd Dróg i Transportu' });
    const $ = html(await publicTexts(DISCUSSION));
    const shown = $(`#komentarz-${answer.id}`);
    expect(shown.find('.tag--official').text()).toBe('Odpowiedź Urzędu');
    expect(shown.text()).not.toContain('Piotr Kowalski');
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'comment.answer', userId: staff.id, entityId: String(answer.id) } })).toBe(1);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(0);

    const empty = await submitForm(agent, replyPage, replyPage, { body: '' });
    expect(empty.status).toBe(422);
    expect(fieldError(empty.text, 'body')).toContain('Wpisz treść komentarza');
  });

  it('treats staff of another department, councillors and moderators as residents (e-mail confirmation)', async () => {
    const c = await openConsultation();
    const first = await createComment(ctx.deps.db, c.id);
    for (const role of ['DEPARTMENT_STAFF', 'COUNCILLOR', 'MODERATOR'] as const) {
      const user = await createUser(ctx.deps.db, { role });
      const agent = await loginAs(ctx.app, user.email);
      const replyPage = `${DISCUSSION}/${first.id}/odpowiedz`;
      expect(html((await agent.get(replyPage)).text)('input[name="email"]')).toHaveLength(1);
      const res = await submitForm(agent, replyPage, replyPage, { body: 'Odpowiedź bez e-maila' });
      expect(res.status).toBe(422);
      expect(fieldError(res.text, 'email')).toContain('Podaj adres e-mail');
    }
    expect(await ctx.deps.db.comment.count({ where: { official: true } })).toBe(0);
  });
});

describe('a consultation that is not open', () => {
  it.each([
    ['planned', { startsAt: new Date('2026-12-10T00:00:00Z'), endsAt: new Date('2026-12-30T00:00:00Z'), publishedAt: new Date('2026-11-20T00:00:00Z') }, 'Komentowanie będzie możliwe od 10 grudnia 2026'],
    ['closed', { startsAt: new Date('2026-10-01T00:00:00Z'), endsAt: new Date('2026-11-01T00:00:00Z') }, 'nie można już dodawać komentarzy'],
  ] as const)('shows no form when %s and refuses comments, replies and answers with 409 and a message', async (_label, dates, notice) => {
    const department = await createDepartment(ctx.deps.db);
    const c = await openConsultation({ ...dates, departmentId: department.id });
    const existing = await createComment(ctx.deps.db, c.id);
    const page = html(await publicTexts(DISCUSSION));
    expect(page('form.comment-form')).toHaveLength(0);
    expect(squash(page('#dodaj-komentarz').parent().text())).toContain(notice);
    expect(page('a').filter((_, a) => page(a).text().startsWith('Odpowiedz'))).toHaveLength(0);

    const refused = await post(DISCUSSION, valid);
    expect(refused.status).toBe(409);
    expect(html(refused.text)('main').text()).toContain('Ta konsultacja nie trwa');
    expect((await post(`${DISCUSSION}/${existing.id}/odpowiedz`, valid)).status).toBe(409);
    const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
    const agent = await loginAs(ctx.app, staff.email);
    expect((await submitForm(agent, '/panel', `${DISCUSSION}/${existing.id}/odpowiedz`, { body: 'Odpowiedź' })).status).toBe(409);
    expect(await ctx.deps.db.comment.count()).toBe(1);
  });

  it('keeps the discussion of drafts private (404)', async () => {
    await openConsultation({ publishedAt: null });
    expect((await request(ctx.app).get(DISCUSSION)).status).toBe(404);
    const agent = request.agent(ctx.app);
    const token = await csrfToken(agent, '/powiadomienia');
    expect((await agent.post(DISCUSSION).type('form').send({ _csrf: token, ...valid })).status).toBe(404);
  });
});

describe('the list', () => {
  it('pages top-level comments 20 at a time, oldest first, with their replies and hidden ones in place', async () => {
    const c = await openConsultation();
    const tops = [];
    for (let i = 1; i <= 23; i++) tops.push(await createComment(ctx.deps.db, c.id, { body: `Komentarz ${i}` }));
    await createComment(ctx.deps.db, c.id, { parentId: tops[21]!.id, body: 'Odpowiedź na 22' });
    await createComment(ctx.deps.db, c.id, { status: 'HIDDEN', hiddenReason: 'Obraźliwe słowa', body: 'Brzydki tekst' });
    await createComment(ctx.deps.db, c.id, { status: 'PENDING', body: 'Czeka' });
    await createComment(ctx.deps.db, c.id, { status: 'UNCONFIRMED', body: 'Niepotwierdzony', email: 'x@example.net' });

    const first = html(await publicTexts(DISCUSSION));
    expect(first('ol.comments:not(.comments--replies) > li > .comment')).toHaveLength(20);
    expect(first('ol.comments:not(.comments--replies) > li > .comment .comment__text').first().text()).toBe('Komentarz 1');
    expect(first('.pagination a[rel="next"]').attr('href')).toBe(`${DISCUSSION}?strona=2`);
    expect(squash(first('#komentarze').parent().find('p.muted').first().text())).toBe('Od najstarszych. Łącznie: 24.');

    const second = await publicTexts(`${DISCUSSION}?strona=2`);
    const $ = html(second);
    expect($('ol.comments:not(.comments--replies) > li > .comment .comment__text').map((_, el) => $(el).text()).get()).toEqual([
      'Komentarz 21',
      'Komentarz 22',
      'Komentarz 23',
      'Komentarz ukryty przez moderatora. Powód: Obraźliwe słowa',
    ]);
    expect($('.comments--replies .comment__text').text()).toBe('Odpowiedź na 22');
    expect(second).not.toContain('Brzydki tekst');
    expect(second).not.toContain('Czeka');
    expect(second).not.toContain('Niepotwierdzony');
  });
});

describe('database work per page', () => {
  it('does not grow with the number of comments and replies (no query per comment)', async () => {
    const c = await openConsultation();
    const app = countingApp(ctx.deps);
    const paths = [DISCUSSION, `${DISCUSSION}?strona=2`, '/konsultacje/aleja'];
    const add = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const top = await createComment(ctx.deps.db, c.id);
        await createComment(ctx.deps.db, c.id, { parentId: top.id });
        await createComment(ctx.deps.db, c.id, { parentId: top.id, official: true });
      }
    };
    await add(21);
    const few = await app.count(paths);
    await add(40);
    expect(await app.count(paths)).toEqual(few);
    // Measured: the consultation, then the count, the page of comments and their replies.
    expect(few[DISCUSSION]).toBe(4);
  });
});
