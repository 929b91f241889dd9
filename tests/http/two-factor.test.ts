// Two-factor login: turning it on with a QR code drawn locally and a first code, recovery codes kept
// hashed, the second login step (codes work once, throttled), turning it off with the password, and
// the administrators' per-role requirement.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { totp } from '../../src/features/auth/totp.js';
import { useTestApp } from '../helpers/app.js';
import { createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';

const ctx = useTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '5' });

/** Turns two-factor login on through the pages; returns the secret and the recovery codes. */
async function enable(agent: Agent): Promise<{ secret: string; codes: string[] }> {
  expect((await submitForm(agent, '/panel/konto/dwuetapowe', '/panel/konto/dwuetapowe/nowy', {})).status).toBe(303);
  const $ = html((await agent.get('/panel/konto/dwuetapowe').expect(200)).text);
  const secret = $('.totp-secret').text().replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const res = await submitForm(agent, '/panel/konto/dwuetapowe', '/panel/konto/dwuetapowe/wlacz', { code: totp(secret, ctx.clock.now()) });
  expect(res.status).toBe(200);
  const codes = html(res.text)('.recovery-codes code').map((_, el) => html(el as never).text()).get();
  return { secret, codes };
}

async function passwordStep(email: string) {
  const agent = request.agent(ctx.app);
  const res = await submitForm(agent, '/logowanie', '/logowanie', { email, password: TEST_PASSWORD });
  return { agent, res };
}

describe('turning two-factor login on', () => {
  it('shows a locally drawn QR code and the key, wants a right first code, then shows 10 recovery codes once and keeps only their hashes', async () => {
    const user = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'jan@example.org' });
    const agent = await loginAs(ctx.app, user.email);
    expect(html((await agent.get('/panel/konto')).text)('a[href="/panel/konto/dwuetapowe"]').text()).toBe('Logowanie dwuetapowe');
    await submitForm(agent, '/panel/konto/dwuetapowe', '/panel/konto/dwuetapowe/nowy', {});
    const page = await agent.get('/panel/konto/dwuetapowe').expect(200);
    const $ = html(page.text);
    expect($('.totp-qr svg path').length).toBeGreaterThan(0);
    // No image or script from anywhere else: the secret never leaves the portal.
    expect($('img[src^="http"], script[src^="http"]').length).toBe(0);
    const wrong = await submitForm(agent, '/panel/konto/dwuetapowe', '/panel/konto/dwuetapowe/wlacz', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(fieldError(wrong.text, 'code')).toContain('Kod jest nieprawidłowy');
    const secret = $('.totp-secret').text().replace(/\s/g, '');
    const ok = await submitForm(agent, '/panel/konto/dwuetapowe', '/panel/konto/dwuetapowe/wlacz', { code: totp(secret, ctx.clock.now()) });
    const codes = html(ok.text)('.recovery-codes code').map((_, el) => html(el as never).text()).get();
    expect(codes).toHaveLength(10);
    expect(codes[0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const stored = await ctx.deps.db.recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));
    expect((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).not.toBeNull();
    expect(html((await agent.get('/panel/konto/dwuetapowe')).text)('.recovery-codes').length).toBe(0);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'auth.2fa_enabled', userId: user.id } })).toBe(1);
  });
});

describe('signing in with two factors', () => {
  it('asks for the code after the password, lets nobody in on the password alone, and takes each code once', async () => {
    const user = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'jan@example.org' });
    const { secret } = await enable(await loginAs(ctx.app, user.email));
    const { agent, res } = await passwordStep(user.email);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/logowanie/kod');
    await agent.get('/panel').expect(303);
    expect(html((await agent.get('/logowanie/kod').expect(200)).text)('h1').text()).toBe('Kod logowania');
    const wrong = await submitForm(agent, '/logowanie/kod', '/logowanie/kod', { code: '123456' });
    expect(wrong.status).toBe(401);
    expect(fieldError(wrong.text, 'code')).toContain('Kod jest nieprawidłowy');
    // The code that switched it on was used: the next step's code is needed.
    ctx.clock.set('2026-11-24T10:00:30Z');
    try {
      const code = totp(secret, ctx.clock.now());
      const ok = await submitForm(agent, '/logowanie/kod', '/logowanie/kod', { code });
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe('/panel');
      await agent.get('/panel').expect(200);
      const again = await passwordStep(user.email);
      expect((await submitForm(again.agent, '/logowanie/kod', '/logowanie/kod', { code })).status).toBe(401);
    } finally {
      ctx.clock.set('2026-11-24T10:00:00Z');
    }
    const failures = await ctx.deps.db.auditLog.findMany({ where: { action: 'auth.login_failed' } });
    expect(failures.map((f) => f.details)).toEqual([{ email: user.email, step: 'second_factor' }, { email: user.email, step: 'second_factor' }]);
  });

  it('accepts a recovery code once, and throttles guessing like passwords', async () => {
    const user = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'ewa@example.org' });
    const { codes } = await enable(await loginAs(ctx.app, user.email));
    const first = await passwordStep(user.email);
    const ok = await submitForm(first.agent, '/logowanie/kod', '/logowanie/kod', { code: codes[0]!.toUpperCase() });
    expect(ok.status).toBe(303);
    expect((await first.agent.get('/panel')).text).toContain('Użyto kodu zapasowego. Pozostało: 9.');
    const second = await passwordStep(user.email);
    expect((await submitForm(second.agent, '/logowanie/kod', '/logowanie/kod', { code: codes[0]! })).status).toBe(401);
    for (let i = 0; i < 4; i++) await submitForm(second.agent, '/logowanie/kod', '/logowanie/kod', { code: '111111' });
    const blocked = await submitForm(second.agent, '/logowanie/kod', '/logowanie/kod', { code: codes[1]! });
    expect(blocked.status).toBe(429);
  });

  it('forgets a password step left for more than five minutes', async () => {
    const user = await createUser(ctx.deps.db, { role: 'MODERATOR' });
    await enable(await loginAs(ctx.app, user.email));
    const { agent } = await passwordStep(user.email);
    ctx.clock.set('2026-11-24T10:05:01Z');
    try {
      const res = await agent.get('/logowanie/kod');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/logowanie');
    } finally {
      ctx.clock.set('2026-11-24T10:00:00Z');
    }
  });
});

describe('turning it off and requiring it', () => {
  it('turns off only with the password again', async () => {
    const user = await createUser(ctx.deps.db, { role: 'COUNCILLOR' });
    const agent = await loginAs(ctx.app, user.email);
    await enable(agent);
    const wrong = await submitForm(agent, '/panel/konto/dwuetapowe', '/panel/konto/dwuetapowe/wylacz', { password: 'nie-to-haslo-wcale' });
    expect(wrong.status).toBe(422);
    expect(fieldError(wrong.text, 'password')).toContain('Obecne hasło jest nieprawidłowe');
    expect((await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).not.toBeNull();
    expect((await submitForm(agent, '/panel/konto/dwuetapowe', '/panel/konto/dwuetapowe/wylacz', { password: TEST_PASSWORD })).status).toBe(303);
    expect(await ctx.deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ totpEnabledAt: null, totpSecret: null });
    expect(await ctx.deps.db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });

  it('lets administrators require it for a role: such a person sees only the enrolment page until it is on', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const moderator = await createUser(ctx.deps.db, { role: 'MODERATOR' });
    const adminAgent = await loginAs(ctx.app, admin.email);
    const res = await submitForm(adminAgent, '/panel/uzytkownicy/logowanie-dwuetapowe', '/panel/uzytkownicy/logowanie-dwuetapowe', { roles: 'MODERATOR' });
    expect(res.status).toBe(303);
    expect(html((await adminAgent.get('/panel/uzytkownicy/logowanie-dwuetapowe')).text)('input[value="MODERATOR"]').attr('checked')).toBeDefined();
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'settings.2fa_policy' } })).toBe(1);

    const { agent, res: login } = await passwordStep(moderator.email);
    expect(login.headers.location).toBe('/panel/konto/dwuetapowe');
    const panel = await agent.get('/panel');
    expect(panel.status).toBe(303);
    expect(panel.headers.location).toBe('/panel/konto/dwuetapowe');
    expect((await agent.get('/panel/konto/dwuetapowe')).text).toContain('Administrator wymaga logowania dwuetapowego');
    await enable(agent);
    await agent.get('/panel').expect(200);
    // Required: it cannot be turned off.
    const off = await submitForm(agent, '/panel/konto/dwuetapowe', '/panel/konto/dwuetapowe/wylacz', { password: TEST_PASSWORD });
    expect(off.status).toBe(422);

    const modAgent = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF' })).email);
    await modAgent.get('/panel/uzytkownicy/logowanie-dwuetapowe').expect(403);
  });
});
