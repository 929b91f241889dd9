// The attack suite's headers and cookies: on every kind of HTML page a CSP without inline script,
// object-src, base-uri and frame-ancestors 'none', nosniff, a Referrer-Policy; no-store on panel and
// sign-in pages; HSTS and Secure cookies in production behind TLS.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { testConfig, useTestApp } from '../helpers/app.js';
import { createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { csrfFrom, loginAs } from '../helpers/http.js';
import { appRoutes } from '../helpers/routes.js';

// Hundreds of requests each; the shared test machine may be slow.
const SWEEP_TIMEOUT_MS = 240_000;
const ctx = useTestApp();

type Answer = Awaited<ReturnType<ReturnType<typeof request>['get']>>;
const setCookies = (res: Answer) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
function cookieNamed(res: Answer, name: string): string {
  const cookie = setCookies(res).find((c) => c.startsWith(`${name}=`));
  expect(cookie, `a ${name} cookie`).toBeDefined();
  return cookie!;
}

/** Signs in with the form and the cookies of the login page just read, as a browser would. */
async function signInOver(app: Parameters<typeof request>[0], form: Answer, headers: Record<string, string>): Promise<Answer> {
  const cookies = setCookies(form).map((c) => c.split(';')[0]!).join('; ');
  const login = await request(app).post('/logowanie').set(headers).set('Cookie', cookies).type('form').send({ _csrf: csrfFrom(form.text), email: 'ciasteczko@example.org', password: TEST_PASSWORD });
  expect(login.status).toBe(303);
  return login;
}

function directives(csp: string): Record<string, string> {
  return Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]));
}

function expectSafeHeaders(res: request.Response, where: string) {
  const csp = directives(String(res.headers['content-security-policy']));
  expect(csp['script-src'], where).toBe("'self'");
  expect(csp['style-src'], where).toBe("'self'");
  expect(csp['object-src'], where).toBe("'none'");
  expect(csp['base-uri'], where).toBe("'none'");
  expect(csp['frame-ancestors'], where).toBe("'none'");
  expect(String(res.headers['content-security-policy']), where).not.toContain('unsafe-inline');
  expect(String(res.headers['content-security-policy']), where).not.toContain('unsafe-eval');
  expect(res.headers['x-content-type-options'], where).toBe('nosniff');
  expect(res.headers['referrer-policy'], where).toBe('no-referrer');
  expect(res.headers['x-frame-options'], where).toBe('SAMEORIGIN');
  expect(res.headers['x-powered-by'], where).toBeUndefined();
}

describe('security headers', () => {
  it('sends them on every GET page of the route table, public and panel, and on errors', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    const pages = appRoutes(ctx.app).filter((r) => r.method === 'GET').map((r) => r.path.replace(/:(\w+)/g, '1'));
    let html = 0;
    for (const path of pages) {
      const res = await agent.get(path);
      if (!String(res.headers['content-type']).startsWith('text/html')) continue;
      html += 1;
      expectSafeHeaders(res, path);
    }
    expect(html).toBeGreaterThan(80);
    expectSafeHeaders(await request(ctx.app).get('/nie-ma-takiej-strony').expect(404), '404');
  }, SWEEP_TIMEOUT_MS);

  it('keeps panel and sign-in pages out of caches, and public pages cacheable', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    for (const path of ['/panel', '/panel/uzytkownicy', '/panel/dziennik', '/panel/konto/sesje']) expect((await agent.get(path)).headers['cache-control'], path).toBe('no-store');
    for (const path of ['/logowanie', '/nie-pamietam-hasla']) expect((await request(ctx.app).get(path)).headers['cache-control'], path).toBe('no-store');
    expect((await request(ctx.app).get('/konsultacje')).headers['cache-control'] ?? '').not.toContain('no-store');
  }, SWEEP_TIMEOUT_MS);

  it('marks the session cookie and the visitor’s form-token cookie HttpOnly and SameSite=Lax (and not Secure over plain HTTP in development)', async () => {
    await createUser(ctx.deps.db, { email: 'ciasteczko@example.org' });
    const form = await request(ctx.app).get('/logowanie');
    // A visitor reading a form gets only the form-token cookie (no session until there is something to keep).
    const visitor = cookieNamed(form, 'konsultacje.csrf');
    const login = await signInOver(ctx.app, form, {});
    for (const cookie of [visitor, cookieNamed(login, SESSION_COOKIE)]) {
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/; Secure/);
    }
  }, SWEEP_TIMEOUT_MS);

  it('in production behind TLS: HSTS, upgrade-insecure-requests and Secure cookies', async () => {
    await createUser(ctx.deps.db, { email: 'ciasteczko@example.org' });
    const production = createApp({ ...ctx.deps, config: testConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(48), BASE_URL: 'https://konsultacje.example.org', UPLOADS_DIR: ctx.uploadsDir }) });
    const res = await request(production).get('/logowanie').set('X-Forwarded-Proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}; includeSubDomains/);
    expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    // Over HTTPS the form-token cookie has the __Host- prefix: only this host can set it.
    const visitor = cookieNamed(res, '__Host-konsultacje.csrf');
    const login = await signInOver(production, res, { 'X-Forwarded-Proto': 'https' });
    for (const cookie of [visitor, cookieNamed(login, SESSION_COOKIE)]) {
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
    }
    expectSafeHeaders(res, 'production /logowanie');
  }, SWEEP_TIMEOUT_MS);
});
