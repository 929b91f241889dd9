// The signed-in user's account: change password (re-authentication), "Twoje sesje" with sign-out
// elsewhere, idle and absolute timeouts, logout destroying the session row.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { useTestApp } from '../helpers/app.js';
import { createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm } from '../helpers/http.js';

const ctx = useTestApp({ SESSION_MAX_AGE_MINUTES: '60', SESSION_ABSOLUTE_HOURS: '12' });
const NEW_PASSWORD = 'Zielony Tramwaj Na Rakowie 7';

async function sessionRows(userId: number): Promise<{ sid: string; expire: Date }[]> {
  const { rows } = await ctx.deps.pool.query(`SELECT sid, expire FROM session WHERE (sess #>> '{passport,user}') = $1`, [String(userId)]);
  return rows;
}

describe('changing one’s password', () => {
  it('asks for the current password first, applies the password rules, and ends the other sessions but not this one', async () => {
    const user = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'jan@example.org' });
    const other = await loginAs(ctx.app, user.email);
    const agent = await loginAs(ctx.app, user.email);
    const account = html((await agent.get('/panel/konto').expect(200)).text);
    expect(account('a[href="/panel/konto/haslo"]').text()).toBe('Zmień hasło');
    expect(account('a[href="/panel/konto/sesje"]').text()).toBe('Twoje sesje');

    const wrong = await submitForm(agent, '/panel/konto/haslo', '/panel/konto/haslo', { currentPassword: 'nie-to-haslo', password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(wrong.status).toBe(422);
    expect(fieldError(wrong.text, 'currentPassword')).toContain('Obecne hasło jest nieprawidłowe');
    const short = await submitForm(agent, '/panel/konto/haslo', '/panel/konto/haslo', { currentPassword: TEST_PASSWORD, password: 'krótkie', passwordConfirm: 'krótkie' });
    expect(fieldError(short.text, 'password')).toContain('co najmniej 12 znaków');
    const missing = await submitForm(agent, '/panel/konto/haslo', '/panel/konto/haslo', { currentPassword: '', password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(fieldError(missing.text, 'currentPassword')).toContain('Podaj obecne hasło');
    // Nothing in the form comes back filled.
    expect(html(missing.text)('#password').val()).toBeUndefined();

    const before = (await sessionRows(user.id)).map((r) => r.sid);
    const ok = await submitForm(agent, '/panel/konto/haslo', '/panel/konto/haslo', { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(ok.status).toBe(303);
    const after = (await sessionRows(user.id)).map((r) => r.sid);
    expect(after).toHaveLength(1);
    // This session carries on under a new id; the other one is gone.
    expect(before).not.toContain(after[0]);
    await agent.get('/panel').expect(200);
    await other.get('/panel').expect(303);
    await loginAs(ctx.app, user.email, NEW_PASSWORD);
    const actions = (await ctx.deps.db.auditLog.findMany({ where: { userId: user.id }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.reauth_failed', 'auth.password_changed']));
  });
});

describe('"Twoje sesje"', () => {
  it('lists the user’s sessions with browser and address, marks this one, ends one or all others', async () => {
    const user = await createUser(ctx.deps.db, { role: 'COUNCILLOR' });
    const stranger = await createUser(ctx.deps.db, { role: 'COUNCILLOR' });
    const strangerAgent = await loginAs(ctx.app, stranger.email);
    const phone = request.agent(ctx.app).set('User-Agent', 'Telefon Testowy/1.0');
    await submitForm(phone, '/logowanie', '/logowanie', { email: user.email, password: TEST_PASSWORD });
    const laptop = await loginAs(ctx.app, user.email);
    const third = await loginAs(ctx.app, user.email);
    const $ = html((await laptop.get('/panel/konto/sesje').expect(200)).text);
    expect($('h1').text()).toBe('Twoje sesje');
    expect($('.sessions-table tbody tr').length).toBe(3);
    expect($('.sessions-table').text()).toContain('Telefon Testowy/1.0');
    expect($('.sessions-table .tag').text()).toBe('Ta sesja');
    // The page never shows a session id.
    for (const row of await sessionRows(user.id)) expect($.html()).not.toContain(row.sid);

    const phoneRow = $('.sessions-table tbody tr').filter((_, tr) => $(tr).text().includes('Telefon Testowy'));
    const action = phoneRow.find('form').attr('action')!;
    expect(action).toMatch(/^\/panel\/konto\/sesje\/[A-Za-z0-9_-]{22}\/wyloguj$/);
    // Another user cannot end it with the same handle.
    expect((await submitForm(strangerAgent, '/panel/konto/sesje', action, {})).status).toBe(404);
    await phone.get('/panel').expect(200);
    expect((await submitForm(laptop, '/panel/konto/sesje', action, {})).status).toBe(303);
    await phone.get('/panel').expect(303);
    await third.get('/panel').expect(200);
    expect((await submitForm(laptop, '/panel/konto/sesje', '/panel/konto/sesje/wyloguj-pozostale', {})).status).toBe(303);
    await third.get('/panel').expect(303);
    await laptop.get('/panel').expect(200);
    await strangerAgent.get('/panel').expect(200);
    expect(html((await laptop.get('/panel/konto/sesje')).text)('.notice').text()).toContain('Nie masz innych aktywnych sesji');
  });
});

describe('session limits', () => {
  it('logs out on the server: the session row is deleted and the old cookie opens nothing', async () => {
    const user = await createUser(ctx.deps.db);
    const agent = request.agent(ctx.app);
    const login = await submitForm(agent, '/logowanie', '/logowanie', { email: user.email, password: TEST_PASSWORD });
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith(SESSION_COOKIE))!.split(';')[0]!;
    // The stolen cookie works while the session lives...
    await request(ctx.app).get('/panel').set('Cookie', cookie).expect(200);
    expect(await sessionRows(user.id)).toHaveLength(1);
    expect((await submitForm(agent, '/panel', '/wyloguj', {})).status).toBe(303);
    expect(await sessionRows(user.id)).toHaveLength(0);
    // ...and opens nothing after the logout.
    const replay = await request(ctx.app).get('/panel').set('Cookie', cookie);
    expect(replay.status).toBe(303);
  });

  it('sets the idle timeout on the cookie and the row: 60 minutes from the last request', async () => {
    const user = await createUser(ctx.deps.db);
    const agent = request.agent(ctx.app);
    const res = await submitForm(agent, '/logowanie', '/logowanie', { email: user.email, password: TEST_PASSWORD });
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(SESSION_COOKIE))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]!);
    expect(Math.abs(expires - Date.now() - 60 * 60_000)).toBeLessThan(60_000);
    const [row] = await sessionRows(user.id);
    expect(Math.abs(row!.expire.getTime() - Date.now() - 60 * 60_000)).toBeLessThan(60_000);
  });

  it('ends a session 12 hours after login however active it is', async () => {
    const user = await createUser(ctx.deps.db);
    const agent = await loginAs(ctx.app, user.email);
    ctx.clock.set('2026-11-24T21:59:00Z');
    try {
      await agent.get('/panel').expect(200);
      ctx.clock.set('2026-11-24T22:00:01Z');
      const res = await agent.get('/panel');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/logowanie?next=%2Fpanel');
      await agent.get('/panel').expect(303);
    } finally {
      ctx.clock.set('2026-11-24T10:00:00Z');
    }
  });

  it('keeps anonymous visitors free of sessions and refuses the account pages to them', async () => {
    for (const path of ['/panel/konto', '/panel/konto/haslo', '/panel/konto/sesje']) {
      const res = await request(ctx.app).get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/logowanie?next=${encodeURIComponent(path)}`);
    }
  });
});
