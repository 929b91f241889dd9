// Staff administration and passwords end to end: invitations and reset links read from a real SMTP
// server, single-use and expiring links, deactivation ending sessions at once, the password rules.
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/features/auth/passwords.js';
import { startJobs } from '../../src/jobs/jobs.js';
import { useTestApp } from '../helpers/app.js';
import { createDepartment, createDistrict, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm } from '../helpers/http.js';
import { clearJobs, linkTo, startTestSmtp, TEST_JOB_OPTIONS, waitForIdleQueue } from '../helpers/mail.js';

const smtp = await startTestSmtp();
const ctx = useTestApp({ SMTP_URL: smtp.url, BASE_URL: 'https://konsultacje.example.org' }, { jobOptions: TEST_JOB_OPTIONS });
const NEW_PASSWORD = 'Zielony Tramwaj Na Rakowie 7';

beforeAll(async () => {
  await startJobs(ctx.deps);
});
beforeEach(async () => {
  await clearJobs(ctx.deps.pool);
  smtp.clear();
});
afterAll(() => smtp.stop());

async function sessionsOf(userId: number): Promise<number> {
  const { rows } = await ctx.deps.pool.query(`SELECT count(*)::int AS n FROM session WHERE (sess #>> '{passport,user}') = $1`, [String(userId)]);
  return rows[0].n as number;
}

/** Opens the e-mailed link and submits its form, as the person would. */
async function setPasswordThrough(link: string, password: string, confirm = password) {
  const agent = request.agent(ctx.app);
  const page = await agent.get(link).expect(200);
  const $ = html(page.text);
  return agent.post($('main form').attr('action')!).type('form').send({ _csrf: $('input[name="_csrf"]').val(), t: $('input[name="t"]').val(), password, passwordConfirm: confirm });
}

const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('t')!;

describe('staff list (administrators only)', () => {
  it('lists accounts with role, scope and state, filters by name and state, and paginates by 25', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN', name: 'Anna Administratorka' });
    const department = await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id, name: 'Piotr Kowalski' });
    await createUser(ctx.deps.db, { role: 'MODERATOR', name: 'Jan Lewandowski', active: false });
    for (let i = 0; i < 25; i++) await ctx.deps.db.user.create({ data: { email: `osoba${i}@example.org`, name: `Osoba ${String(i).padStart(2, '0')}`, role: 'MODERATOR' } });
    const agent = await loginAs(ctx.app, admin.email);
    const page1 = html((await agent.get('/panel/uzytkownicy').expect(200)).text);
    expect(page1('h1').text()).toBe('Konta pracowników');
    expect(page1('.users-table tbody tr').length).toBe(25);
    expect(page1('p:contains("Liczba kont: 28")').length).toBe(1);
    expect(page1('.pagination__next').attr('href')).toBe('/panel/uzytkownicy?strona=2');
    const found = html((await agent.get('/panel/uzytkownicy?q=kowal').expect(200)).text);
    expect(found('.users-table tbody tr').length).toBe(1);
    expect(found('.users-table tbody tr td').eq(1).text()).toContain('Pracownik wydziału, Miejski Zarząd Dróg i Transportu');
    const inactive = html((await agent.get('/panel/uzytkownicy?status=nieaktywne').expect(200)).text);
    expect(inactive('.users-table tbody tr').text()).toContain('Jan Lewandowski');
    expect(inactive('.users-table tbody tr').text()).toContain('Dezaktywowane');
    const invited = html((await agent.get('/panel/uzytkownicy?status=zaproszone').expect(200)).text);
    expect(invited('.users-table tbody tr').length).toBe(25);
    expect(html((await agent.get('/panel').expect(200)).text)('a[href="/panel/uzytkownicy"]').text()).toBe('Konta pracowników');
  });

  it('refuses every other role (403) and sends anonymous visitors to the login page', async () => {
    for (const role of ['DEPARTMENT_STAFF', 'COUNCILLOR', 'MODERATOR'] as const) {
      const user = await createUser(ctx.deps.db, { role });
      const agent = await loginAs(ctx.app, user.email);
      await agent.get('/panel/uzytkownicy').expect(403);
      const res = await submitForm(agent, '/panel', '/panel/uzytkownicy', { email: 'x@example.org', name: 'X', role: 'ADMIN' });
      expect(res.status).toBe(403);
    }
    expect(await ctx.deps.db.user.count({ where: { email: 'x@example.org' } })).toBe(0);
    const anonymous = await request(ctx.app).get('/panel/uzytkownicy').expect(303);
    expect(anonymous.headers.location).toBe('/logowanie?next=%2Fpanel%2Fuzytkownicy');
  });
});

describe('inviting a person', () => {
  it('creates the account without a password, e-mails a set-password link that works once, and the person signs in', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const district = await createDistrict(ctx.deps.db, { name: 'Raków' });
    const agent = await loginAs(ctx.app, admin.email);
    const res = await submitForm(agent, '/panel/uzytkownicy/nowy', '/panel/uzytkownicy', { email: ' Magda.Kaminska@Example.org', name: 'Magdalena Kamińska', role: 'COUNCILLOR', districtId: String(district.id), departmentId: '' });
    expect(res.status).toBe(303);
    const user = await ctx.deps.db.user.findUniqueOrThrow({ where: { email: 'magda.kaminska@example.org' } });
    expect(user).toMatchObject({ role: 'COUNCILLOR', districtId: district.id, departmentId: null, passwordHash: null, active: true });
    expect(res.headers.location).toBe(`/panel/uzytkownicy/${user.id}`);
    expect((await agent.get(res.headers.location!)).text).toContain('Wysłano zaproszenie na adres magda.kaminska@example.org.');

    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['magda.kaminska@example.org']);
    expect(mail!.parsed.subject).toBe('Zaproszenie do panelu – Konsultacje Społeczne Częstochowy');
    expect(mail!.parsed.text).toContain('rola: Radny dzielnicy');
    const link = linkTo(mail!, '/ustaw-haslo');
    // Only the hash of the token is stored.
    const token = tokenOf(link);
    const stored = await ctx.deps.db.staffToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    // Without a password nobody signs in, not even with an empty one.
    const blocked = await submitForm(request.agent(ctx.app), '/logowanie', '/logowanie', { email: user.email, password: 'cokolwiek-dlugiego' });
    expect(blocked.status).toBe(401);

    const page = html((await request(ctx.app).get(link).expect(200)).text);
    expect(page('h1').text()).toBe('Ustaw hasło do panelu');
    expect(page('label[for="password"]').text()).toBe('Nowe hasło');
    const set = await setPasswordThrough(link, NEW_PASSWORD);
    expect(set.status).toBe(303);
    expect(set.headers.location).toBe('/logowanie');
    expect(await verifyPassword((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, NEW_PASSWORD)).toBe(true);
    await loginAs(ctx.app, user.email, NEW_PASSWORD);

    // Used once: the link is dead now, with a way forward.
    const again = await request(ctx.app).get(link).expect(410);
    expect(html(again.text)('h1').text()).toBe('Link nie działa');
    expect(html(again.text)('a[href="/nie-pamietam-hasla"]').length).toBe(1);
    const reuse = await submitForm(request.agent(ctx.app), '/logowanie', '/ustaw-haslo', { t: token, password: 'Inne Haslo Calkiem Nowe 9', passwordConfirm: 'Inne Haslo Calkiem Nowe 9' });
    expect(reuse.status).toBe(410);
    const actions = (await ctx.deps.db.auditLog.findMany({ orderBy: { id: 'asc' }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.invite', 'auth.invitation_accepted', 'auth.login']));
  });

  it('refuses a taken address, a missing role scope and a missing name with Polish messages at the fields, creating nothing', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN', email: 'admin@example.org' });
    const agent = await loginAs(ctx.app, admin.email);
    const taken = await submitForm(agent, '/panel/uzytkownicy/nowy', '/panel/uzytkownicy', { email: 'ADMIN@example.org', name: 'Ktoś', role: 'MODERATOR' });
    expect(taken.status).toBe(422);
    expect(fieldError(taken.text, 'email')).toContain('Konto z tym adresem e-mail już istnieje');
    const noScope = await submitForm(agent, '/panel/uzytkownicy/nowy', '/panel/uzytkownicy', { email: 'nowy@example.org', name: '', role: 'DEPARTMENT_STAFF', departmentId: '' });
    expect(noScope.status).toBe(422);
    expect(fieldError(noScope.text, 'departmentId')).toContain('Wybierz wydział');
    expect(fieldError(noScope.text, 'name')).toContain('Podaj imię i nazwisko');
    expect(html(noScope.text)('#email').val()).toBe('nowy@example.org');
    const unknownDepartment = await submitForm(agent, '/panel/uzytkownicy/nowy', '/panel/uzytkownicy', { email: 'nowy@example.org', name: 'Nowy', role: 'DEPARTMENT_STAFF', departmentId: '999999' });
    expect(fieldError(unknownDepartment.text, 'departmentId')).toContain('Wybierz wydział');
    expect(await ctx.deps.db.user.count()).toBe(1);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(0);
  });

  it('lets an invitation expire after 72 hours', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    await submitForm(agent, '/panel/uzytkownicy/nowy', '/panel/uzytkownicy', { email: 'pozno@example.org', name: 'Spóźniony', role: 'MODERATOR' });
    const [mail] = await smtp.waitFor(1);
    const link = linkTo(mail!, '/ustaw-haslo');
    ctx.clock.set(new Date(Date.parse('2026-11-24T10:00:00Z') + 72 * 3_600_000 + 1000));
    try {
      await request(ctx.app).get(link).expect(410);
    } finally {
      ctx.clock.set('2026-11-24T10:00:00Z');
    }
  });
});

describe('changing role and deactivating', () => {
  it('changes role and scope, ignores fields it does not offer, ends the person’s sessions and logs before and after', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const department = await createDepartment(ctx.deps.db);
    const staff = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'mod@example.org' });
    const staffAgent = await loginAs(ctx.app, staff.email);
    expect(await sessionsOf(staff.id)).toBe(1);
    const agent = await loginAs(ctx.app, admin.email);
    const res = await submitForm(agent, `/panel/uzytkownicy/${staff.id}`, `/panel/uzytkownicy/${staff.id}`, {
      name: 'Jan Moderator',
      role: 'DEPARTMENT_STAFF',
      departmentId: String(department.id),
      districtId: '',
      // Mass assignment: none of these are read.
      active: 'false',
      email: 'inny@example.org',
      passwordHash: 'x',
    });
    expect(res.status).toBe(303);
    const after = await ctx.deps.db.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(after).toMatchObject({ name: 'Jan Moderator', role: 'DEPARTMENT_STAFF', departmentId: department.id, email: 'mod@example.org', active: true });
    expect(after.passwordHash).toMatch(/^\$argon2id/);
    expect(await sessionsOf(staff.id)).toBe(0);
    await staffAgent.get('/panel').expect(303);
    const entry = await ctx.deps.db.auditLog.findFirstOrThrow({ where: { action: 'user.update' } });
    expect(entry.details).toMatchObject({ before: { role: 'MODERATOR' }, after: { role: 'DEPARTMENT_STAFF', departmentId: department.id } });
  });

  it('deactivation ends every session at once and blocks login; reactivation lets the person back in', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const staff = await createUser(ctx.deps.db, { role: 'MODERATOR' });
    const first = await loginAs(ctx.app, staff.email);
    const second = await loginAs(ctx.app, staff.email);
    expect(await sessionsOf(staff.id)).toBe(2);
    const agent = await loginAs(ctx.app, admin.email);
    const res = await submitForm(agent, `/panel/uzytkownicy/${staff.id}`, `/panel/uzytkownicy/${staff.id}/dezaktywacja`, {});
    expect(res.status).toBe(303);
    expect(await sessionsOf(staff.id)).toBe(0);
    await first.get('/panel').expect(303);
    await second.get('/panel').expect(303);
    const refused = await submitForm(request.agent(ctx.app), '/logowanie', '/logowanie', { email: staff.email, password: TEST_PASSWORD });
    expect(refused.status).toBe(401);
    expect(html((await agent.get(`/panel/uzytkownicy/${staff.id}`)).text)('.facts').text()).toContain('Dezaktywowane');
    await submitForm(agent, `/panel/uzytkownicy/${staff.id}`, `/panel/uzytkownicy/${staff.id}/aktywacja`, {}).then((r) => expect(r.status).toBe(303));
    await loginAs(ctx.app, staff.email);
    const actions = (await ctx.deps.db.auditLog.findMany({ where: { entityId: String(staff.id), action: { startsWith: 'user.' } }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['user.deactivate', 'user.reactivate']);
  });

  it('never leaves the portal without an active administrator, nor lets one lock themselves out', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    const self = await submitForm(agent, `/panel/uzytkownicy/${admin.id}`, `/panel/uzytkownicy/${admin.id}/dezaktywacja`, {});
    expect(self.status).toBe(422);
    expect(html(self.text)('#_form').text()).toContain('Nie możesz odebrać sobie roli administratora');
    const demote = await submitForm(agent, `/panel/uzytkownicy/${admin.id}`, `/panel/uzytkownicy/${admin.id}`, { name: 'A', role: 'MODERATOR' });
    expect(demote.status).toBe(422);
    expect((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('ADMIN');
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    await agent.get('/panel/uzytkownicy/999999').expect(404);
    await agent.get('/panel/uzytkownicy/1e3').expect(404);
  });
});

describe('"Nie pamiętam hasła"', () => {
  it('answers the same for a known and an unknown address, e-mails only the known one, and the link resets the password once', async () => {
    const staff = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'jan@example.org' });
    const old = await loginAs(ctx.app, staff.email);
    const login = html((await request(ctx.app).get('/logowanie')).text);
    expect(login('a[href="/nie-pamietam-hasla"]').text()).toBe('Nie pamiętam hasła');
    const answers: string[] = [];
    for (const email of ['jan@example.org', 'nikt@example.org']) {
      const res = await submitForm(request.agent(ctx.app), '/nie-pamietam-hasla', '/nie-pamietam-hasla', { email });
      expect(res.status).toBe(200);
      answers.push(html(res.text)('main').text().replace(/\s+/g, ' '));
    }
    expect(answers[0]).toBe(answers[1]);
    expect(answers[0]).toContain('Jeśli ten adres należy do konta w panelu');
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received.map((m) => m.to[0])).toEqual(['jan@example.org']);
    const link = linkTo(smtp.received[0]!, '/ustaw-haslo');
    expect(smtp.received[0]!.parsed.text).toContain('Link działa 30 minut');

    const weak = await setPasswordThrough(link, 'password1234');
    expect(weak.status).toBe(422);
    expect(fieldError(weak.text, 'password')).toContain('na liście najczęściej używanych');
    const mismatch = await setPasswordThrough(link, NEW_PASSWORD, NEW_PASSWORD + 'x');
    expect(fieldError(mismatch.text, 'passwordConfirm')).toContain('Hasła nie są takie same');
    expect((await setPasswordThrough(link, NEW_PASSWORD)).status).toBe(303);
    // All sessions ended, the old password is gone, the link is used up.
    await old.get('/panel').expect(303);
    expect((await submitForm(request.agent(ctx.app), '/logowanie', '/logowanie', { email: staff.email, password: TEST_PASSWORD })).status).toBe(401);
    await loginAs(ctx.app, staff.email, NEW_PASSWORD);
    await request(ctx.app).get(link).expect(410);
    const requested = await ctx.deps.db.auditLog.findMany({ where: { action: 'auth.password_reset_requested' }, orderBy: { id: 'asc' } });
    expect(requested.map((r) => r.details)).toEqual([{ email: 'jan@example.org', known: true, sent: true }, { email: 'nikt@example.org', known: false, sent: false }]);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'auth.password_reset', userId: staff.id } })).toBe(1);
  });

  it('lets a reset link expire after 30 minutes and a newer link kill the older once used', async () => {
    const staff = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'ewa@example.org' });
    await submitForm(request.agent(ctx.app), '/nie-pamietam-hasla', '/nie-pamietam-hasla', { email: staff.email });
    await submitForm(request.agent(ctx.app), '/nie-pamietam-hasla', '/nie-pamietam-hasla', { email: staff.email });
    const mails = await smtp.waitFor(2);
    const [first, second] = mails.map((m) => linkTo(m, '/ustaw-haslo'));
    expect(first).not.toBe(second);
    expect((await setPasswordThrough(second!, NEW_PASSWORD)).status).toBe(303);
    await request(ctx.app).get(first!).expect(410);
    await submitForm(request.agent(ctx.app), '/nie-pamietam-hasla', '/nie-pamietam-hasla', { email: staff.email });
    const third = linkTo((await smtp.waitFor(3))[2]!, '/ustaw-haslo');
    ctx.clock.set('2026-11-24T10:31:00Z');
    try {
      await request(ctx.app).get(third).expect(410);
    } finally {
      ctx.clock.set('2026-11-24T10:00:00Z');
    }
  });

  it('sends at most 3 links a day to one address, answering the same', async () => {
    await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'ola@example.org' });
    for (let i = 0; i < 5; i++) expect((await submitForm(request.agent(ctx.app), '/nie-pamietam-hasla', '/nie-pamietam-hasla', { email: 'ola@example.org' })).status).toBe(200);
    await waitForIdleQueue(ctx.deps.pool);
    expect(smtp.received).toHaveLength(3);
  });

  it('says "Podaj adres e-mail" at the field for an empty address', async () => {
    const res = await submitForm(request.agent(ctx.app), '/nie-pamietam-hasla', '/nie-pamietam-hasla', { email: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'email')).toContain('Podaj adres e-mail');
  });
});
