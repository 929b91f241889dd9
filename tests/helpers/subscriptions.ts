// A resident's side of e-mail notifications in HTTP tests: the sign-up form, the confirmation e-mail
// read from the test SMTP server, its button pressed; and one run of the announcement sweep.
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { NOTIFICATION_JOBS } from '../../src/features/notifications/notifications.jobs.js';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp, type TestContext } from './app.js';
import { csrfToken, html } from './http.js';
import { clearJobs, linkTo, startTestSmtp, TEST_JOB_OPTIONS, waitForIdleQueue, type ReceivedMail, type TestSmtp } from './mail.js';

/**
 * The app with its job queue running and sending to a real SMTP server in this process; each test
 * starts with no jobs and no received e-mail. Call at the top level of a test file.
 */
export async function useMailTestApp(): Promise<{ ctx: TestContext; smtp: TestSmtp }> {
  const smtp = await startTestSmtp();
  const ctx = useTestApp({ SMTP_URL: smtp.url, BASE_URL: 'https://konsultacje.example.org' }, { jobOptions: TEST_JOB_OPTIONS });
  beforeAll(() => startJobs(ctx.deps));
  beforeEach(async () => {
    await clearJobs(ctx.deps.pool);
    smtp.clear();
  });
  afterAll(() => smtp.stop());
  return { ctx, smtp };
}

export async function signUp(app: Express, fields: Record<string, string | string[]>) {
  const agent = request.agent(app);
  const token = await csrfToken(agent, '/powiadomienia');
  return agent.post('/powiadomienia').type('form').send({ _csrf: token, ...fields });
}

/** Signs up, reads the confirmation e-mail, opens its link and presses the button; returns that e-mail. */
export async function subscribeAndConfirm(app: Express, smtp: TestSmtp, fields: Record<string, string | string[]>): Promise<ReceivedMail> {
  expect((await signUp(app, fields)).status).toBe(303);
  const [mail] = await smtp.waitFor(1);
  const link = linkTo(mail!, '/powiadomienia/potwierdz');
  const page = await request(app).get(link).expect(200);
  expect(html(page.text)('h1').text()).toBe('Potwierdź zapis na powiadomienia');
  await request(app).post('/powiadomienia/potwierdz').type('form').send({ t: new URL(link, 'http://x').searchParams.get('t') }).expect(303);
  smtp.clear();
  return mail!;
}

/** One run of the per-minute sweep, and every e-mail it queued handled. */
export async function runAnnouncementSweep(deps: Deps): Promise<void> {
  await deps.jobs.send({ name: NOTIFICATION_JOBS.announce, data: {} });
  await waitForIdleQueue(deps.pool);
}
