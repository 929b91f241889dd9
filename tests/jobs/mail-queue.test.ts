// The job queue under the e-mail: retries after a refusal, two instances on one database, a restart,
// and the schedules it registers. E-mails go to a real SMTP server in this process.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDeps, createDeps, type Deps } from '../../src/deps.js';
import { withTransaction } from '../../src/db/transaction.js';
import { queueMail } from '../../src/features/mail/mail-deliveries.js';
import { NOTIFICATION_JOBS } from '../../src/features/notifications/notifications.jobs.js';
import { jobDefinitions, startJobs } from '../../src/jobs/jobs.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { TestClock, testConfig } from '../helpers/app.js';
import { createTestDatabase, truncateAll } from '../helpers/database.js';
import { createConsultation, createDistrict } from '../helpers/factories.js';
import { createNews } from '../helpers/news-factories.js';
import { clearJobs, startTestSmtp, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';

const smtp = await startTestSmtp();
const clock = new TestClock();
let databaseUrl: string;
let drop: () => Promise<void>;
const running: Deps[] = [];

/** One app instance: its own pool, queue and mailer on the shared database. */
function instance(options: { start?: boolean } = {}): Deps & { ready: Promise<void> } {
  const deps = createDeps(testConfig({ SMTP_URL: smtp.url, BASE_URL: 'https://konsultacje.example.org' }), databaseUrl, { clock, jobOptions: TEST_JOB_OPTIONS });
  running.push(deps);
  return Object.assign(deps, { ready: options.start === false ? Promise.resolve() : startJobs(deps) });
}

async function stopAll() {
  await Promise.all(running.splice(0).map((deps) => closeDeps(deps)));
}

beforeAll(async () => {
  const database = await createTestDatabase();
  databaseUrl = database.url;
  drop = database.drop;
});
beforeEach(async () => {
  const a = instance({ start: false });
  await a.jobs.send({ name: 'warm-up', data: {} }); // creates the pgboss schema once
  await truncateAll(a.pool);
  await clearJobs(a.pool);
  await stopAll();
  smtp.clear();
});
afterAll(async () => {
  await stopAll();
  await drop();
  await smtp.stop();
});

/** A confirmed subscriber to everything, straight in the database. */
async function confirmedSubscriber(deps: Deps, email: string) {
  return deps.db.subscriber.create({ data: { email, newConsultations: 'ALL', confirmedAt: clock.now() } });
}

describe('the e-mail job', () => {
  it('is retried with back-off after the SMTP server refuses, then delivers exactly one message', async () => {
    const app = instance();
    await app.ready;
    const subscriber = await confirmedSubscriber(app, 'ponownie@example.org');
    const consultation = await createConsultation(app.db, { title: 'Ponowna próba' });
    smtp.refuseNext(2);
    const started = Date.now();
    await withTransaction(app.pool, (client) => queueMail(client, app.jobs, [{ dedupeKey: `announce:${consultation.id}:${subscriber.id}`, kind: 'announce', consultationId: consultation.id, subscriberId: subscriber.id }]));
    const [mail] = await smtp.waitFor(1, 20_000);
    await waitForIdleQueue(app.pool);
    expect(smtp.refused).toBe(2);
    expect(smtp.received).toHaveLength(1);
    expect(mail!.parsed.subject).toBe('Nowe konsultacje: Ponowna próba');
    // Back-off: the second retry waits longer than the first (1 s base, doubling, with jitter).
    expect(Date.now() - started).toBeGreaterThan(1_500);
    const { rows } = await app.pool.query(`SELECT state, retry_count FROM pgboss.job WHERE name = 'mail-send'`);
    expect(rows).toEqual([{ state: 'completed', retry_count: 2 }]);
    expect(await app.db.mailDelivery.findFirstOrThrow()).toMatchObject({ sentAt: expect.any(Date) });
  });

  it('is queued once per key: queuing the same e-mail again does nothing', async () => {
    const app = instance({ start: false });
    const subscriber = await confirmedSubscriber(app, 'raz@example.org');
    const mail = { dedupeKey: `announce:1:${subscriber.id}`, kind: 'announce', consultationId: 1, subscriberId: subscriber.id };
    const first = await withTransaction(app.pool, (client) => queueMail(client, app.jobs, [mail]));
    const second = await withTransaction(app.pool, (client) => queueMail(client, app.jobs, [mail, mail]));
    expect([first, second]).toEqual([1, 0]);
    const { rows } = await app.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail-send'`);
    expect(rows[0].n).toBe(1);
  });
});

describe('two app instances on one database', () => {
  it('send each e-mail once, even when both sweep at the same time', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.ready, b.ready]);
    const district = await createDistrict(a.db);
    for (let i = 0; i < 6; i++) await confirmedSubscriber(a, `mieszkaniec${i}@example.org`);
    for (let i = 0; i < 3; i++) await createConsultation(a.db, { title: `Konsultacja ${i}`, districtIds: [district.id], publishedAt: clock.now() });
    await Promise.all([
      a.jobs.send({ name: NOTIFICATION_JOBS.announce, data: {} }),
      b.jobs.send({ name: NOTIFICATION_JOBS.announce, data: {} }),
      a.jobs.send({ name: NOTIFICATION_JOBS.announce, data: {} }),
    ]);
    await smtp.waitFor(18, 20_000);
    await waitForIdleQueue(a.pool);
    const delivered = smtp.received.map((m) => `${m.to[0]} ${m.parsed.subject}`);
    expect(delivered).toHaveLength(18);
    expect(new Set(delivered).size).toBe(18);
    const { rows } = await a.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail-send' AND state = 'completed'`);
    expect(rows[0].n).toBe(18);
  });
});

describe('two app instances announcing district news', () => {
  it('send each article to each follower of its district once', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.ready, b.ready]);
    const [tysiaclecie, bleszno] = [await createDistrict(a.db, { name: 'Tysiąclecie' }), await createDistrict(a.db, { name: 'Błeszno' })];
    for (let i = 0; i < 4; i++) {
      await a.db.subscriber.create({ data: { email: `sasiad${i}@example.org`, confirmedAt: clock.now(), newsDistricts: { create: [{ districtId: tysiaclecie.id }] } } });
    }
    await a.db.subscriber.create({ data: { email: 'bleszno@example.org', confirmedAt: clock.now(), newsDistricts: { create: [{ districtId: bleszno.id }] } } });
    for (let i = 0; i < 3; i++) await createNews(a.db, { title: `Wiadomość ${i}`, districtId: tysiaclecie.id, publishedAt: clock.now() });
    await Promise.all([
      a.jobs.send({ name: NOTIFICATION_JOBS.announce, data: {} }),
      b.jobs.send({ name: NOTIFICATION_JOBS.announce, data: {} }),
      b.jobs.send({ name: NOTIFICATION_JOBS.announce, data: {} }),
    ]);
    await smtp.waitFor(12, 20_000);
    await waitForIdleQueue(a.pool);
    const delivered = smtp.received.map((m) => `${m.to[0]} ${m.parsed.subject}`);
    expect(delivered).toHaveLength(12);
    expect(new Set(delivered).size).toBe(12);
    expect(delivered.some((line) => line.startsWith('bleszno@'))).toBe(false);
  });
});

describe('a restart', () => {
  it('keeps queued e-mails: an instance started later sends what an earlier one queued', async () => {
    const before = instance({ start: false });
    const subscriber = await confirmedSubscriber(before, 'po-restarcie@example.org');
    const consultation = await createConsultation(before.db, { title: 'Po restarcie', publishedAt: clock.now() });
    await before.jobs.send({ name: NOTIFICATION_JOBS.announce, data: {} });
    await closeDeps(before);
    running.splice(running.indexOf(before), 1);
    expect(smtp.received).toHaveLength(0);

    const after = instance();
    await after.ready;
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual([subscriber.email]);
    expect(mail!.parsed.text).toContain(`/konsultacje/${consultation.slug}`);
  });

  it('sends no second copy when a job that already sent runs again (the instance died before the queue recorded it)', async () => {
    const app = instance();
    await app.ready;
    const subscriber = await confirmedSubscriber(app, 'jeden-raz@example.org');
    const consultation = await createConsultation(app.db, { title: 'Tylko raz' });
    await withTransaction(app.pool, (client) => queueMail(client, app.jobs, [{ dedupeKey: `announce:${consultation.id}:${subscriber.id}`, kind: 'announce', consultationId: consultation.id, subscriberId: subscriber.id }]));
    await smtp.waitFor(1);
    await waitForIdleQueue(app.pool);
    await closeDeps(app);
    running.splice(running.indexOf(app), 1);
    // As after a crash between the SMTP server's "250 OK" and pg-boss's bookkeeping: the job is due again.
    const after = instance({ start: false });
    await after.pool.query(`UPDATE pgboss.job SET state = 'created', completed_on = NULL, start_after = now() WHERE name = 'mail-send'`);
    await startJobs(after);
    await waitForIdleQueue(after.pool);
    const { rows } = await after.pool.query(`SELECT state FROM pgboss.job WHERE name = 'mail-send'`);
    expect(rows).toEqual([{ state: 'completed' }]);
    expect(smtp.received).toHaveLength(1);
  });

  it('stops cleanly: a job being sent finishes and is recorded before the instance closes', async () => {
    const app = instance();
    await app.ready;
    const subscriber = await confirmedSubscriber(app, 'w-trakcie@example.org');
    const consultation = await createConsultation(app.db);
    smtp.delayMs = 1_500;
    await withTransaction(app.pool, (client) => queueMail(client, app.jobs, [{ dedupeKey: `announce:${consultation.id}:${subscriber.id}`, kind: 'announce', consultationId: consultation.id, subscriberId: subscriber.id }]));
    const observer = instance({ start: false });
    for (let i = 0; i < 100; i++) {
      const { rows } = await observer.pool.query(`SELECT state FROM pgboss.job WHERE name = 'mail-send'`);
      if (rows[0]?.state === 'active') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await closeDeps(app);
    running.splice(running.indexOf(app), 1);
    expect(smtp.received).toHaveLength(1);
    const { rows } = await observer.pool.query(`SELECT state FROM pgboss.job WHERE name = 'mail-send'`);
    expect(rows).toEqual([{ state: 'completed' }]);
    expect(await observer.db.mailDelivery.findFirstOrThrow()).toMatchObject({ sentAt: expect.any(Date) });
  });
});

describe('a backlog', () => {
  it('is worked through without waiting a polling interval between jobs', async () => {
    const app = instance({ start: false });
    const done: number[] = [];
    for (let i = 0; i < 40; i++) await app.jobs.send({ name: 'backlog-probe', data: { i } });
    const started = Date.now();
    // A 2 s polling interval (the default): one job per interval would take 80 s.
    const queue = new JobQueue(app.pool, app.logger, { ...TEST_JOB_OPTIONS, pollingIntervalSeconds: 2 });
    await queue.start([{ name: 'backlog-probe', handler: async (data: { i: number }) => void done.push(data.i) }]);
    while (done.length < 40 && Date.now() - started < 20_000) await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.stop();
    expect(done.sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives up its next job without sorting the whole backlog (an announcement to many subscribers)', async () => {
    const app = instance({ start: false });
    await app.jobs.insert(Array.from({ length: 5_000 }, (_, i) => ({ name: 'backlog-probe', data: { i } })));
    await app.pool.query('ANALYZE pgboss.job');
    // pg-boss 10's fetch, as it sends it: the first job in its order among those due.
    const { rows } = await app.pool.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON) SELECT id, singleton_key, policy FROM pgboss.job
        WHERE name = 'backlog-probe' AND state < 'active' AND start_after < now()
        ORDER BY priority desc, created_on, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    const plan = JSON.stringify(rows[0]!['QUERY PLAN']);
    // In the order of an index, stopping at the first: not every queued job read and sorted.
    expect(plan).not.toContain('"Sort"');
    expect(plan).toMatch(/priority_created_on_id_idx/);
  });
});

describe('the schedules', () => {
  it('are registered in Warsaw time when an instance takes part in them', async () => {
    const app = createDeps(testConfig(), databaseUrl, { clock, jobOptions: { ...TEST_JOB_OPTIONS, schedules: true } });
    running.push(app);
    await startJobs(app);
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
    const rows = (await app.pool.query<{ name: string }>(`SELECT name, cron, timezone FROM pgboss.schedule`)).rows.sort(byName);
    // Every feature's scheduled job, each in Warsaw time, notifications' among them.
    const scheduled = jobDefinitions(app).flatMap((d) => (d.cron ? [{ name: d.name, cron: d.cron, timezone: 'Europe/Warsaw' }] : []));
    expect(rows).toEqual(scheduled.sort(byName));
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: NOTIFICATION_JOBS.announce, cron: '* * * * *', timezone: 'Europe/Warsaw' },
        { name: NOTIFICATION_JOBS.cleanup, cron: '30 3 * * *', timezone: 'Europe/Warsaw' },
        { name: NOTIFICATION_JOBS.digest, cron: '0 7 * * *', timezone: 'Europe/Warsaw' },
      ]),
    );
  });
});
