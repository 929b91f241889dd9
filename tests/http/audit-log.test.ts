// The audit log viewer (administrators only): filters, pages, CSV export; and that logins, failed
// logins, refused requests (403, CSRF) and staff changes reach the log.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/features/audit/audit.service.js';
import { useTestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { html, loginAs, submitForm } from '../helpers/http.js';

const ctx = useTestApp();

describe('what reaches the audit log', () => {
  it('records a login, a failed login (without the password), a 403 and a refused CSRF token, with the path but no query', async () => {
    const moderator = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'mod@example.org' });
    await submitForm(request.agent(ctx.app), '/logowanie', '/logowanie', { email: 'mod@example.org', password: 'Zle-Haslo-Sekret-1' });
    const agent = await loginAs(ctx.app, moderator.email);
    await agent.get('/panel/uzytkownicy?t=sekretny-token').expect(403);
    await agent.post('/panel/uzytkownicy').type('form').send({ _csrf: 'zly-token', email: 'x@example.org' }).expect(403);
    const rows = await ctx.deps.db.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.action, r.userId])).toEqual([
      ['auth.login_failed', null],
      ['auth.login', moderator.id],
      ['auth.forbidden', moderator.id],
      ['auth.csrf_refused', moderator.id],
    ]);
    expect(rows[2]!.details).toEqual({ method: 'GET', path: '/panel/uzytkownicy' });
    const written = JSON.stringify(rows.map((r) => ({ ...r, id: String(r.id) })));
    expect(written).not.toContain('Zle-Haslo-Sekret-1');
    expect(written).not.toContain('sekretny-token');
    expect(rows.every((r) => r.ip)).toBe(true);
  });
});

describe('the audit log viewer', () => {
  it('is reached from the panel, lists the newest first by 50, filters by user, action family, record and dates', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN', name: 'Anna Nowak' });
    const other = await createUser(ctx.deps.db, { role: 'MODERATOR', name: 'Jan Lewandowski' });
    for (let i = 0; i < 55; i++) await audit(ctx.deps.db, { userId: other.id, action: 'news.update', entityType: 'News', entityId: i + 1, details: { title: `Tytuł ${i}` } });
    await ctx.deps.db.auditLog.create({ data: { userId: null, action: 'auth.login_failed', details: { email: 'x@example.org' }, createdAt: new Date('2026-11-01T10:00:00Z') } });
    const agent = await loginAs(ctx.app, admin.email);
    const dashboard = html((await agent.get('/panel')).text);
    expect(dashboard('a[href="/panel/dziennik"]').text()).toBe('Dziennik zdarzeń');
    const $ = html((await agent.get('/panel/dziennik').expect(200)).text);
    expect($('h1').text()).toBe('Dziennik zdarzeń');
    expect($('.audit-table tbody tr').length).toBe(50);
    // The newest first: the admin's own login.
    expect($('.audit-table tbody tr').first().find('code').text()).toBe('auth.login');
    expect($('.pagination__next').attr('href')).toBe('/panel/dziennik?strona=2');

    const byUser = html((await agent.get(`/panel/dziennik?uzytkownik=${other.id}&strona=2`)).text);
    expect(byUser('.audit-table tbody tr').length).toBe(5);
    expect(byUser('.pagination a').first().attr('href')).toContain(`uzytkownik=${other.id}`);
    const family = html((await agent.get('/panel/dziennik?akcja=auth.')).text);
    expect(family('.audit-table tbody code').map((_, el) => html(el as never).text()).get().sort()).toEqual(['auth.login', 'auth.login_failed']);
    const record = html((await agent.get('/panel/dziennik?obiekt=News:7')).text);
    expect(record('.audit-table tbody tr').length).toBe(1);
    expect(record('.audit-table__details').text()).toBe('{"title":"Tytuł 6"}');
    const dates = html((await agent.get('/panel/dziennik?od=2026-11-01&do=2026-11-01')).text);
    expect(dates('.audit-table tbody tr').length).toBe(1);
    expect(dates('.audit-table tbody tr').text()).toContain('Niezalogowany');
    const bad = await agent.get('/panel/dziennik?od=1.11.2026');
    expect(bad.status).toBe(400);
    expect(html(bad.text)('#od-error').text()).toContain('RRRR-MM-DD');
  });

  it('exports the filtered log as CSV with formulas neutralised, and logs the export', async () => {
    const admin = await createUser(ctx.deps.db, { role: 'ADMIN' });
    await audit(ctx.deps.db, { userId: admin.id, action: 'news.update', entityType: 'News', entityId: 1, details: { title: '=HYPERLINK("http://zly.example")' } });
    await audit(ctx.deps.db, { userId: admin.id, action: 'user.invite', entityType: 'User', entityId: 2 });
    const agent = await loginAs(ctx.app, admin.email);
    const res = await agent.get('/panel/dziennik/eksport?akcja=news.update&format=csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('dziennik-zdarzen.csv');
    const lines = res.text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('id,czas,użytkownik,e-mail,akcja,typ obiektu,id obiektu,adres IP,szczegóły');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('news.update');
    expect(lines[1]).not.toMatch(/,=HYPERLINK|,"=HYPERLINK/);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'audit.export', userId: admin.id } })).toBe(1);
  });

  it('is refused to every other role and to anonymous visitors', async () => {
    for (const role of ['DEPARTMENT_STAFF', 'COUNCILLOR', 'MODERATOR'] as const) {
      const agent = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role })).email);
      await agent.get('/panel/dziennik').expect(403);
      await agent.get('/panel/dziennik/eksport').expect(403);
    }
    expect((await request(ctx.app).get('/panel/dziennik/eksport')).status).toBe(303);
  });
});
