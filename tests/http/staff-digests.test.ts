// The staff's daily digest, the setting that turns it off, and the nightly clean-up of sign-ups.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { NOTIFICATION_JOBS } from '../../src/features/notifications/notifications.jobs.js';
import { createComment } from '../helpers/comment-factories.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { createRemark } from '../helpers/remark-factories.js';
import { html, loginAs, submitForm } from '../helpers/http.js';
import { useMailTestApp } from '../helpers/subscriptions.js';
import { linkTo, waitForIdleQueue } from '../helpers/mail.js';

const { ctx, smtp } = await useMailTestApp();
beforeEach(() => ctx.clock.set('2026-11-24T06:00:00Z'));

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse('2026-11-24T06:00:00Z') + days * DAY);

async function runJob(name: string) {
  await ctx.deps.jobs.send({ name, data: {} });
  await waitForIdleQueue(ctx.deps.pool);
}

describe('the daily digest', () => {
  it('tells each department’s staff about consultations ending within 7 days with no report started, those finished without a report and unanswered remarks, once a day', async () => {
    const mzdit = await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    const other = await createDepartment(ctx.deps.db);
    const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: mzdit.id, email: 'piotr@example.org', name: 'Piotr Kowalski' });
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: mzdit.id, email: 'wylaczone@example.org' }).then((u) => ctx.deps.db.user.update({ where: { id: u.id }, data: { digestEnabled: false } }));
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: mzdit.id, email: 'nieaktywny@example.org', active: false });
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: other.id, email: 'inny-wydzial@example.org' });
    await createUser(ctx.deps.db, { role: 'ADMIN', email: 'admin@example.org' });
    const ending = await createConsultation(ctx.deps.db, { departmentId: mzdit.id, title: 'III Aleja – co dalej?', startsAt: at(-20), endsAt: at(3) });
    const awaiting = await createConsultation(ctx.deps.db, { departmentId: mzdit.id, title: 'Rowery w Alejach', startsAt: at(-40), endsAt: at(-2) });
    await createConsultation(ctx.deps.db, { departmentId: mzdit.id, title: 'Z raportem', startsAt: at(-40), endsAt: at(-2), reportPublishedAt: at(-1) });
    await createConsultation(ctx.deps.db, { departmentId: mzdit.id, title: 'Daleko', startsAt: at(-5), endsAt: at(20) });
    await createConsultation(ctx.deps.db, { departmentId: mzdit.id, title: 'Odwołana', startsAt: at(-5), endsAt: at(2), state: 'CANCELLED' });
    await createConsultation(ctx.deps.db, { departmentId: other.id, title: 'Inny wydział, daleko', startsAt: at(-5), endsAt: at(30) });
    // A report already being prepared: not "without a planned report".
    const planned = await createConsultation(ctx.deps.db, { departmentId: mzdit.id, title: 'Raport w przygotowaniu', startsAt: at(-20), endsAt: at(2) });
    await ctx.deps.db.consultationReport.create({ data: { consultationId: planned.id } });
    // Remarks: an open consultation with two unanswered and one answered; answered ones do not count.
    const withRemarks = await createConsultation(ctx.deps.db, { departmentId: mzdit.id, title: 'Park Lisiniec', startsAt: at(-5), endsAt: at(25) });
    await createRemark(ctx.deps.db, withRemarks.id);
    await createRemark(ctx.deps.db, withRemarks.id);
    await createRemark(ctx.deps.db, withRemarks.id, { position: 'ACCEPTED', answer: 'Uwzględniamy.' });
    const answered = await createConsultation(ctx.deps.db, { departmentId: mzdit.id, title: 'Wszystko odpowiedziane', startsAt: at(-5), endsAt: at(25) });
    await createRemark(ctx.deps.db, answered.id, { position: 'REJECTED', answer: 'Nie.' });

    await runJob(NOTIFICATION_JOBS.digest);
    ctx.clock.set(at(0.25));
    await runJob(NOTIFICATION_JOBS.digest); // the same day again: nothing new

    expect(smtp.received.map((m) => m.to[0])).toEqual([staff.email]);
    const mail = smtp.received[0]!;
    expect(mail.parsed.subject).toBe('Zestawienie konsultacji: Miejski Zarząd Dróg i Transportu');
    const text = mail.parsed.text!;
    expect(text).toContain('Dzień dobry, Piotr Kowalski!');
    expect(text).toMatch(/Kończą się w ciągu 7 dni, raport jeszcze nie rozpoczęty:\n- III Aleja – co dalej\? \(koniec: 27 listopada 2026\): https:\/\/konsultacje\.example\.org\/panel\/konsultacje\/\d+/);
    expect(text).toContain(`/panel/konsultacje/${ending.id}`);
    expect(text).toMatch(/Zakończone, bez opublikowanego raportu:\n- Rowery w Alejach/);
    expect(text).toContain(`/panel/konsultacje/${awaiting.id}`);
    expect(text).toMatch(/Uwagi bez odpowiedzi:\n- Park Lisiniec \(bez odpowiedzi: 2\): https:\/\/konsultacje\.example\.org\/panel\/konsultacje\/\d+\/uwagi/);
    expect(text).toContain(`/panel/konsultacje/${withRemarks.id}/uwagi`);
    expect(text).not.toMatch(/Z raportem|Daleko|Odwołana|Raport w przygotowaniu|Wszystko odpowiedziane/);
    expect(mail.parsed.html).toContain('<h2>Uwagi bez odpowiedzi</h2>');
    expect(linkTo(mail, '/panel/konto/powiadomienia')).toBe('/panel/konto/powiadomienia');
    expect(mail.parsed.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);

    ctx.clock.set(at(1));
    await runJob(NOTIFICATION_JOBS.digest);
    expect(smtp.received).toHaveLength(2);
  });
});

describe('the moderators’ digest', () => {
  it('tells moderators how many comments wait for a decision, with a link to the queue; nothing when none wait', async () => {
    const moderator = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'moderator@example.org', name: 'Ewa Moderator' });
    await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'wylaczony@example.org' }).then((u) => ctx.deps.db.user.update({ where: { id: u.id }, data: { digestEnabled: false } }));
    const consultation = await createConsultation(ctx.deps.db, { startsAt: at(-5), endsAt: at(25) });
    await runJob(NOTIFICATION_JOBS.digest);
    expect(smtp.received).toHaveLength(0);

    await createComment(ctx.deps.db, consultation.id, { status: 'PENDING' });
    const reported = await createComment(ctx.deps.db, consultation.id, { status: 'PUBLISHED' });
    await ctx.deps.db.commentReport.create({ data: { commentId: reported.id, reason: 'Obraźliwy' } });
    await createComment(ctx.deps.db, consultation.id, { status: 'PUBLISHED' });
    ctx.clock.set(at(1));
    await runJob(NOTIFICATION_JOBS.digest);
    expect(smtp.received.map((m) => m.to[0])).toEqual([moderator.email]);
    const mail = smtp.received[0]!;
    expect(mail.parsed.subject).toBe('Komentarze czekają na moderację – Konsultacje Społeczne Częstochowy');
    expect(mail.parsed.text).toContain('Dzień dobry, Ewa Moderator!');
    expect(mail.parsed.text).toContain('Na decyzję moderatora czeka komentarzy: 2: https://konsultacje.example.org/panel/moderacja');
    expect(linkTo(mail, '/panel/konto/powiadomienia')).toBe('/panel/konto/powiadomienia');
  });
});

describe('the digest setting in the panel', () => {
  it('is linked from the dashboard, turns the digest off, and is audit-logged', async () => {
    const department = await createDepartment(ctx.deps.db);
    const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
    const agent = await loginAs(ctx.app, staff.email);
    const dashboard = html((await agent.get('/panel').expect(200)).text);
    expect(dashboard('a[href="/panel/konto/powiadomienia"]').text()).toBe('Twoje powiadomienia e-mail');
    const form = html((await agent.get('/panel/konto/powiadomienia').expect(200)).text);
    expect(form('input[name="digest"][value="tak"]').attr('checked')).toBeDefined();
    const res = await submitForm(agent, '/panel/konto/powiadomienia', '/panel/konto/powiadomienia', { digest: 'nie' });
    expect(res.status).toBe(303);
    const after = html((await agent.get('/panel/konto/powiadomienia').expect(200)).text);
    expect(after('.notice').text()).toContain('Zapisano ustawienia powiadomień.');
    expect(after('input[name="digest"][value="nie"]').attr('checked')).toBeDefined();
    expect(await ctx.deps.db.user.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ digestEnabled: false });
    expect(await ctx.deps.db.auditLog.findFirst({ where: { action: 'user.digest', userId: staff.id } })).toMatchObject({ details: { enabled: false } });
  });

  it('sends anonymous visitors to the login page', async () => {
    const res = await request(ctx.app).get('/panel/konto/powiadomienia');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/logowanie?next=%2Fpanel%2Fkonto%2Fpowiadomienia');
  });
});

describe('the nightly clean-up', () => {
  it('deletes sign-ups not confirmed within 7 days, with their choices, and keeps confirmed ones', async () => {
    await ctx.deps.db.subscriber.create({ data: { email: 'stary@example.org', createdAt: at(-8) } });
    await ctx.deps.db.subscriber.create({ data: { email: 'swiezy@example.org', createdAt: at(-6) } });
    await ctx.deps.db.subscriber.create({ data: { email: 'potwierdzony@example.org', createdAt: at(-30), confirmedAt: at(-29) } });
    await runJob(NOTIFICATION_JOBS.cleanup);
    const left = await ctx.deps.db.subscriber.findMany({ orderBy: { email: 'asc' } });
    expect(left.map((s) => s.email)).toEqual(['potwierdzony@example.org', 'swiezy@example.org']);
  });
});
