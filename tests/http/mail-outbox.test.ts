// Without SMTP_URL, e-mails are written as .eml files to the outbox folder and listed for
// administrators in the panel.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { csrfToken, html, loginAs } from '../helpers/http.js';
import { clearJobs, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';

const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'konsultacje-outbox-'));
const ctx = useTestApp({ MAIL_OUTBOX_DIR: outbox }, { jobOptions: TEST_JOB_OPTIONS });

beforeAll(() => startJobs(ctx.deps));
beforeEach(async () => {
  await clearJobs(ctx.deps.pool);
  for (const name of fs.readdirSync(outbox)) fs.rmSync(path.join(outbox, name));
});
afterAll(() => fs.rmSync(outbox, { recursive: true, force: true }));

const emlFiles = () => fs.readdirSync(outbox).filter((name) => name.endsWith('.eml')).sort();

async function signUp(email: string) {
  const agent = request.agent(ctx.app);
  const token = await csrfToken(agent, '/powiadomienia');
  await agent.post('/powiadomienia').type('form').send({ _csrf: token, email, zakres: 'wszystkie' }).expect(303);
  await waitForIdleQueue(ctx.deps.pool);
}

describe('the outbox', () => {
  it('receives a sign-up’s confirmation as an .eml file with the Polish subject encoded', async () => {
    await signUp('skrzynka@example.org');
    const files = emlFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{12}\.eml$/);
    const raw = fs.readFileSync(path.join(outbox, files[0]!), 'utf8');
    expect(raw).toMatch(/^To: skrzynka@example\.org\r$/m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    // Nothing half-written is left behind.
    expect(fs.readdirSync(outbox).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('is listed for administrators, newest first, each message readable as text', async () => {
    await signUp('pierwszy@example.org');
    await signUp('drugi@example.org');
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    const $ = html((await agent.get('/panel/poczta').expect(200)).text);
    expect($('h1').text()).toBe('Wysłane wiadomości');
    expect($('.lead').text()).toContain(outbox);
    const rows = $('tbody tr').map((_, tr) => $(tr).find('td').eq(1).text()).get();
    expect(rows).toEqual(['drugi@example.org', 'pierwszy@example.org']);
    const first = $('tbody tr a').first();
    expect(first.text()).toBe('Potwierdź zapis na powiadomienia – Konsultacje Społeczne Częstochowy');
    const message = html((await agent.get(first.attr('href')!).expect(200)).text);
    expect(message('h1').text()).toBe('Potwierdź zapis na powiadomienia – Konsultacje Społeczne Częstochowy');
    expect(message('pre').text()).toContain('Potwierdź zapis: http://localhost:3000/powiadomienia/potwierdz?t=');
    expect(message('dd').text()).toContain('List-Unsubscribe=One-Click');

    const dashboard = html((await agent.get('/panel').expect(200)).text);
    expect(dashboard('a[href="/panel/poczta"]').text()).toBe('Wysłane wiadomości');
  });

  it('pages through many messages, twenty at a time', async () => {
    for (let i = 0; i < 23; i++) await ctx.deps.mailer.send({ to: `osoba${i}@example.org`, subject: `Wiadomość ${i}`, text: 'Treść', html: '<p>Treść</p>' });
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    const first = html((await agent.get('/panel/poczta').expect(200)).text);
    expect(first('tbody tr')).toHaveLength(20);
    const second = html((await agent.get('/panel/poczta?strona=2').expect(200)).text);
    expect(second('tbody tr')).toHaveLength(3);
    expect(second('tbody tr a').last().text()).toBe('Wiadomość 0');
  });

  it('is refused to other roles (403) and to anonymous visitors (to the login page)', async () => {
    await signUp('ukryty@example.org');
    const [name] = emlFiles();
    for (const role of ['DEPARTMENT_STAFF', 'COUNCILLOR', 'MODERATOR'] as const) {
      const user = await createUser(ctx.deps.db, { role });
      const agent = await loginAs(ctx.app, user.email);
      expect((await agent.get('/panel/poczta')).status, role).toBe(403);
      expect((await agent.get(`/panel/poczta/${name}`)).status, role).toBe(403);
      expect(html((await agent.get('/panel').expect(200)).text)('a[href="/panel/poczta"]')).toHaveLength(0);
    }
    const anonymous = await request(ctx.app).get('/panel/poczta');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/logowanie?next=%2Fpanel%2Fpoczta');
  });

  it('opens only files the mailer wrote: other names are 404', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    for (const name of ['..%2F..%2Fetc%2Fpasswd', '20261124T100000000Z-000000000000.eml', 'x.eml']) {
      expect((await agent.get(`/panel/poczta/${name}`)).status, name).toBe(404);
    }
  });
});
