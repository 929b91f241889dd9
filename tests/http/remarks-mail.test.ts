// E-mails to remarks' authors through a real SMTP server: the confirmation with the reference number,
// and the answer to each remark when the report is published, once.
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { csrfToken, loginAs, submitForm } from '../helpers/http.js';
import { createReportDataSet } from '../helpers/remark-factories.js';
import { clearJobs, startTestSmtp, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';

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

const VALID = { part: '§ 2', content: 'Proszę o więcej ławek.', authorKind: 'osoba', resident: 'tak', rodo: 'tak' };

async function submit(fields: Record<string, string>) {
  const agent = request.agent(ctx.app);
  const token = await csrfToken(agent, '/konsultacje/aleja/uwagi');
  return agent.post('/konsultacje/aleja/uwagi').type('form').send({ _csrf: token, ...VALID, ...fields });
}

describe('the confirmation e-mail', () => {
  it('sends the reference number, the consultation and the remark to the address given, once', async () => {
    await createConsultation(ctx.deps.db, { slug: 'aleja', title: 'III Aleja – co dalej?' });
    expect((await submit({ email: 'Zofia.Testowa@Example.org' })).status).toBe(303);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['zofia.testowa@example.org']);
    expect(mail!.parsed.subject).toBe('Przyjęliśmy Twoją uwagę U/2026/000001');
    expect(mail!.parsed.text).toContain('Numer uwagi: U/2026/000001');
    expect(mail!.parsed.text).toContain('III Aleja – co dalej?');
    expect(mail!.parsed.text).toContain('Proszę o więcej ławek.');
    expect(mail!.parsed.text).toContain('https://konsultacje.example.org/konsultacje/aleja');
    expect(mail!.parsed.html).toContain('U/2026/000001');
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(1);
    expect((await ctx.deps.pool.query(`SELECT dedupe_key, sent_at IS NOT NULL AS sent FROM mail_delivery`)).rows).toEqual([{ dedupe_key: 'remark-confirmation:1', sent: true }]);
  });

  it('sends nothing when no address is given, and nothing for a refused remark', async () => {
    await createConsultation(ctx.deps.db, { slug: 'aleja' });
    expect((await submit({})).status).toBe(303);
    expect((await submit({ email: 'anna@example.org', content: '' })).status).toBe(422);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(0);
    expect(await ctx.deps.db.mailDelivery.count()).toBe(0);
  });
});

describe('the answers when the report is published', () => {
  it('sends each author who left an address the answer to their remark, once, with a link to the report', async () => {
    const department = await createDepartment(ctx.deps.db);
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja', title: 'III Aleja', departmentId: department.id, startsAt: new Date('2026-11-14T10:00:00Z') });
    await createReportDataSet(ctx.deps.db, c.id);
    ctx.clock.set('2026-12-10T10:00:00Z');
    const staff = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id })).email);
    const url = `/panel/konsultacje/${c.id}/raport`;
    expect((await submitForm(staff, url, url, { informed: '', conclusions: '', decision: 'Zmieniamy uchwałę.' })).status).toBe(303);
    expect((await submitForm(staff, url, `${url}/publikacja`, {})).status).toBe(303);
    const mails = await smtp.waitFor(3);
    await waitForIdleQueue(ctx.deps.pool);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['jan.tajny@example.org', 'rada.rakow@example.org', 'zofia.prywatna@example.org']);
    const zofia = mails.find((m) => m.to[0] === 'zofia.prywatna@example.org')!;
    expect(zofia.parsed.subject).toMatch(/^Odpowiedź na Twoją uwagę T\//);
    expect(zofia.parsed.text).toContain('Stanowisko: uwzględniona');
    expect(zofia.parsed.text).toContain('Dodamy warsztaty.');
    expect(zofia.parsed.text).toContain('https://konsultacje.example.org/konsultacje/aleja/raport');
    // Running the send jobs again (a retry, a second instance) sends nothing more.
    await ctx.deps.jobs.insert((await ctx.deps.db.mailDelivery.findMany()).map((d) => ({ name: 'mail-send', data: { dedupeKey: d.dedupeKey, kind: 'remark-answer', remarkId: Number(d.dedupeKey.split(':')[1]) } })));
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(3);
  });
});
