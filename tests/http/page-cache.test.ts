// HTTP caching of public pages (docs/decisions.md 36): 304 for an unchanged page, never a cached page
// for a signed-in user, a one-time message or a form token, and never a stale page after an edit or
// when a scheduled moment passes.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDistrict, createUser } from '../helpers/factories.js';
import { csrfFrom, html, loginAs, submitForm } from '../helpers/http.js';
import { createNews } from '../helpers/news-factories.js';

const ctx = useTestApp();

const titleOf = (text: string) => html(text)('h1').first().text().trim();
const statusOf = (text: string) => html(text)('.meta .tag').first().text().trim();
const listed = (text: string) => html(text)('main a').map((_, a) => html(text)(a).text().trim()).get();

describe('public pages for anonymous visitors', () => {
  let districtId: number;
  beforeEach(async () => {
    ctx.clock.set('2026-11-24T10:00:00Z');
    districtId = (await createDistrict(ctx.deps.db, { slug: 'rakow', name: 'Raków' })).id;
    await createUser(ctx.deps.db, { role: 'COUNCILLOR', districtId, email: 'radna@example.org' });
  });

  it('answers a repeated visit with 304 while nothing changed, and with the new page once staff edit it', async () => {
    const news = await createNews(ctx.deps.db, { title: 'Remont ulicy Limanowskiego', districtId, publishedAt: new Date('2026-11-20T08:00:00Z') });
    const first = await request(ctx.app).get(`/aktualnosci/${news.slug}`).expect(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.vary).toContain('Cookie');
    expect(first.headers['set-cookie']).toBeUndefined();
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\/"/);

    const again = await request(ctx.app).get(`/aktualnosci/${news.slug}`).set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers['x-page-cache']).toBe('hit');
    const plain = await request(ctx.app).get(`/aktualnosci/${news.slug}`).expect(200);
    expect(plain.text).toBe(first.text);

    const councillor = await loginAs(ctx.app, 'radna@example.org');
    const saved = await submitForm(councillor, `/panel/aktualnosci/${news.id}`, `/panel/aktualnosci/${news.id}`, { title: 'Remont ulicy Limanowskiego przesunięty', lead: '', bodyMd: 'Nowy termin.', districtId: String(districtId), action: 'zapisz' });
    expect(saved.status).toBe(303);

    const changed = await request(ctx.app).get(`/aktualnosci/${news.slug}`).set('If-None-Match', etag).expect(200);
    expect(titleOf(changed.text)).toBe('Remont ulicy Limanowskiego przesunięty');
    expect(changed.headers.etag).not.toBe(etag);
    const list = await request(ctx.app).get('/aktualnosci').expect(200);
    expect(list.text).toContain('Remont ulicy Limanowskiego przesunięty');
  });

  it('answers If-Modified-Since with 304 only for a page not changed since', async () => {
    const news = await createNews(ctx.deps.db, { title: 'Dyżur radnych', districtId, publishedAt: new Date('2026-11-20T08:00:00Z') });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Last-Modified is sent once its second is over
    const first = await request(ctx.app).get('/aktualnosci').expect(200);
    const lastModified = first.headers['last-modified']!;
    expect(Date.parse(lastModified)).toBeGreaterThan(0);
    await request(ctx.app).get('/aktualnosci').set('If-Modified-Since', lastModified).expect(304);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await ctx.deps.db.news.update({ where: { id: news.id }, data: { title: 'Dyżur radnych odwołany' } });
    const changed = await request(ctx.app).get('/aktualnosci').set('If-Modified-Since', lastModified).expect(200);
    expect(changed.text).toContain('Dyżur radnych odwołany');
  });

  it('shows what was scheduled once its time comes, with no write in between', async () => {
    await createNews(ctx.deps.db, { title: 'Zaproszenie na sesję rady dzielnicy', districtId, publishedAt: new Date('2026-11-24T12:00:00Z') });
    const planned = await createConsultation(ctx.deps.db, { title: 'Park nad Wartą', startsAt: new Date('2026-11-24T11:00:00Z'), publishedAt: new Date('2026-11-20T08:00:00Z') });
    for (let i = 0; i < 2; i++) {
      expect((await request(ctx.app).get('/aktualnosci').expect(200)).text).not.toContain('Zaproszenie na sesję rady dzielnicy');
      expect(statusOf((await request(ctx.app).get(`/konsultacje/${planned.slug}`).expect(200)).text)).toBe('Planowane');
    }
    ctx.clock.set('2026-11-24T11:00:00Z');
    expect(statusOf((await request(ctx.app).get(`/konsultacje/${planned.slug}`).expect(200)).text)).toBe('Trwające');
    expect((await request(ctx.app).get('/aktualnosci').expect(200)).text).not.toContain('Zaproszenie na sesję rady dzielnicy');
    ctx.clock.set('2026-11-24T12:00:00Z');
    expect((await request(ctx.app).get('/aktualnosci').expect(200)).text).toContain('Zaproszenie na sesję rady dzielnicy');
  });

  it('never lets a cache keep a signed-in user\'s page, nor the page that shows a one-time message', async () => {
    await request(ctx.app).get('/').expect(200); // kept for anonymous visitors
    const councillor = await loginAs(ctx.app, 'radna@example.org');
    const signedIn = await councillor.get('/').expect(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    expect(signedIn.headers['x-page-cache']).toBeUndefined();
    expect(html(signedIn.text)('form[action="/wyloguj"]').length).toBe(1);

    const token = csrfFrom(signedIn.text);
    await councillor.post('/wyloguj').type('form').send({ _csrf: token }).expect(303);
    const farewell = await councillor.get('/').expect(200);
    expect(farewell.text).toContain('Wylogowano');
    expect(farewell.headers['cache-control']).toBe('no-store');
    const next = await councillor.get('/').expect(200);
    expect(next.text).not.toContain('Wylogowano');
    // Still carrying a session cookie: only the browser may keep it, and must ask again.
    expect(next.headers['cache-control']).toBe('private, no-cache');
    for (const path of ['/panel', '/logowanie']) expect((await request(ctx.app).get(path)).headers['cache-control'], path).toBe('no-store');
  });

  it('gives each visitor a form with their own CSRF token, from a page kept once for all', async () => {
    const c = await createConsultation(ctx.deps.db, { title: 'Zieleń na Rakowie' });
    const path = `/konsultacje/${c.slug}/dyskusja`;
    const [anna, jan] = [request.agent(ctx.app), request.agent(ctx.app)];
    const pageA = await anna.get(path).expect(200);
    const pageB = await jan.get(path).expect(200);
    expect(pageB.headers['x-page-cache']).toBe('hit');
    for (const page of [pageA, pageB]) {
      expect(page.headers['cache-control']).toBe('no-store');
      // The token comes in a cookie of its own: reading the page starts no session (docs/decisions.md 49).
      expect(String(page.headers['set-cookie'])).toContain('konsultacje.csrf=');
      expect(String(page.headers['set-cookie'])).not.toContain('konsultacje.sid');
    }
    expect(await ctx.deps.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM session`).toEqual([{ n: 0 }]);
    const [tokenA, tokenB] = [csrfFrom(pageA.text), csrfFrom(pageB.text)];
    expect(tokenA).not.toBe(tokenB);
    expect(pageA.text.replace(tokenA, '')).toBe(pageB.text.replace(tokenB, ''));
    expect(pageA.text).not.toContain('csrf-placeholder');

    const fields = { authorName: 'Anna', email: 'anna@example.org', body: 'Więcej drzew, proszę.', rodo: 'tak' };
    // Another visitor's token is refused; one's own is accepted (the form's answer, whatever it says, is not the 403 page).
    await anna.post(path).type('form').send({ _csrf: tokenB, ...fields }).expect(403);
    const own = await anna.post(path).type('form').send({ _csrf: tokenA, ...fields });
    expect(own.status).not.toBe(403);
  });

  it('keeps a page per language and display setting, and the links of each', async () => {
    const polish = await request(ctx.app).get('/konsultacje').expect(200);
    const english = await request(ctx.app).get('/konsultacje').set('Cookie', 'lang=en').expect(200);
    const contrast = await request(ctx.app).get('/konsultacje').set('Cookie', 'kontrast=wysoki').expect(200);
    expect(html(polish.text)('html').attr('lang')).toBe('pl');
    expect(html(english.text)('html').attr('lang')).toBe('en');
    expect(html(contrast.text)('html').attr('class') ?? '').toContain('contrast-high');
    expect(html(polish.text)('html').attr('class') ?? '').not.toContain('contrast-high');
    const filtered = await request(ctx.app).get('/konsultacje?status=planowane').expect(200);
    expect(filtered.text).not.toBe(polish.text);
    expect(listed(filtered.text).length).toBeGreaterThan(0);
  });

  it('is emptied by writes to what public pages show, not by a survey answer, a session or a search job', async () => {
    const version = async () => (await ctx.deps.db.$queryRaw<{ v: string }[]>`SELECT version::text AS v FROM content_version`)[0]!.v;
    // Tables no cached page shows: no version trigger (a new table is one or the other: add it to the
    // allow-list of migration 20261203000000 if a public page shows it, or here).
    const { rows } = await ctx.deps.pool.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'
        AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = format('public.%I', tablename)::regclass AND tgname = 'content_version_bump') ORDER BY 1`,
    );
    expect(rows.map((r) => r.t)).toEqual([
      '_prisma_migrations', 'audit_log', 'content_version', 'document_text', 'format_request', 'mail_delivery', 'personal_data_token', 'rate_limit',
      'recovery_code', 'role_security_policy', 'search_entry', 'search_word', 'session', 'staff_token', 'subscriber', 'subscriber_consultation',
      'subscriber_district', 'subscriber_news_district', 'subscriber_token', 'subscriber_topic', 'survey_answer', 'survey_email_token',
      'survey_response', 'survey_tally', 'survey_tally_delta', 'survey_tally_total',
    ]);
    const before = await version();
    await ctx.deps.db.$executeRaw`INSERT INTO search_word (word) VALUES ('rowerowa')`;
    await ctx.deps.db.$executeRaw`INSERT INTO personal_data_token (email) VALUES ('anna@example.org')`;
    expect(await version()).toBe(before);
    await createNews(ctx.deps.db, { title: 'Nowa ścieżka rowerowa', districtId, publishedAt: new Date('2026-11-20T08:00:00Z') });
    expect(await version()).not.toBe(before);
  });

  it('keeps a value read from public tables (a survey\'s questions) until a write to them, not after', async () => {
    let reads = 0;
    const read = () => ctx.deps.pageCache.memo('test:reads', async () => ++reads);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await createNews(ctx.deps.db, { title: 'Zmiana rozkładu jazdy', districtId, publishedAt: new Date('2026-11-20T08:00:00Z') });
    expect(await read()).toBe(2);
    await expect(ctx.deps.pageCache.memo('test:fails', () => Promise.reject(new Error('nie ma')))).rejects.toThrow('nie ma');
    expect(await ctx.deps.pageCache.memo('test:fails', async () => 'jest')).toBe('jest');
  });
});
