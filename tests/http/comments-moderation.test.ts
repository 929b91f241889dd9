// Moderation of the discussion: pre-moderation (a confirmed comment waits for a moderator), reports on
// published comments, the queue's decisions (approve, hide with a reason, restore), their audit log,
// the consultation's setting in the panel, and who may do what (the permission matrix).
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createComment } from '../helpers/comment-factories.js';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';

const ctx = useTestApp({ COMMENT_REPORTS_MAX_PER_IP: '3' });
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const DISCUSSION = '/konsultacje/aleja/dyskusja';

async function moderator(): Promise<{ agent: Agent; id: number }> {
  const user = await createUser(ctx.deps.db, { role: 'MODERATOR', email: 'moderator@example.org' });
  return { agent: await loginAs(ctx.app, user.email), id: user.id };
}

const texts = async (path: string) => (await request(ctx.app).get(path)).text;

describe('reporting a comment', () => {
  it('lets anyone report a published comment with a reason; it then waits in the "reported" view', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const comment = await createComment(ctx.deps.db, c.id, { body: 'Głupi pomysł, idioci.' });
    const page = html(await texts(DISCUSSION));
    const link = page(`#komentarz-${comment.id} a.comment__report`).attr('href');
    expect(link).toBe(`${DISCUSSION}/${comment.id}/zglos`);

    const agent = request.agent(ctx.app);
    const form = html((await agent.get(link!)).text);
    expect(form('h1').text()).toBe('Zgłoś komentarz');
    expect(form('.comment__text').text()).toBe('Głupi pomysł, idioci.');

    const blank = await submitForm(agent, link!, link!, { reason: ' ' });
    expect(blank.status).toBe(422);
    expect(fieldError(blank.text, 'reason')).toContain('Napisz, dlaczego zgłaszasz komentarz');
    const long = await submitForm(agent, link!, link!, { reason: 'x'.repeat(501) });
    expect(long.status).toBe(422);
    expect(fieldError(long.text, 'reason')).toContain('najwięcej 500 znaków');

    const res = await submitForm(agent, link!, link!, { reason: 'Obraża innych' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(DISCUSSION);
    expect(squash(html((await agent.get(DISCUSSION)).text)('main').text())).toContain('Dziękujemy. Moderator sprawdzi zgłoszony komentarz.');
    // Still shown until a moderator decides (moderation after publication).
    expect(html(await texts(DISCUSSION))(`#komentarz-${comment.id} .comment__text`).text()).toBe('Głupi pomysł, idioci.');

    const { agent: mod } = await moderator();
    const queue = html((await mod.get('/panel/moderacja?widok=zgloszone')).text);
    const item = queue(`#komentarz-${comment.id}`);
    expect(squash(item.text())).toContain('Zgłoszenia (1)');
    expect(squash(item.text())).toContain('Obraża innych');
  });

  it('ignores a filled honeypot, limits reports per IP address, and refuses reports of hidden or waiting comments (404)', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const comment = await createComment(ctx.deps.db, c.id);
    const hidden = await createComment(ctx.deps.db, c.id, { status: 'HIDDEN', hiddenReason: 'Spam' });
    const pending = await createComment(ctx.deps.db, c.id, { status: 'PENDING' });
    const link = `${DISCUSSION}/${comment.id}/zglos`;
    const agent = request.agent(ctx.app);
    expect((await submitForm(agent, link, link, { reason: 'x', strona_www: 'spam' })).status).toBe(303);
    expect(await ctx.deps.db.commentReport.count()).toBe(0);
    for (let i = 0; i < 3; i++) expect((await submitForm(agent, link, link, { reason: `Powód ${i}` })).status).toBe(303);
    const limited = await submitForm(agent, link, link, { reason: 'Czwarty' });
    expect(limited.status).toBe(429);
    expect(fieldError(limited.text, 'reason')).toMatch(/Wysłano zbyt wiele zgłoszeń z Twojego adresu IP/);
    expect(await ctx.deps.db.commentReport.count()).toBe(3);
    expect((await request(ctx.app).get(`${DISCUSSION}/${hidden.id}/zglos`)).status).toBe(404);
    expect((await request(ctx.app).get(`${DISCUSSION}/${pending.id}/zglos`)).status).toBe(404);
  });

  it('keeps a reported comment when the moderator says so, resolving its reports', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const comment = await createComment(ctx.deps.db, c.id);
    await ctx.deps.db.commentReport.create({ data: { commentId: comment.id, reason: 'Nie podoba mi się' } });
    const { agent, id } = await moderator();
    const queue = html((await agent.get('/panel/moderacja?widok=zgloszone')).text);
    expect(queue(`#komentarz-${comment.id} button`).first().text()).toContain('Zostaw (odrzuć zgłoszenia)');
    const res = await submitForm(agent, '/panel/moderacja?widok=zgloszone', `/panel/moderacja/${comment.id}/zatwierdz`, { widok: 'zgloszone' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/panel/moderacja?widok=zgloszone');
    expect(await ctx.deps.db.commentReport.count({ where: { resolvedAt: null } })).toBe(0);
    expect((await ctx.deps.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe('PUBLISHED');
    const log = await ctx.deps.db.auditLog.findFirstOrThrow({ where: { action: 'comment.approve' } });
    expect(log).toMatchObject({ userId: id, entityType: 'Comment', entityId: String(comment.id) });
    expect(log.details).toMatchObject({ from: 'PUBLISHED', resolvedReports: 1 });
  });
});

describe('pre-moderation', () => {
  it('is chosen in the panel form and audit-logged with the consultation', async () => {
    const department = await createDepartment(ctx.deps.db);
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja', departmentId: department.id });
    const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
    const agent = await loginAs(ctx.app, staff.email);
    const form = html((await agent.get(`/panel/konsultacje/${c.id}/edycja`)).text);
    expect(form('input[name="commentsModeration"][value="po"]').attr('checked')).toBeDefined();
    const fields: Record<string, string> = {};
    form('form[method="post"] input, form[method="post"] textarea, form[method="post"] select').each((_, el) => {
      const name = form(el).attr('name');
      const type = form(el).attr('type');
      if (!name || name === '_csrf' || ((type === 'checkbox' || type === 'radio') && form(el).attr('checked') === undefined)) return;
      fields[name] = form(el).is('textarea') ? form(el).text() : String(form(el).val() ?? '');
    });
    const res = await submitForm(agent, `/panel/konsultacje/${c.id}/edycja`, `/panel/konsultacje/${c.id}`, { ...fields, commentsModeration: 'przed' });
    expect(res.status).toBe(303);
    expect((await ctx.deps.db.consultation.findUniqueOrThrow({ where: { id: c.id } })).commentsPremoderated).toBe(true);
    const again = html((await agent.get(`/panel/konsultacje/${c.id}/edycja`)).text);
    expect(again('input[name="commentsModeration"][value="przed"]').attr('checked')).toBeDefined();
    const bad = await submitForm(agent, `/panel/konsultacje/${c.id}/edycja`, `/panel/konsultacje/${c.id}`, { ...fields, commentsModeration: 'zawsze' });
    expect(bad.status).toBe(422);
  });

  it('holds a confirmed comment until a moderator approves it; the form says so', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    await ctx.deps.db.consultation.update({ where: { id: c.id }, data: { commentsPremoderated: true } });
    expect(squash(html(await texts(DISCUSSION))('form.comment-form').text())).toContain('komentarze pojawiają się po zatwierdzeniu przez moderatora');
    // Confirmation is the e-mail flow of comments.test.ts; here the link's effect is exercised directly.
    const { newLinkToken } = await import('../../src/lib/link-tokens.js');
    const { token, hash } = newLinkToken();
    const comment = await createComment(ctx.deps.db, c.id, { status: 'UNCONFIRMED', body: 'Czekam na moderatora', email: 'ewa@example.net' });
    await ctx.deps.db.comment.update({ where: { id: comment.id }, data: { confirmTokenHash: hash, confirmExpiresAt: new Date('2026-11-25T10:00:00Z') } });
    const agent = request.agent(ctx.app);
    const confirmed = await agent.post('/dyskusja/potwierdz').type('form').send({ t: token });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe(DISCUSSION);
    expect(squash(html((await agent.get(DISCUSSION)).text)('main').text())).toContain('Komentarz oczekuje na zatwierdzenie przez moderatora');
    expect(await texts(DISCUSSION)).not.toContain('Czekam na moderatora');

    const { agent: mod } = await moderator();
    const queue = html((await mod.get('/panel/moderacja')).text);
    expect(squash(queue(`#komentarz-${comment.id}`).text())).toContain('Czekam na moderatora');
    expect(squash(queue('nav a[aria-current="page"]').text())).toBe('Oczekujące (1)');
    const res = await submitForm(mod, '/panel/moderacja', `/panel/moderacja/${comment.id}/zatwierdz`, {});
    expect(res.status).toBe(303);
    expect(html(await texts(DISCUSSION))(`#komentarz-${comment.id} .comment__text`).text()).toBe('Czekam na moderatora');
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'comment.approve', entityId: String(comment.id) } })).toBe(1);
  });
});

describe('hiding and restoring', () => {
  it('hides a comment with a reason shown in place of its text, and restores it; both audit-logged', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const comment = await createComment(ctx.deps.db, c.id, { body: 'Wulgarny tekst' });
    await ctx.deps.db.commentReport.create({ data: { commentId: comment.id, reason: 'Wulgaryzmy' } });
    const { agent, id } = await moderator();
    const hidePage = `/panel/moderacja/${comment.id}/ukryj`;
    const blank = await submitForm(agent, hidePage, hidePage, { reason: '' });
    expect(blank.status).toBe(422);
    expect(fieldError(blank.text, 'reason')).toContain('Podaj powód ukrycia');
    expect((await ctx.deps.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe('PUBLISHED');

    const res = await submitForm(agent, `${hidePage}?widok=zgloszone`, hidePage, { reason: 'Wulgaryzmy (pkt 2 regulaminu)', widok: 'zgloszone' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/panel/moderacja?widok=zgloszone');
    const page = await texts(DISCUSSION);
    expect(page).not.toContain('Wulgarny tekst');
    expect(squash(html(page)(`#komentarz-${comment.id} .comment__text`).text())).toBe('Komentarz ukryty przez moderatora. Powód: Wulgaryzmy (pkt 2 regulaminu)');
    expect(html(page)(`#komentarz-${comment.id} a`)).toHaveLength(0);
    expect(await ctx.deps.db.commentReport.count({ where: { resolvedAt: null } })).toBe(0);

    const hiddenView = html((await agent.get('/panel/moderacja?widok=ukryte')).text);
    expect(squash(hiddenView(`#komentarz-${comment.id}`).text())).toContain('Powód ukrycia: Wulgaryzmy (pkt 2 regulaminu)');
    expect((await submitForm(agent, '/panel/moderacja?widok=ukryte', `/panel/moderacja/${comment.id}/przywroc`, { widok: 'ukryte' })).status).toBe(303);
    expect(html(await texts(DISCUSSION))(`#komentarz-${comment.id} .comment__text`).text()).toBe('Wulgarny tekst');

    const log = await ctx.deps.db.auditLog.findMany({ where: { entityType: 'Comment' }, orderBy: { id: 'asc' } });
    expect(log.map((l) => [l.action, l.userId])).toEqual([
      ['comment.hide', id],
      ['comment.restore', id],
    ]);
    expect(log[0]!.details).toMatchObject({ reason: 'Wulgaryzmy (pkt 2 regulaminu)', resolvedReports: 1 });
  });

  it('answers 409 to a decision that no longer applies, and 404 to a missing or unconfirmed comment', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const comment = await createComment(ctx.deps.db, c.id);
    const unconfirmed = await createComment(ctx.deps.db, c.id, { status: 'UNCONFIRMED', email: 'x@example.net' });
    const { agent } = await moderator();
    const restore = await submitForm(agent, '/panel/moderacja', `/panel/moderacja/${comment.id}/przywroc`, {});
    expect(restore.status).toBe(409);
    expect(html(restore.text)('main').text()).toContain('Ktoś inny podjął już decyzję');
    expect((await submitForm(agent, '/panel/moderacja', `/panel/moderacja/${unconfirmed.id}/zatwierdz`, {})).status).toBe(404);
    expect((await submitForm(agent, '/panel/moderacja', '/panel/moderacja/999999/zatwierdz', {})).status).toBe(404);
    expect((await agent.get(`/panel/moderacja/${unconfirmed.id}/ukryj`)).status).toBe(404);
    expect(await ctx.deps.db.auditLog.count({ where: { entityType: 'Comment' } })).toBe(0);
  });
});

describe('permissions', () => {
  const roles = [
    ['a department’s staff', 'DEPARTMENT_STAFF'],
    ['a councillor', 'COUNCILLOR'],
  ] as const;

  it('sends anonymous visitors (residents) to the login page from the queue and every decision', async () => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const comment = await createComment(ctx.deps.db, c.id, { status: 'PENDING' });
    const res = await request(ctx.app).get('/panel/moderacja');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/logowanie?next=%2Fpanel%2Fmoderacja');
    const agent = request.agent(ctx.app);
    for (const action of ['zatwierdz', 'ukryj', 'przywroc']) {
      const post = await submitForm(agent, '/powiadomienia', `/panel/moderacja/${comment.id}/${action}`, { reason: 'x' });
      expect([302, 303]).toContain(post.status);
      expect(post.headers.location).toMatch(/^\/logowanie/);
    }
    expect((await ctx.deps.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe('PENDING');
  });

  it.each(roles)('refuses %s (403) and shows no moderation link on their dashboard', async (_label, role) => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const comment = await createComment(ctx.deps.db, c.id, { status: 'PENDING' });
    const user = await createUser(ctx.deps.db, { role });
    const agent = await loginAs(ctx.app, user.email);
    expect((await agent.get('/panel/moderacja')).status).toBe(403);
    expect((await agent.get(`/panel/moderacja/${comment.id}/ukryj`)).status).toBe(403);
    for (const action of ['zatwierdz', 'ukryj', 'przywroc']) {
      expect((await submitForm(agent, '/panel', `/panel/moderacja/${comment.id}/${action}`, { reason: 'x' })).status).toBe(403);
    }
    expect(html((await agent.get('/panel')).text)('a[href="/panel/moderacja"]')).toHaveLength(0);
    expect((await ctx.deps.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe('PENDING');
  });

  it.each([
    ['a moderator', 'MODERATOR'],
    ['an administrator', 'ADMIN'],
  ] as const)('lets %s reach the queue from the dashboard and decide', async (_label, role) => {
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja' });
    const comment = await createComment(ctx.deps.db, c.id, { status: 'PENDING' });
    const user = await createUser(ctx.deps.db, { role });
    const agent = await loginAs(ctx.app, user.email);
    expect(html((await agent.get('/panel')).text)('a[href="/panel/moderacja"]').text()).toBeTruthy();
    expect((await agent.get('/panel/moderacja')).status).toBe(200);
    expect((await submitForm(agent, '/panel/moderacja', `/panel/moderacja/${comment.id}/zatwierdz`, {})).status).toBe(303);
    expect((await ctx.deps.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status).toBe('PUBLISHED');
  });

  it('lets only the consultation’s department staff and administrators answer as the city', async () => {
    const department = await createDepartment(ctx.deps.db);
    const c = await createConsultation(ctx.deps.db, { slug: 'aleja', departmentId: department.id });
    const comment = await createComment(ctx.deps.db, c.id);
    const replyPage = `${DISCUSSION}/${comment.id}/odpowiedz`;
    const matrix: [string, Agent, boolean][] = [
      ['anonymous', request.agent(ctx.app), false],
      ['own department', await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id })).email), true],
      ['other department', await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF' })).email), false],
      ['councillor', await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'COUNCILLOR' })).email), false],
      ['moderator', await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'MODERATOR' })).email), false],
      ['admin', await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'ADMIN' })).email), true],
    ];
    for (const [who, agent, official] of matrix) {
      const page = html((await agent.get(replyPage)).text);
      expect({ who, official: page('h2').text().includes('Odpowiedź Urzędu') }).toEqual({ who, official });
      const res = await submitForm(agent, replyPage, replyPage, { body: `Od: ${who}` });
      expect({ who, status: res.status }).toEqual({ who, status: official ? 303 : 422 });
    }
    expect((await ctx.deps.db.comment.findMany({ where: { official: true }, orderBy: { id: 'asc' } })).map((r) => r.body)).toEqual(['Od: own department', 'Od: admin']);
  });
});
