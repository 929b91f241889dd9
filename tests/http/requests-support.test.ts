// Supporting a residents' request online, end to end: the form, the confirmation e-mail read from a
// real SMTP server, the button page, one support per address, the address forgotten after confirmation.
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_JOBS } from '../../src/features/requests/requests.jobs.js';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';
import { createDistrict } from '../helpers/factories.js';
import { csrfToken, fieldError, html } from '../helpers/http.js';
import { clearJobs, linkTo, startTestSmtp, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';

const smtp = await startTestSmtp();
const ctx = useTestApp({ SMTP_URL: smtp.url, BASE_URL: 'https://konsultacje.example.org', REQUEST_SUPPORT_THRESHOLD: '3' }, { jobOptions: TEST_JOB_OPTIONS });
const NOW = new Date('2026-11-24T10:00:00Z');

beforeAll(async () => {
  await startJobs(ctx.deps);
});
beforeEach(async () => {
  ctx.clock.set(NOW);
  await clearJobs(ctx.deps.pool);
  smtp.clear();
});
afterAll(() => smtp.stop());

function createRequest(data: Partial<{ origin: 'RESIDENTS' | 'DISTRICT_COUNCIL'; districtId: number; state: 'SUBMITTED' | 'REJECTED' }> = {}) {
  const rejected = data.state === 'REJECTED';
  return ctx.deps.db.consultationRequest.create({
    data: { origin: data.origin ?? 'RESIDENTS', districtId: data.districtId ?? null, title: 'Skwer przy ul. Kilińskiego', justification: 'J.', scope: 'S.', state: data.state ?? 'SUBMITTED', answer: rejected ? 'Nie.' : '', answeredAt: rejected ? NOW : null, submittedAt: NOW },
  });
}

const SUPPORTER = { name: 'Jan Popierający', email: 'Jan.Popierajacy@Example.org', declaration: 'tak', rodo: 'tak' };

async function support(id: number, fields: Record<string, string>) {
  const agent = request.agent(ctx.app);
  // Any form gives the session's token; a council's request page has no support form.
  const token = await csrfToken(agent, '/wnioski/nowy');
  return agent.post(`/wnioski/${id}/poparcie`).type('form').send({ _csrf: token, ...fields });
}

/** Opens the link from the e-mail, then presses the button on that page, like a resident. */
async function confirmThroughLink(link: string) {
  const agent = request.agent(ctx.app);
  const page = await agent.get(link);
  if (page.status !== 200 || html(page.text)('form button').length === 0) return page;
  const $ = html(page.text);
  return agent.post($('main form').attr('action')!).type('form').send({ _csrf: $('input[name="_csrf"]').val(), t: $('input[name="t"]').val() });
}

async function supporters(id: number) {
  return html((await request(ctx.app).get(`/wnioski/${id}`).expect(200)).text)('.request-facts').text().replace(/\s+/g, ' ');
}

describe('supporting a residents’ request', () => {
  it('sends a confirmation link; only the button counts the support; the address is then forgotten and only the count is public', async () => {
    const r = await createRequest();
    const res = await support(r.id, SUPPORTER);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/wnioski/${r.id}/poparcie/sprawdz-poczte`);
    expect(html((await request(ctx.app).get(res.headers.location!).expect(200)).text)('h1').text()).toBe('Sprawdź swoją skrzynkę');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['jan.popierajacy@example.org']);
    expect(mail!.parsed.subject).toBe('Potwierdź poparcie wniosku: Skwer przy ul. Kilińskiego');
    expect(await supporters(r.id)).toContain('Poparcie: 0 z 3');

    const link = linkTo(mail!, '/wnioski/poparcie/potwierdz');
    // Opening the link changes nothing (mail scanners open links).
    expect(html((await request(ctx.app).get(link).expect(200)).text)('h1').text()).toBe('Potwierdź poparcie wniosku');
    expect(await ctx.deps.db.requestSupport.count({ where: { confirmedAt: { not: null } } })).toBe(0);

    const confirmed = await confirmThroughLink(link);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe(`/wnioski/${r.id}`);
    expect(await supporters(r.id)).toContain('Poparcie: 1 z 3 wymaganych podpisów (1 online, 0 na listach papierowych)');
    const stored = await ctx.deps.db.requestSupport.findFirstOrThrow();
    expect(stored.email).toBeNull();
    expect(stored.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('popierajacy');
    const page = (await request(ctx.app).get(`/wnioski/${r.id}`).expect(200)).text;
    expect(page).not.toContain('Popierający');
  });

  it('counts a replayed confirmation link once and says so', async () => {
    const r = await createRequest();
    await support(r.id, SUPPORTER);
    const [mail] = await smtp.waitFor(1);
    const link = linkTo(mail!, '/wnioski/poparcie/potwierdz');
    expect((await confirmThroughLink(link)).status).toBe(303);
    const again = await request(ctx.app).get(link).expect(200);
    expect(html(again.text)('h1').text()).toBe('Poparcie zostało już potwierdzone');
    // A direct POST with the same token (a second click on a stale page) counts nothing either.
    const agent = request.agent(ctx.app);
    const token = await csrfToken(agent, `/wnioski/${r.id}`);
    const replay = await agent.post('/wnioski/poparcie/potwierdz').type('form').send({ _csrf: token, t: new URL(link, 'http://x').searchParams.get('t') });
    expect(replay.status).toBe(200);
    expect(await ctx.deps.db.requestSupport.count({ where: { confirmedAt: { not: null } } })).toBe(1);
  });

  it('refuses a second support from the same address (any letter case) with a clear message, and sends nothing', async () => {
    const r = await createRequest();
    await support(r.id, SUPPORTER);
    const [mail] = await smtp.waitFor(1);
    await confirmThroughLink(linkTo(mail!, '/wnioski/poparcie/potwierdz'));
    await waitForIdleQueue(ctx.deps.pool);
    smtp.clear();
    const second = await support(r.id, { ...SUPPORTER, name: 'Inne Imię', email: 'jan.popierajacy@example.org' });
    expect(second.status).toBe(422);
    expect(fieldError(second.text, 'email')).toContain('Ten adres e-mail już poparł ten wniosek');
    expect(html(second.text)('#name').val()).toBe('Inne Imię');
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(0);
    expect(await ctx.deps.db.requestSupport.count()).toBe(1);
    // The same address may support another request.
    const other = await createRequest();
    expect((await support(other.id, SUPPORTER)).status).toBe(303);
  });

  it('lets an unconfirmed support ask again: the newest link works, the older one no longer does', async () => {
    const r = await createRequest();
    await support(r.id, SUPPORTER);
    const [first] = await smtp.waitFor(1);
    await support(r.id, SUPPORTER);
    const mails = await smtp.waitFor(2);
    const oldLink = linkTo(first!, '/wnioski/poparcie/potwierdz');
    const newLink = linkTo(mails[1]!, '/wnioski/poparcie/potwierdz');
    expect((await request(ctx.app).get(oldLink)).status).toBe(410);
    expect((await confirmThroughLink(newLink)).status).toBe(303);
    expect(await ctx.deps.db.requestSupport.count()).toBe(1);
  });

  it('answers 410 for an expired, unknown or malformed link, and deletes expired supports at night', async () => {
    const r = await createRequest();
    await support(r.id, SUPPORTER);
    const [mail] = await smtp.waitFor(1);
    const link = linkTo(mail!, '/wnioski/poparcie/potwierdz');
    await request(ctx.app).get('/wnioski/poparcie/potwierdz?t=abc').expect(410);
    await request(ctx.app).get(`/wnioski/poparcie/potwierdz?t=${'A'.repeat(43)}`).expect(410);
    await request(ctx.app).get('/wnioski/poparcie/potwierdz').expect(410);
    ctx.clock.set(new Date(NOW.getTime() + 8 * 86_400_000));
    expect(html((await request(ctx.app).get(link).expect(410)).text)('h1').text()).toBe('Ten link już nie działa');
    await ctx.deps.jobs.send({ name: REQUEST_JOBS.cleanup, data: {} });
    await waitForIdleQueue(ctx.deps.pool);
    expect(await ctx.deps.db.requestSupport.count()).toBe(0);
  });

  const BAD: [string, Record<string, string>, string][] = [
    ['name', { name: ' ' }, 'Podaj imię i nazwisko'],
    ['name', { name: 'x'.repeat(201) }, 'Tekst jest za długi (najwięcej 200 znaków)'],
    ['email', { email: '' }, 'Podaj adres e-mail'],
    ['email', { email: 'jan@' }, 'Podaj adres e-mail w poprawnym formacie'],
    ['declaration', { declaration: '' }, 'Potwierdź, że jesteś mieszkańcem lub mieszkanką Częstochowy'],
    ['rodo', { rodo: 'tak?' }, 'Potwierdź, że znasz klauzulę informacyjną'],
  ];
  for (const [field, change, message] of BAD) {
    it(`re-renders the request page with "${message}" at ${field} (422), writing and sending nothing`, async () => {
      const r = await createRequest();
      const res = await support(r.id, { ...SUPPORTER, ...change });
      expect(res.status).toBe(422);
      expect(fieldError(res.text, field)).toContain(message);
      expect(html(res.text)('h1').text()).toBe('Skwer przy ul. Kilińskiego');
      expect(await ctx.deps.db.requestSupport.count()).toBe(0);
      await waitForIdleQueue(ctx.deps.pool);
      expect(smtp.received).toHaveLength(0);
    });
  }

  it('takes no support for a council’s request (404) or a decided one (409)', async () => {
    const district = await createDistrict(ctx.deps.db);
    const council = await createRequest({ origin: 'DISTRICT_COUNCIL', districtId: district.id });
    expect((await support(council.id, SUPPORTER)).status).toBe(404);
    const rejected = await createRequest({ state: 'REJECTED' });
    expect(html((await request(ctx.app).get(`/wnioski/${rejected.id}`).expect(200)).text)('form[action$="/poparcie"]').length).toBe(0);
    expect((await support(rejected.id, SUPPORTER)).status).toBe(409);
    expect(await ctx.deps.db.requestSupport.count()).toBe(0);
  });

  it('drops a robot’s support (honeypot) without writing or sending', async () => {
    const r = await createRequest();
    expect((await support(r.id, { ...SUPPORTER, strona_www: 'x' })).status).toBe(303);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(0);
    expect(await ctx.deps.db.requestSupport.count()).toBe(0);
  });
});
