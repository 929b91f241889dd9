// E-mails to remarks' authors through a real SMTP server: the confirmation with the reference number.
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';
import { createConsultation } from '../helpers/factories.js';
import { csrfToken } from '../helpers/http.js';
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
