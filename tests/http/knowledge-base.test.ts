// The knowledge base: guides listed by audience, each an editable Markdown page with files through the
// shared attachments pages; administrators only, with preview and audit log.
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedBase } from '../../src/db/seed.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import { useTestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { pdf } from '../helpers/files.js';
import { fieldError, html, loginAs, submitForm } from '../helpers/http.js';
import { download, uploadFiles } from '../helpers/uploads.js';

const ctx = useTestApp();

async function adminAgent() {
  const user = await createUser(ctx.deps.db, { role: 'ADMIN' });
  return { user, agent: await loginAs(ctx.app, user.email) };
}

const guideForm = { title: 'Jak czytać plan miejscowy', audience: 'RESIDENTS', summary: 'Legenda, rysunek i tekst planu.', bodyMd: '## Rysunek planu\n\nKolory oznaczają **przeznaczenie** terenu.', action: 'zapisz' };

describe('the public knowledge base', () => {
  it('lists the seeded guides for residents and for staff, linked from the footer and the site map', async () => {
    await seedBase(ctx.deps.db);
    const $ = html((await request(ctx.app).get('/baza-wiedzy').expect(200)).text);
    expect($('h1').text()).toBe('Baza wiedzy');
    expect($('h2').map((_, el) => $(el).text()).get()).toEqual(['Dla mieszkańców', 'Dla pracowników urzędu i rad dzielnic']);
    const titles = $('.guide-list__title a').map((_, el) => $(el).text()).get();
    expect(titles).toEqual(['Jak wziąć udział w konsultacjach', 'Jak napisać uchwałę – poradnik', 'Formy i metody konsultacji – materiały szkoleniowe']);
    expect($('footer a[href="/baza-wiedzy"]').text()).toBe('Baza wiedzy');
    const sitemap = html((await request(ctx.app).get('/mapa-strony').expect(200)).text);
    expect(sitemap('main a[href="/baza-wiedzy"]')).toHaveLength(1);
  });

  it('shows a guide as a page with its Markdown rendered, and 404 for an unknown one', async () => {
    await seedBase(ctx.deps.db);
    const $ = html((await request(ctx.app).get('/baza-wiedzy/jak-wziac-udzial-w-konsultacjach').expect(200)).text);
    expect($('h1').text()).toBe('Jak wziąć udział w konsultacjach');
    expect($('main h2').first().text()).toBe('Czym są konsultacje społeczne');
    expect($('title').text()).toMatch(/^Jak wziąć udział w konsultacjach – /);
    await request(ctx.app).get('/baza-wiedzy/nie-ma-takiego').expect(404);
    await request(ctx.app).get('/baza-wiedzy/..%2Fetc').expect(404);
  });
});

describe('editing the knowledge base', () => {
  it('lets an administrator add a guide (preview first), attach a PDF residents can download, and edit it; all audit-logged', async () => {
    await seedBase(ctx.deps.db);
    const { user, agent } = await adminAgent();

    const preview = await submitForm(agent, '/panel/baza-wiedzy/nowy', '/panel/baza-wiedzy', { ...guideForm, action: 'podglad' });
    expect(preview.status).toBe(200);
    expect(html(preview.text)('.content-preview strong').text()).toBe('przeznaczenie');
    expect(await ctx.deps.db.knowledgeGuide.count({ where: { title: guideForm.title } })).toBe(0);

    const created = await submitForm(agent, '/panel/baza-wiedzy/nowy', '/panel/baza-wiedzy', guideForm);
    expect(created.status).toBe(303);
    const guide = await ctx.deps.db.knowledgeGuide.findFirstOrThrow({ where: { title: guideForm.title } });
    expect(guide.slug).toBe('jak-czytac-plan-miejscowy');
    expect(created.headers.location).toBe(`/panel/baza-wiedzy/${guide.id}/dokumenty`);

    const upload = await uploadFiles(agent, `/panel/baza-wiedzy/${guide.id}/dokumenty`, `/panel/baza-wiedzy/${guide.id}/dokumenty/pliki`, [{ name: 'legenda-planu.pdf', content: pdf('Legenda') }]);
    expect(upload.status).toBe(303);

    const page = html((await request(ctx.app).get('/baza-wiedzy/jak-czytac-plan-miejscowy').expect(200)).text);
    const link = page('.documents a.document__link');
    expect(link.text()).toMatch(/legenda-planu \(PDF, \d+/);
    const file = await download(request.agent(ctx.app), link.attr('href')!);
    expect(file.status).toBe(200);
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');

    const edited = await submitForm(agent, `/panel/baza-wiedzy/${guide.id}`, `/panel/baza-wiedzy/${guide.id}`, { ...guideForm, title: 'Jak czytać plan miejscowy – krok po kroku', audience: 'STAFF' });
    expect(edited.status).toBe(303);
    // The address stays when the title changes: links to it keep working.
    expect(edited.headers.location).toBe('/baza-wiedzy/jak-czytac-plan-miejscowy');
    const list = html((await request(ctx.app).get('/baza-wiedzy').expect(200)).text);
    expect(list('#dla-staff').parent().find('a').map((_, el) => list(el).text()).get()).toContain('Jak czytać plan miejscowy – krok po kroku');

    const actions = (await ctx.deps.db.auditLog.findMany({ where: { userId: user.id, action: { not: 'auth.login' } }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['knowledge.guide.create', 'attachment.upload', 'knowledge.guide.update']);
  });

  it('refuses a guide without title, audience or text with messages at the fields, saving nothing', async () => {
    await seedBase(ctx.deps.db);
    const { agent } = await adminAgent();
    const before = await ctx.deps.db.knowledgeGuide.count();
    const res = await submitForm(agent, '/panel/baza-wiedzy/nowy', '/panel/baza-wiedzy', { title: '  ', audience: 'EVERYONE', summary: '', bodyMd: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toContain('Podaj tytuł poradnika');
    expect(fieldError(res.text, 'audience')).toContain('Wybierz, dla kogo jest poradnik');
    expect(fieldError(res.text, 'bodyMd')).not.toBe('');
    expect(await ctx.deps.db.knowledgeGuide.count()).toBe(before);
  });

  it('gives two guides of the same title different addresses', async () => {
    const { agent } = await adminAgent();
    await submitForm(agent, '/panel/baza-wiedzy/nowy', '/panel/baza-wiedzy', guideForm);
    await submitForm(agent, '/panel/baza-wiedzy/nowy', '/panel/baza-wiedzy', guideForm);
    const slugs = (await ctx.deps.db.knowledgeGuide.findMany({ orderBy: { id: 'asc' }, select: { slug: true } })).map((g) => g.slug);
    expect(slugs).toEqual(['jak-czytac-plan-miejscowy', 'jak-czytac-plan-miejscowy-2']);
  });

  it.each<Role>(['DEPARTMENT_STAFF', 'COUNCILLOR', 'MODERATOR'])('is forbidden to %s: pages, saving and uploads', async (role) => {
    await seedBase(ctx.deps.db);
    const guide = await ctx.deps.db.knowledgeGuide.findFirstOrThrow();
    const staff = await createUser(ctx.deps.db, { role });
    const agent = await loginAs(ctx.app, staff.email);
    for (const path of ['/panel/baza-wiedzy', '/panel/baza-wiedzy/nowy', `/panel/baza-wiedzy/${guide.id}`, `/panel/baza-wiedzy/${guide.id}/dokumenty`]) {
      expect((await agent.get(path)).status, path).toBe(403);
    }
    const token = html((await agent.get('/panel').expect(200)).text)('input[name=_csrf]').first().val() as string;
    const res = await agent.post(`/panel/baza-wiedzy/${guide.id}`).type('form').send({ _csrf: token, ...guideForm });
    expect(res.status).toBe(403);
    const upload = await uploadFiles(agent, '/panel', `/panel/baza-wiedzy/${guide.id}/dokumenty/pliki`, [{ name: 'a.pdf', content: pdf() }]);
    expect(upload.status).toBe(403);
    expect(await ctx.deps.db.attachment.count()).toBe(0);
    expect(readdirSync(ctx.deps.storage.tmpDir)).toEqual([]);
    expect((await ctx.deps.db.knowledgeGuide.findUniqueOrThrow({ where: { id: guide.id } })).title).not.toBe(guideForm.title);
  });

  it('sends anonymous visitors to the login page', async () => {
    await seedBase(ctx.deps.db);
    const res = await request(ctx.app).get('/panel/baza-wiedzy');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/logowanie/);
  });

  it('answers 404 for a guide id that does not exist', async () => {
    const { agent } = await adminAgent();
    expect((await agent.get('/panel/baza-wiedzy/999999')).status).toBe(404);
    expect((await agent.get('/panel/baza-wiedzy/999999/dokumenty')).status).toBe(404);
  });
});
