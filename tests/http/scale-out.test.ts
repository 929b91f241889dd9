// Two app instances on one PostgreSQL and one uploads folder, each a real HTTP server as behind a load
// balancer: a session started on one works on the other, a queued job runs once, a file uploaded
// through one is served by the other, and neither serves a stale page after an edit on the other
// (docs/decisions.md 36).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { closeDeps, createDeps, type Deps } from '../../src/deps.js';
import { startJobs } from '../../src/jobs/jobs.js';
import { emptyUploadsDir, makeUploadsDir, removeUploadsDir, TestClock, testConfig } from '../helpers/app.js';
import { createTestDatabase, truncateAll } from '../helpers/database.js';
import { createConsultation, createDistrict, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { pdf } from '../helpers/files.js';
import { csrfFrom, html } from '../helpers/http.js';
import { clearJobs, startTestSmtp, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';
import { createNews } from '../helpers/news-factories.js';

const smtp = await startTestSmtp();
const clock = new TestClock();
let drop: () => Promise<void>;
let uploadsDir: string;

interface Instance {
  deps: Deps;
  server: Server;
  url: string;
}
let a: Instance;
let b: Instance;

async function startInstance(databaseUrl: string): Promise<Instance> {
  const deps = createDeps(testConfig({ SMTP_URL: smtp.url, BASE_URL: 'https://konsultacje.example.org', UPLOADS_DIR: uploadsDir }), databaseUrl, { clock, jobOptions: TEST_JOB_OPTIONS });
  await startJobs(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = createApp(deps).listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  return { deps, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stopInstance({ deps, server }: Instance) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  await closeDeps(deps);
}

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  uploadsDir = makeUploadsDir();
  a = await startInstance(database.url);
  b = await startInstance(database.url);
});
beforeEach(async () => {
  clock.set('2026-11-24T10:00:00Z');
  await clearJobs(a.deps.pool);
  await truncateAll(a.deps.pool);
  emptyUploadsDir(uploadsDir);
  smtp.clear();
});
afterAll(async () => {
  await waitForIdleQueue(a.deps.pool).catch(() => undefined);
  await Promise.all([a, b].filter(Boolean).map(stopInstance));
  await drop?.();
  removeUploadsDir(uploadsDir);
  await smtp.stop();
});

/** Signs in on one instance; returns the session cookie as a browser would keep it. */
async function signIn(instance: Instance, email: string): Promise<string> {
  const form = await request(instance.url).get('/logowanie').expect(200);
  const cookie = form.headers['set-cookie']![0]!.split(';')[0]!;
  const res = await request(instance.url).post('/logowanie').set('Cookie', cookie).type('form').send({ _csrf: csrfFrom(form.text), email, password: TEST_PASSWORD });
  expect(res.status).toBe(303);
  return String(res.headers['set-cookie'] ?? cookie).split(';')[0]!;
}

describe('two app instances on one database', () => {
  it('keep a session started on one working on the other, and ending it on one ends it on both', async () => {
    await createUser(a.deps.db, { role: 'ADMIN', name: 'Anna Nowak', email: 'admin@example.org' });
    const cookie = await signIn(a, 'admin@example.org');
    const onB = await request(b.url).get('/panel').set('Cookie', cookie).expect(200);
    expect(html(onB.text)('h1').text()).toContain('Anna Nowak');
    // A form opened on B is accepted by A: the CSRF token lives in the shared session.
    const token = csrfFrom(onB.text);
    await request(a.url).post('/wyloguj').set('Cookie', cookie).type('form').send({ _csrf: token }).expect(303);
    const after = await request(b.url).get('/panel').set('Cookie', cookie);
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/logowanie/);
  });

  it('run a job queued through one of them once: one confirmation e-mail for one sign-up', async () => {
    const form = await request(b.url).get('/powiadomienia').expect(200);
    const cookie = form.headers['set-cookie']![0]!.split(';')[0]!;
    const res = await request(b.url).post('/powiadomienia').set('Cookie', cookie).type('form').send({ _csrf: csrfFrom(form.text), email: 'mieszkanka@example.org', zakres: 'wszystkie' });
    expect(res.status).toBe(303);
    await smtp.waitFor(1);
    await waitForIdleQueue(a.deps.pool);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // both queues poll every 0.5 s: a second send would show by now
    expect(smtp.received.map((m) => m.to[0])).toEqual(['mieszkanka@example.org']);
  });

  it('serve a document uploaded through one from the other', async () => {
    const consultation = await createConsultation(a.deps.db, { title: 'Park nad Wartą' });
    await createUser(a.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: consultation.departmentId, email: 'mzdit@example.org' });
    const cookie = await signIn(a, 'mzdit@example.org');
    const documents = `/panel/konsultacje/${consultation.id}/dokumenty`;
    const form = await request(a.url).get(documents).set('Cookie', cookie).expect(200);
    const content = pdf('Harmonogram prac w parku');
    const upload = await request(a.url).post(`${documents}/pliki`).set('Cookie', cookie).field('_csrf', csrfFrom(form.text)).attach('files', content, { filename: 'harmonogram.pdf' });
    expect(upload.status).toBe(303);

    const page = await request(b.url).get(`/konsultacje/${consultation.slug}`).expect(200);
    const href = html(page.text)('a[href^="/pliki/"]').first().attr('href')!;
    expect(href).toContain('harmonogram.pdf');
    const file = await request(b.url).get(href).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(file.body as Buffer, content)).toBe(0);
  });

  it('never serve a page cached before an edit made on the other', async () => {
    const district = await createDistrict(a.deps.db, { slug: 'rakow', name: 'Raków' });
    await createUser(a.deps.db, { role: 'COUNCILLOR', districtId: district.id, email: 'radna@example.org' });
    const news = await createNews(a.deps.db, { title: 'Sesja rady dzielnicy', districtId: district.id, publishedAt: new Date('2026-11-20T08:00:00Z') });
    for (const path of [`/aktualnosci/${news.slug}`, '/aktualnosci', '/dzielnice/rakow']) {
      await request(b.url).get(path).expect(200);
      expect((await request(b.url).get(path).expect(200)).headers['x-page-cache'], path).toBe('hit');
    }
    const etag = (await request(b.url).get('/aktualnosci').expect(200)).headers.etag!;

    const cookie = await signIn(a, 'radna@example.org');
    const form = await request(a.url).get(`/panel/aktualnosci/${news.id}`).set('Cookie', cookie).expect(200);
    const saved = await request(a.url).post(`/panel/aktualnosci/${news.id}`).set('Cookie', cookie).type('form')
      .send({ _csrf: csrfFrom(form.text), title: 'Sesja rady dzielnicy przeniesiona na czwartek', lead: '', bodyMd: 'Nowy termin.', districtId: String(district.id), action: 'zapisz' });
    expect(saved.status).toBe(303);

    // The very next request to the other instance, with no wait for anything to propagate.
    for (const path of [`/aktualnosci/${news.slug}`, '/aktualnosci', '/dzielnice/rakow']) {
      expect((await request(b.url).get(path).expect(200)).text, path).toContain('Sesja rady dzielnicy przeniesiona na czwartek');
    }
    await request(b.url).get('/aktualnosci').set('If-None-Match', etag).expect(200);
  });

  describe('following the content version\'s notifications, as the server does (decision 53)', () => {
    beforeEach(async () => {
      await Promise.all([a.deps.pageCache.listen(), b.deps.pageCache.listen()]);
    });
    afterEach(async () => {
      await Promise.all([a.deps.pageCache.close(), b.deps.pageCache.close()]);
    });

    /** Reads a page on an instance until it shows `text`; the time that took, or fails after `withinMs`. */
    async function shownWithin(instance: Instance, path: string, text: string, withinMs: number): Promise<number> {
      const started = Date.now();
      for (;;) {
        if ((await request(instance.url).get(path).expect(200)).text.includes(text)) return Date.now() - started;
        if (Date.now() - started > withinMs) throw new Error(`${path} on the other instance still without "${text}" after ${withinMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }

    async function cachedNews() {
      const district = await createDistrict(a.deps.db, { slug: 'rakow', name: 'Raków' });
      await createUser(a.deps.db, { role: 'COUNCILLOR', districtId: district.id, email: 'radna@example.org' });
      const news = await createNews(a.deps.db, { title: 'Dyżur radnych w bibliotece', districtId: district.id, publishedAt: new Date('2026-11-20T08:00:00Z') });
      // Kept in both caches: a page rendered before the seeding's notification arrived is kept under the
      // version before it, and dropped when it arrives; the one after is kept.
      for (const instance of [a, b]) {
        await shownWithin(instance, `/aktualnosci/${news.slug}`, 'Dyżur radnych w bibliotece', 1000);
        const started = Date.now();
        while ((await request(instance.url).get(`/aktualnosci/${news.slug}`).expect(200)).headers['x-page-cache'] !== 'hit') {
          expect(Date.now() - started, 'a cached page within a second').toBeLessThan(1000);
        }
      }
      return { district, news };
    }

    async function editTitle(instance: Instance, newsId: number, districtId: number, title: string) {
      const cookie = await signIn(instance, 'radna@example.org');
      const form = await request(instance.url).get(`/panel/aktualnosci/${newsId}`).set('Cookie', cookie).expect(200);
      const saved = await request(instance.url).post(`/panel/aktualnosci/${newsId}`).set('Cookie', cookie).type('form')
        .send({ _csrf: csrfFrom(form.text), title, lead: '', bodyMd: 'Nowy termin.', districtId: String(districtId), action: 'zapisz' });
      expect(saved.status).toBe(303);
    }

    it('show an edit on the same instance to the very next request, before any notification', async () => {
      const { district, news } = await cachedNews();
      for (let round = 1; round <= 5; round++) {
        await editTitle(a, news.id, district.id, `Dyżur radnych, zmiana ${round}`);
        expect((await request(a.url).get(`/aktualnosci/${news.slug}`).expect(200)).text).toContain(`Dyżur radnych, zmiana ${round}`);
      }
    });

    it('show an edit made on the other instance as soon as its notification arrives, without a query per page', async () => {
      const { district, news } = await cachedNews();
      await editTitle(a, news.id, district.id, 'Dyżur radnych przeniesiony do szkoły');
      // Well under the 5 s heartbeat: only the notification can have told instance B.
      expect(await shownWithin(b, `/aktualnosci/${news.slug}`, 'Dyżur radnych przeniesiony do szkoły', 1000)).toBeLessThan(1000);
      // A write made outside any request (a job, a script) is announced the same way.
      await a.deps.db.news.update({ where: { id: news.id }, data: { title: 'Dyżur radnych odwołany' } });
      await shownWithin(b, `/aktualnosci/${news.slug}`, 'Dyżur radnych odwołany', 1000);
      await shownWithin(a, `/aktualnosci/${news.slug}`, 'Dyżur radnych odwołany', 1000);
    });

    it('ask PostgreSQL for each page while the notifications are cut off, and follow them again once back', async () => {
      const { district, news } = await cachedNews();
      const cut = await b.deps.pool.query(`SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = 'konsultacje-listen' AND datname = current_database()`);
      expect(cut.rowCount).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the instances notice the connection gone
      await editTitle(a, news.id, district.id, 'Dyżur radnych w nowym terminie');
      // No notification reached B, yet its very next page is the edited one.
      expect((await request(b.url).get(`/aktualnosci/${news.slug}`).expect(200)).text).toContain('Dyżur radnych w nowym terminie');
      // Back within the reconnection delay (1 s), then an edit reaches B by notification again.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const listening = await b.deps.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'konsultacje-listen' AND datname = current_database()`);
      expect(listening.rows[0].n).toBe(2);
      await a.deps.db.news.update({ where: { id: news.id }, data: { title: 'Dyżur radnych po przerwie' } });
      await shownWithin(b, `/aktualnosci/${news.slug}`, 'Dyżur radnych po przerwie', 1000);
    });
  });
});
