// The attack suite's authorisation and CSRF sweep over the whole route table (enumerated from Express,
// so a route added tomorrow is covered without anyone listing it): every panel or state-changing route
// declares a guard; anonymous visitors, roles without the permission and staff of another department
// or district are refused (login, 403 or 404) and nothing in the database changes; every POST refuses a
// missing, wrong or another session's CSRF token and a foreign Origin.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS, can, type Action } from '../../src/http/permissions.js';
import { useTestApp } from '../helpers/app.js';
import { createConsultation, createDepartment, createDistrict, createUser } from '../helpers/factories.js';
import { csrfToken, loginAs, type Agent } from '../helpers/http.js';
import { createInvestment } from '../helpers/investment-factories.js';
import { createNews } from '../helpers/news-factories.js';
import { appRoutes, type AppRoute } from '../helpers/routes.js';
import { createSurvey } from '../helpers/survey-factories.js';

// Hundreds of requests each; the shared test machine may be slow.
const SWEEP_TIMEOUT_MS = 240_000;
const ctx = useTestApp();

/**
 * State-changing routes open to anyone, each with the reason. Anything else that is a POST or under
 * /panel must name a guard (requirePermission / requireUser), or this suite fails.
 */
const PUBLIC_POSTS: Record<string, string> = {
  '/logowanie': 'the login form',
  '/logowanie/kod': 'the second login step (only after the password, kept in the session)',
  '/wyloguj': 'logout (ends whatever session there is)',
  '/nie-pamietam-hasla': 'asks for a reset link; neutral answer, throttled',
  '/ustaw-haslo': 'authorised by the single-use token of the e-mailed link',
  '/powiadomienia': 'residents sign up for e-mail (confirmed by a link)',
  '/powiadomienia/potwierdz': 'authorised by the e-mailed link token',
  '/powiadomienia/ustawienia': 'authorised by the e-mailed link token',
  '/powiadomienia/wypisz': 'authorised by the e-mailed link token (RFC 8058 one-click)',
  '/dyskusja/potwierdz': 'authorised by the e-mailed link token',
  '/konsultacje/:slug/dyskusja': 'residents comment (confirmed by e-mail)',
  '/konsultacje/:slug/dyskusja/:id/odpowiedz': 'residents reply (confirmed by e-mail)',
  '/konsultacje/:slug/dyskusja/:id/zglos': 'residents report a comment to moderators',
  '/konsultacje/:slug/uwagi': 'residents submit remarks while a consultation is open',
  '/wnioski': 'residents file a request for a consultation',
  '/wnioski/:id/poparcie': 'residents support a request (confirmed by e-mail)',
  '/wnioski/poparcie/potwierdz': 'authorised by the e-mailed link token',
  '/ankiety/:id': 'residents answer a survey',
  '/ankiety/:id/e-mail': 'residents ask for a survey link by e-mail',
  '/dokumenty/:id/inny-format': 'residents ask for a public document in another format (honeypot, rate limit)',
  '/twoje-dane': 'residents ask for a link to their personal data (neutral answer, honeypot, throttled)',
  '/twoje-dane/dostep': 'authorised by the single-use token of the e-mailed link',
  '/twoje-dane/usun': 'authorised by the e-mailed link, held in the session for 30 minutes',
};

/** Tables whose content must not change when a request is refused (the log, sessions and counters may). */
const VOLATILE = new Set(['audit_log', 'session', 'rate_limit', '_prisma_migrations']);

async function fingerprint(): Promise<Record<string, string>> {
  const { rows } = await ctx.deps.pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const tables = rows.map((r) => r.tablename).filter((t) => !VOLATILE.has(t));
  const sql = tables.map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`).join(' UNION ALL ');
  const result = await ctx.deps.pool.query<{ t: string; h: string }>(sql);
  return Object.fromEntries(result.rows.map((r) => [r.t, r.h]));
}

const routes = () => appRoutes(ctx.app);
const fill = (path: string, values: Record<string, string> = {}) => path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? '1');

async function hit(agent: Agent | ReturnType<typeof request>, route: AppRoute, path: string, token: string | undefined) {
  const client = agent as Agent;
  return route.method === 'GET' ? client.get(path) : client.post(path).type('form').send(token === undefined ? { title: 'x', name: 'x' } : { _csrf: token, title: 'x', name: 'x' });
}

describe('every route declares who may use it', () => {
  it('finds a guard on every /panel route and every POST route that is not on the reviewed public list', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(100);
    const undeclared = all.filter((r) => (r.method === 'POST' || r.path.startsWith('/panel')) && r.guard === null && !(r.method === 'POST' && r.path in PUBLIC_POSTS));
    expect(undeclared.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // The public list names only routes that exist, and none of them is under /panel.
    const posts = new Set(all.filter((r) => r.method === 'POST').map((r) => r.path));
    expect(Object.keys(PUBLIC_POSTS).filter((p) => !posts.has(p) || p.startsWith('/panel'))).toEqual([]);
    for (const route of all) if (route.guard && route.guard !== 'user') expect(ACTIONS, route.path).toContain(route.guard);
  }, SWEEP_TIMEOUT_MS);
});

describe('refused requests change nothing', () => {
  let departmentA: number;
  let districtA: number;
  let records: Record<string, Record<string, string>>;

  beforeEach(async () => {
    const db = ctx.deps.db;
    departmentA = (await createDepartment(db, { code: 'A' })).id;
    districtA = (await createDistrict(db, { slug: 'dzielnica-a' })).id;
    const consultation = await createConsultation(db, { departmentId: departmentA, title: 'Tajna konsultacja A', publishedAt: null });
    const news = await createNews(db, { districtId: districtA, title: 'Tajna aktualność A', publishedAt: null });
    const investment = await createInvestment(db, { departmentId: departmentA, title: 'Tajna inwestycja A', publishedAt: null });
    const survey = await createSurvey(db, { departmentId: departmentA, title: 'Tajna ankieta A' });
    records = {
      '/panel/konsultacje/': { id: String(consultation.id) },
      '/panel/aktualnosci/': { id: String(news.id) },
      '/panel/inwestycje/': { id: String(investment.id) },
      '/panel/ankiety/': { id: String(survey.id) },
      '/panel/dzielnice/': { slug: 'dzielnica-a', id: String(districtA) },
    };
  }, SWEEP_TIMEOUT_MS);

  const valuesFor = (path: string) => Object.entries(records).find(([prefix]) => path.startsWith(prefix))?.[1] ?? {};

  it('sends anonymous visitors of every guarded route to the login page', async () => {
    const before = await fingerprint();
    const agent = request.agent(ctx.app);
    const token = await csrfToken(agent, '/logowanie');
    const failures: string[] = [];
    for (const route of routes().filter((r) => r.guard)) {
      const res = await hit(agent, route, fill(route.path, valuesFor(route.path)), token);
      if (res.status !== 303 || !String(res.headers.location).startsWith('/logowanie')) failures.push(`${route.method} ${route.path}: ${res.status} ${res.headers.location ?? ''}`);
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  }, SWEEP_TIMEOUT_MS);

  it('refuses (403) every role the route’s permission does not include, for every method', async () => {
    const db = ctx.deps.db;
    const users = {
      DEPARTMENT_STAFF: await createUser(db, { role: 'DEPARTMENT_STAFF', departmentId: departmentA }),
      COUNCILLOR: await createUser(db, { role: 'COUNCILLOR', districtId: districtA }),
      MODERATOR: await createUser(db, { role: 'MODERATOR' }),
    };
    const failures: string[] = [];
    let checked = 0;
    for (const [role, user] of Object.entries(users)) {
      const agent = await loginAs(ctx.app, user.email);
      const token = await csrfToken(agent, '/panel/konto/haslo');
      const before = await fingerprint();
      for (const route of routes().filter((r) => r.guard && r.guard !== 'user')) {
        if (can({ id: user.id, role: user.role, departmentId: user.departmentId, districtId: user.districtId }, route.guard as Action)) continue;
        checked += 1;
        const res = await hit(agent, route, fill(route.path, valuesFor(route.path)), token);
        if (res.status !== 403) failures.push(`${role} ${route.method} ${route.path}: ${res.status}`);
      }
      expect(await fingerprint(), role).toEqual(before);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(300);
    // Each refusal is in the audit log.
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'auth.forbidden' } })).toBe(checked);
  }, SWEEP_TIMEOUT_MS);

  it('refuses staff of another department or district every route of a record they do not own (403 or 404, never its data)', async () => {
    const db = ctx.deps.db;
    const otherDepartment = await createUser(db, { role: 'DEPARTMENT_STAFF' });
    const otherCouncillor = await createUser(db, { role: 'COUNCILLOR' });
    const failures: string[] = [];
    let checked = 0;
    for (const user of [otherDepartment, otherCouncillor]) {
      const agent = await loginAs(ctx.app, user.email);
      const token = await csrfToken(agent, '/panel/konto/haslo');
      const before = await fingerprint();
      for (const route of routes()) {
        const values = valuesFor(route.path);
        if (!route.guard || !/:(id|slug)\b/.test(route.path) || Object.keys(values).length === 0) continue;
        // Only the roles that may use the route at all: the question is the record's owner.
        if (!can({ id: user.id, role: user.role, departmentId: user.departmentId, districtId: user.districtId }, route.guard as Action)) continue;
        checked += 1;
        const res = await hit(agent, route, fill(route.path, values), token);
        if (![403, 404].includes(res.status)) failures.push(`${user.role} ${route.method} ${route.path}: ${res.status}`);
        if (/Tajna (konsultacja|aktualność|inwestycja|ankieta) A/.test(res.text)) failures.push(`${user.role} ${route.method} ${route.path}: shows the record`);
      }
      expect(await fingerprint(), user.role).toEqual(before);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  }, SWEEP_TIMEOUT_MS);
});

describe('CSRF on every state-changing route', () => {
  it('refuses a missing, wrong or another session’s token and a foreign Origin on every POST, changing nothing', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    const token = await csrfToken(agent, '/panel/konto/haslo');
    const other = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'ADMIN' })).email);
    const otherToken = await csrfToken(other, '/panel/konto/haslo');
    const before = await fingerprint();
    const failures: string[] = [];
    // The e-mailed links' own routes are authorised by their token instead (decision 15), and come before the CSRF check.
    const linkRoutes = new Set(['/powiadomienia/potwierdz', '/powiadomienia/ustawienia', '/powiadomienia/wypisz', '/dyskusja/potwierdz', '/wnioski/poparcie/potwierdz']);
    const posts = routes().filter((r) => r.method === 'POST' && !linkRoutes.has(r.path) && r.path !== '/wyloguj');
    for (const route of posts) {
      const path = fill(route.path);
      for (const [label, sent] of [['missing', undefined], ['wrong', 'x'.repeat(64)], ['another session', otherToken]] as const) {
        const res = await hit(agent, route, path, sent);
        if (res.status !== 403) failures.push(`${route.path} (${label}): ${res.status}`);
      }
      const foreign = await agent.post(path).set('Origin', 'https://zly.example').type('form').send({ _csrf: token, title: 'x' });
      if (foreign.status !== 403) failures.push(`${route.path} (foreign Origin): ${foreign.status}`);
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toEqual(before);
    // Still signed in: the refusals did not end the session.
    await agent.get('/panel').expect(200);
  }, SWEEP_TIMEOUT_MS);

  it('changes nothing on GET: every GET route answers without writing content', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    const agent = await loginAs(ctx.app, admin.email);
    const before = await fingerprint();
    for (const route of routes().filter((r) => r.method === 'GET' && r.path !== '/wyloguj')) await agent.get(fill(route.path));
    const after = await fingerprint();
    // The staff digest settings page and feeds only read; counters and logs are volatile and excluded.
    expect(after).toEqual(before);
  }, SWEEP_TIMEOUT_MS);
});
