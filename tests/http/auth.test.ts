import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { useTestApp } from '../helpers/app.js';
import { createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm } from '../helpers/http.js';

const ctx = useTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_SLOWDOWN_MS: '200' });

function sessionId(setCookie: string[] | string | undefined): string | undefined {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
}

describe('login page', () => {
  it('shows labelled e-mail and password fields and a "Zaloguj się" button', async () => {
    const res = await request(ctx.app).get('/logowanie').expect(200);
    const $ = html(res.text);
    expect($('label[for="email"]').text().trim()).toBe('Adres e-mail');
    expect($('label[for="password"]').text().trim()).toBe('Hasło');
    expect($('main form button[type="submit"]').text().trim()).toBe('Zaloguj się');
    expect($('input[name="_csrf"]').val()).toBeTruthy();
  });
});

describe('logging in', () => {
  it('signs in with the right password, regenerates the session id and lands on the panel greeting by name', async () => {
    await createUser(ctx.deps.db, { email: 'anna@example.org', name: 'Anna Nowak', role: 'ADMIN' });
    const agent = request.agent(ctx.app);
    const before = sessionId((await agent.get('/logowanie')).headers['set-cookie']);
    const res = await submitForm(agent, '/logowanie', '/logowanie', { email: 'Anna@Example.org ', password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/panel');
    const after = sessionId(res.headers['set-cookie']);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const panel = await agent.get('/panel').expect(200);
    expect(html(panel.text)('h1').text()).toContain('Anna Nowak');
    expect(panel.text).toContain('Zalogowano');
    const entry = await ctx.deps.db.auditLog.findFirst({ where: { action: 'auth.login' } });
    expect(entry?.ip).toBeTruthy();
  });

  it('gives one neutral message for a wrong password and for an unknown e-mail', async () => {
    await createUser(ctx.deps.db, { email: 'anna@example.org' });
    const agent = request.agent(ctx.app);
    for (const email of ['anna@example.org', 'nikt@example.org']) {
      const res = await submitForm(agent, '/logowanie', '/logowanie', { email, password: 'zle-haslo-123' });
      expect(res.status).toBe(401);
      expect(fieldError(res.text, 'email')).toContain('Nieprawidłowy adres e-mail lub hasło');
      expect(html(res.text)('#email').val()).toBe(email);
      expect(html(res.text)('#password').val()).toBeUndefined();
    }
  });

  it('re-renders the form with "Podaj adres e-mail" and an error summary when the e-mail is blank', async () => {
    const agent = request.agent(ctx.app);
    const res = await submitForm(agent, '/logowanie', '/logowanie', { email: '  ', password: '' });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('.error-summary a[href="#email"]').text()).toBe('Podaj adres e-mail');
    expect($('.error-summary a[href="#password"]').text()).toBe('Podaj hasło');
    expect(fieldError(res.text, 'email')).toContain('Podaj adres e-mail');
  });

  it('rejects a malformed e-mail with a Polish message at the field and keeps the value', async () => {
    const agent = request.agent(ctx.app);
    const res = await submitForm(agent, '/logowanie', '/logowanie', { email: 'anna-at-example', password: 'x' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'email')).toContain('Podaj adres e-mail w poprawnym formacie');
    expect(html(res.text)('#email').val()).toBe('anna-at-example');
  });

  it('refuses a login without a CSRF token with 403 and a Polish message, and logs nobody in', async () => {
    await createUser(ctx.deps.db, { email: 'anna@example.org' });
    const agent = request.agent(ctx.app);
    const res = await agent.post('/logowanie').type('form').send({ email: 'anna@example.org', password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Sesja wygasła, wróć i spróbuj ponownie.');
    await agent.get('/panel').expect(303);
    // Nobody logged in; only the refusal itself is recorded.
    expect((await ctx.deps.db.auditLog.findMany()).map((e) => e.action)).toEqual(['auth.csrf_refused']);
  });

  it('slows repeated failures down, then refuses the account for a while even with the right password', async () => {
    await createUser(ctx.deps.db, { email: 'anna@example.org' });
    const agent = request.agent(ctx.app);
    for (let i = 0; i < 3; i++) {
      expect((await submitForm(agent, '/logowanie', '/logowanie', { email: 'anna@example.org', password: 'zle-haslo' })).status).toBe(401);
    }
    expect(ctx.sleeps.length).toBeGreaterThan(0);
    const res = await submitForm(agent, '/logowanie', '/logowanie', { email: 'anna@example.org', password: TEST_PASSWORD });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(fieldError(res.text, 'email')).toContain('Zbyt wiele nieudanych prób logowania');
    await agent.get('/panel').expect(303);
  });

  it('returns to the page asked for after login, but never to another site', async () => {
    const user = await createUser(ctx.deps.db);
    const agent = request.agent(ctx.app);
    const redirect = await agent.get('/panel').expect(303);
    expect(redirect.headers.location).toBe('/logowanie?next=%2Fpanel');
    const form = await agent.get(String(redirect.headers.location)).expect(200);
    expect(html(form.text)('input[name="next"]').val()).toBe('/panel');
    for (const [next, expected] of [['/panel', '/panel'], ['//evil.example/x', '/panel'], ['https://evil.example/', '/panel'], ['/\\evil.example', '/panel']] as const) {
      const res = await submitForm(agent, '/logowanie', '/logowanie', { email: user.email, password: TEST_PASSWORD, next });
      expect(res.headers.location).toBe(expected);
      await submitForm(agent, '/panel', '/wyloguj', {});
    }
  });

  it('does not let a deactivated account sign in', async () => {
    await createUser(ctx.deps.db, { email: 'old@example.org', active: false });
    const agent = request.agent(ctx.app);
    const res = await submitForm(agent, '/logowanie', '/logowanie', { email: 'old@example.org', password: TEST_PASSWORD });
    expect(res.status).toBe(401);
  });
});

describe('sessions', () => {
  it('ends the session on logout so the old cookie no longer opens the panel', async () => {
    const user = await createUser(ctx.deps.db);
    const agent = await loginAs(ctx.app, user.email);
    await agent.get('/panel').expect(200);
    const res = await submitForm(agent, '/panel', '/wyloguj', {});
    expect(res.status).toBe(303);
    await agent.get('/panel').expect(303);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'auth.logout', userId: user.id } })).toBe(1);
  });

  it('ends the session at once when the account is deactivated', async () => {
    const user = await createUser(ctx.deps.db);
    const agent = await loginAs(ctx.app, user.email);
    await agent.get('/panel').expect(200);
    await ctx.deps.db.user.update({ where: { id: user.id }, data: { active: false } });
    await agent.get('/panel').expect(303);
  });

  it('stores sessions in PostgreSQL, so another app instance on the same database knows the user', async () => {
    const user = await createUser(ctx.deps.db, { name: 'Piotr Kowalski' });
    const agent = await loginAs(ctx.app, user.email);
    const cookie = (await agent.get('/panel')).request.cookies;
    expect(await ctx.deps.db.session.count()).toBeGreaterThan(0);
    const { createApp } = await import('../../src/app.js');
    const other = createApp(ctx.deps);
    const res = await request(other).get('/panel').set('Cookie', cookie).expect(200);
    expect(html(res.text)('h1').text()).toContain('Piotr Kowalski');
  });
});
