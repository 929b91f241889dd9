// Participation rules: open (any number of times), one per browser (signed cookie, per-IP limit), one per
// verified e-mail (a one-time link sent through the mail queue over real SMTP; only a keyed HMAC of the
// address stays). Also the quick poll: one click, results right after.
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';
import { csrfToken, fieldError, html } from '../helpers/http.js';
import { clearJobs, linkTo, startTestSmtp, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';
import { createSurvey, postSurvey } from '../helpers/survey-factories.js';

const smtp = await startTestSmtp();
const ctx = useTestApp({ SMTP_URL: smtp.url, BASE_URL: 'https://konsultacje.example.org' }, { jobOptions: TEST_JOB_OPTIONS });

beforeAll(async () => {
  await startJobs(ctx.deps);
});
beforeEach(async () => {
  ctx.clock.set('2026-11-24T10:00:00Z');
  await clearJobs(ctx.deps.pool);
  smtp.clear();
});
afterAll(() => smtp.stop());

const oneQuestion = (participation: 'OPEN' | 'ONE_PER_BROWSER' | 'ONE_PER_EMAIL') =>
  createSurvey(ctx.deps.db, { title: 'Ławki na Promenadzie', participation, questions: [{ type: 'SINGLE', text: 'Czy potrzebne są nowe ławki?', required: true, options: ['Tak', 'Nie'] }] });

describe('one response per browser', () => {
  it('stores the first response, then says the browser has answered and refuses a second one', async () => {
    const survey = await oneQuestion('ONE_PER_BROWSER');
    const url = `/ankiety/${survey.id}`;
    const field = `q${survey.questions[0]!.id}`;
    const browser = request.agent(ctx.app);
    const first = await postSurvey(browser, url, url, { [field]: String(survey.questions[0]!.options[0]!.id) });
    expect(first.status).toBe(303);
    expect(String(first.headers['set-cookie'])).toMatch(/ankiety=[\w-]{22}\.[0-9a-f]{32}; Max-Age=\d+; Path=\/ankiety; Expires=.*; HttpOnly; SameSite=Lax/);

    const again = await browser.get(url).expect(200);
    expect(html(again.text)('.notice').text()).toContain('Z tej przeglądarki wypełniono już tę ankietę.');
    expect(html(again.text)('form.survey-form').length).toBe(0);

    // A second submission (a form kept open in another tab) writes nothing.
    const token = await csrfToken(browser, '/powiadomienia');
    const second = await browser.post(url).type('form').send({ _csrf: token, [field]: String(survey.questions[0]!.options[1]!.id) });
    expect(second.status).toBe(409);
    expect(html(second.text)('main').text()).toContain('Z tej przeglądarki wypełniono już tę ankietę. Nie zapisaliśmy odpowiedzi drugi raz.');
    expect(await ctx.deps.db.surveyResponse.count()).toBe(1);
    expect(await ctx.deps.db.surveyAnswer.count()).toBe(1);

    // Another browser may answer; the stored key is a keyed hash, not the cookie's id.
    const other = await postSurvey(request.agent(ctx.app), url, url, { [field]: String(survey.questions[0]!.options[1]!.id) });
    expect(other.status).toBe(303);
    const keys = await ctx.deps.db.surveyResponse.findMany({ select: { browserKey: true, emailKey: true } });
    expect(keys.map((k) => k.browserKey)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(String(first.headers['set-cookie'])).not.toContain(keys[0]!.browserKey!);
  });

  it('ignores a cookie whose signature was tampered with (a new browser id is issued)', async () => {
    const survey = await oneQuestion('ONE_PER_BROWSER');
    const url = `/ankiety/${survey.id}`;
    const field = `q${survey.questions[0]!.id}`;
    const browser = request.agent(ctx.app);
    expect((await postSurvey(browser, url, url, { [field]: String(survey.questions[0]!.options[0]!.id) })).status).toBe(303);
    const forged = request.agent(ctx.app);
    const page = await forged.get(url).set('Cookie', 'ankiety=AAAAAAAAAAAAAAAAAAAAAA.00000000000000000000000000000000').expect(200);
    expect(html(page.text)('form.survey-form').length).toBe(1);
  });

  it('limits how many responses one network address may send to a survey (cleared cookies)', async () => {
    const survey = await oneQuestion('ONE_PER_BROWSER');
    const url = `/ankiety/${survey.id}`;
    const field = `q${survey.questions[0]!.id}`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await postSurvey(request.agent(ctx.app), url, url, { [field]: String(survey.questions[0]!.options[0]!.id) })).status);
    expect(statuses.slice(0, 30).every((s) => s === 303)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(await ctx.deps.db.surveyResponse.count()).toBe(30);
  });
});

describe('open participation', () => {
  it('takes any number of responses from the same browser', async () => {
    const survey = await oneQuestion('OPEN');
    const url = `/ankiety/${survey.id}`;
    const browser = request.agent(ctx.app);
    for (let i = 0; i < 3; i++) expect((await postSurvey(browser, url, url, { [`q${survey.questions[0]!.id}`]: String(survey.questions[0]!.options[0]!.id) })).status).toBe(303);
    expect(await ctx.deps.db.surveyResponse.count()).toBe(3);
    expect(await ctx.deps.db.surveyResponse.count({ where: { browserKey: null, emailKey: null } })).toBe(3);
  });
});

describe('one response per verified e-mail', () => {
  it('sends a one-time link, forgets the address, opens the form once and refuses the link replayed', async () => {
    const survey = await oneQuestion('ONE_PER_EMAIL');
    const url = `/ankiety/${survey.id}`;
    const field = `q${survey.questions[0]!.id}`;
    const page = await request(ctx.app).get(url).expect(200);
    expect(html(page.text)('form.survey-form').length).toBe(0);
    expect(html(page.text)('label[for="email"]').text()).toBe('Adres e-mail');

    const bad = await postSurvey(request.agent(ctx.app), url, `${url}/e-mail`, { email: 'nie-adres' });
    expect(bad.status).toBe(422);
    expect(fieldError(bad.text, 'email')).toMatch(/^Błąd: /);

    const sent = await postSurvey(request.agent(ctx.app), url, `${url}/e-mail`, { email: 'Jan.Kowalski@example.org' });
    expect(sent.status).toBe(200);
    expect(html(sent.text)('h1').text()).toBe('Sprawdź skrzynkę e-mail');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['jan.kowalski@example.org']);
    expect(mail!.parsed.subject).toBe('Link do ankiety: Ławki na Promenadzie');
    const link = linkTo(mail!, `/ankiety/${survey.id}/e-mail/`);
    await waitForIdleQueue(ctx.deps.pool);

    // Only the keyed hash of the address is left in our tables.
    const { rows } = await ctx.deps.pool.query(`SELECT row_to_json(t)::text AS row FROM survey_email_token t`);
    expect(rows).toHaveLength(1);
    expect(rows[0].row).not.toMatch(/kowalski/i);

    const resident = request.agent(ctx.app);
    const form = await resident.get(link).expect(200);
    expect(html(form.text)('form.survey-form input[name="token"]').length).toBe(1);
    const answered = await postSurvey(resident, link, url, { token: link.split('/').pop()!, [field]: String(survey.questions[0]!.options[0]!.id) });
    expect(answered.status).toBe(303);
    const response = await ctx.deps.db.surveyResponse.findFirstOrThrow({ select: { emailKey: true, browserKey: true } });
    expect(response.emailKey).toMatch(/^[0-9a-f]{64}$/);
    expect(response.browserKey).toBeNull();

    // The link is spent: opening it again or sending the form again is refused and writes nothing.
    const replay = await request(ctx.app).get(link);
    expect(replay.status).toBe(409);
    expect(html(replay.text)('main').text()).toContain('Ten link został już wykorzystany');
    const token = await csrfToken(resident, url);
    const resent = await resident.post(url).type('form').send({ _csrf: token, token: link.split('/').pop(), [field]: String(survey.questions[0]!.options[1]!.id) });
    expect(resent.status).toBe(409);
    expect(await ctx.deps.db.surveyResponse.count()).toBe(1);

    // The same address asking again gets no second link (the page says the same to anyone).
    smtp.clear();
    const again = await postSurvey(request.agent(ctx.app), url, `${url}/e-mail`, { email: 'jan.kowalski@example.org' });
    expect(html(again.text)('h1').text()).toBe('Sprawdź skrzynkę e-mail');
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses a submission without a link, with a made-up token, or with an expired link', async () => {
    const survey = await oneQuestion('ONE_PER_EMAIL');
    const url = `/ankiety/${survey.id}`;
    const field = `q${survey.questions[0]!.id}`;
    const answer = String(survey.questions[0]!.options[0]!.id);
    const none = await postSurvey(request.agent(ctx.app), url, url, { [field]: answer });
    expect(none.status).toBe(409);
    const madeUp = await postSurvey(request.agent(ctx.app), url, url, { token: 'A'.repeat(43), [field]: answer });
    expect(madeUp.status).toBe(409);
    await request(ctx.app).get(`${url}/e-mail/${'A'.repeat(43)}`).expect(404);

    expect((await postSurvey(request.agent(ctx.app), url, `${url}/e-mail`, { email: 'ewa@example.org' })).status).toBe(200);
    const [mail] = await smtp.waitFor(1);
    const link = linkTo(mail!, `/ankiety/${survey.id}/e-mail/`);
    ctx.clock.set('2026-11-25T11:00:00Z'); // 25 hours later
    const expired = await request(ctx.app).get(link);
    expect(expired.status).toBe(409);
    expect(html(expired.text)('main').text()).toContain('Ten link wygasł');
    expect(await ctx.deps.db.surveyResponse.count()).toBe(0);
  });
});

describe('a quick poll', () => {
  it('takes a vote with one button and shows the results right after', async () => {
    const poll = await createSurvey(ctx.deps.db, { kind: 'POLL', title: 'Sonda', participation: 'ONE_PER_BROWSER', resultsVisibility: 'LIVE', onHomePage: true, questions: [{ type: 'SINGLE', text: 'Czy Aleje NMP powinny być deptakiem?', required: true, options: ['Tak', 'Nie', 'Nie mam zdania'] }] });
    const q = poll.questions[0]!;
    const voter = request.agent(ctx.app);
    const home = await voter.get('/').expect(200);
    const $ = html(home.text);
    expect($('#sonda legend').text()).toBe('Czy Aleje NMP powinny być deptakiem?');
    expect($('#sonda button[type="submit"]').map((_, b) => $(b).text()).get()).toEqual(['Tak', 'Nie', 'Nie mam zdania']);
    expect($('#sonda form').attr('action')).toBe(`/ankiety/${poll.id}`);

    const vote = await voter.post(`/ankiety/${poll.id}`).type('form').send({ _csrf: $('#sonda input[name="_csrf"]').val(), [`q${q.id}`]: String(q.options[1]!.id) });
    expect(vote.status).toBe(303);
    expect(vote.headers.location).toBe(`/ankiety/${poll.id}/wyniki`);
    const results = await voter.get(vote.headers.location!).expect(200);
    expect(html(results.text)('.flash, [role="status"]').text()).toContain('Dziękujemy, Twój głos został zapisany.');
    // Fewer than five votes: the numbers are not shown yet.
    expect(html(results.text)('.survey-result .notice').text()).toContain('mniej niż 5 osób');
  });

  it('keeps the thank-you message for the results page when a favicon, a feed and a missing page are fetched in between', async () => {
    const poll = await createSurvey(ctx.deps.db, { kind: 'POLL', title: 'Sonda', participation: 'OPEN', resultsVisibility: 'LIVE', onHomePage: true, questions: [{ type: 'SINGLE', text: 'Ławki przy Warcie?', required: true, options: ['Tak', 'Nie'] }] });
    const q = poll.questions[0]!;
    const voter = request.agent(ctx.app);
    const $ = html((await voter.get('/').expect(200)).text);
    const vote = await voter.post(`/ankiety/${poll.id}`).type('form').send({ _csrf: $('#sonda input[name="_csrf"]').val(), [`q${q.id}`]: String(q.options[0]!.id) });
    expect(vote.status).toBe(303);
    // What a browser may ask for before the next page: none of it shows the message, so none takes it.
    await voter.get('/favicon.ico').expect(404);
    await voter.get('/aktualnosci.rss').expect(200);
    await voter.get('/nie-ma-takiej-strony').expect(404);
    const results = await voter.get(vote.headers.location!).expect(200);
    expect(html(results.text)('.flash, [role="status"]').text()).toContain('Dziękujemy, Twój głos został zapisany.');
    // Shown once: the next page has no message.
    const again = await voter.get(vote.headers.location!).expect(200);
    expect(html(again.text)('[role="status"]').text()).not.toContain('Dziękujemy');
  });
});
