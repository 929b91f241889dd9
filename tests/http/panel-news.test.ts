// News and district pages in the panel: councillors their own district, administrators any; department
// staff and moderators may not post news (docs/decisions.md 15); everything audit-logged.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDistrict, createUser } from '../helpers/factories.js';
import { image, pdf } from '../helpers/files.js';
import { csrfToken, fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';
import { useTestApp } from '../helpers/app.js';
import { createDistrictEvent, createNews } from '../helpers/news-factories.js';
import { download, uploadFiles } from '../helpers/uploads.js';

const ctx = useTestApp();

describe('news in the panel', () => {
  let own: { id: number; slug: string };
  let other: { id: number; slug: string };
  let councillor: Agent;
  let councillorId: number;
  beforeEach(async () => {
    ctx.clock.set('2026-11-24T10:00:00Z');
    own = await createDistrict(ctx.deps.db, { slug: 'tysiaclecie', name: 'Tysiąclecie' });
    other = await createDistrict(ctx.deps.db, { slug: 'bleszno', name: 'Błeszno' });
    const user = await createUser(ctx.deps.db, { role: 'COUNCILLOR', districtId: own.id, email: 'radna@example.org' });
    councillorId = user.id;
    councillor = await loginAs(ctx.app, 'radna@example.org');
  });

  it('writes a draft, previews it, publishes it; the public sees it only once published', async () => {
    const preview = await submitForm(councillor, '/panel/aktualnosci/nowa', '/panel/aktualnosci', { title: 'Dyżur radnych', lead: 'W każdy wtorek', bodyMd: 'Zapraszamy **we wtorki**.', action: 'podglad' });
    expect(preview.status).toBe(200);
    expect(html(preview.text)('.news-preview strong').text()).toBe('we wtorki');
    expect(await ctx.deps.db.news.count()).toBe(0);

    const saved = await submitForm(councillor, '/panel/aktualnosci/nowa', '/panel/aktualnosci', { title: 'Dyżur radnych', lead: 'W każdy wtorek', bodyMd: 'Zapraszamy **we wtorki**.', districtId: String(other.id), action: 'zapisz' });
    expect(saved.status).toBe(303);
    const news = await ctx.deps.db.news.findFirstOrThrow();
    // The form cannot move it to another district.
    expect(news).toMatchObject({ districtId: own.id, slug: 'dyzur-radnych', publishedAt: null, bodyHtml: '<p>Zapraszamy <strong>we wtorki</strong>.</p>\n' });
    await request(ctx.app).get('/aktualnosci/dyzur-radnych').expect(404);

    const published = await submitForm(councillor, `/panel/aktualnosci/${news.id}`, `/panel/aktualnosci/${news.id}/publikacja`, { when: 'teraz' });
    expect(published.status).toBe(303);
    await request(ctx.app).get('/aktualnosci/dyzur-radnych').expect(200);
    expect(html((await request(ctx.app).get('/dzielnice/tysiaclecie').expect(200)).text)('#aktualnosci').parent().text()).toContain('Dyżur radnych');

    const withdrawn = await submitForm(councillor, `/panel/aktualnosci/${news.id}`, `/panel/aktualnosci/${news.id}/wycofanie`, {});
    expect(withdrawn.status).toBe(303);
    await request(ctx.app).get('/aktualnosci/dyzur-radnych').expect(404);
    const actions = (await ctx.deps.db.auditLog.findMany({ where: { entityType: 'News' }, orderBy: { id: 'asc' } })).map((a) => [a.action, a.userId]);
    expect(actions).toEqual([['news.create', councillorId], ['news.publish', councillorId], ['news.unpublish', councillorId]]);
  });

  it('schedules publication: public from that moment, by the clock', async () => {
    const news = await createNews(ctx.deps.db, { title: 'Sesja w grudniu', districtId: own.id, publishedAt: null });
    const res = await submitForm(councillor, `/panel/aktualnosci/${news.id}`, `/panel/aktualnosci/${news.id}/publikacja`, { when: 'pozniej', publishDate: '2026-11-30', publishTime: '08:00' });
    expect(res.status).toBe(303);
    await request(ctx.app).get('/aktualnosci/sesja-w-grudniu').expect(404);
    ctx.clock.set('2026-11-30T07:00:00Z'); // 08:00 in Warsaw
    await request(ctx.app).get('/aktualnosci/sesja-w-grudniu').expect(200);
  });

  it('re-renders the form with "Podaj tytuł" and keeps the text when the title is blank', async () => {
    const res = await submitForm(councillor, '/panel/aktualnosci/nowa', '/panel/aktualnosci', { title: '  ', bodyMd: 'Treść zostaje', action: 'zapisz' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'title')).toContain('Podaj tytuł');
    expect(html(res.text)('#bodyMd').text()).toBe('Treść zostaje');
  });

  it('refuses a publication date in the past with a message at the field', async () => {
    const news = await createNews(ctx.deps.db, { districtId: own.id, publishedAt: null });
    const res = await submitForm(councillor, `/panel/aktualnosci/${news.id}`, `/panel/aktualnosci/${news.id}/publikacja`, { when: 'pozniej', publishDate: '2026-11-01' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'publishDate')).toContain('w przyszłości');
  });

  it('adds a photo with alternative text (required) and a document; both show on the published article', async () => {
    const news = await createNews(ctx.deps.db, { slug: 'prace', title: 'Prace', districtId: own.id, publishedAt: null });
    const gallery = `/panel/aktualnosci/${news.id}/galeria`;
    const noAlt = await uploadFiles(councillor, gallery, `${gallery}/pliki`, [{ name: 'plac.jpg', content: await image('jpeg'), field: 'file' }], { altText: '' });
    expect(noAlt.status).toBe(422);
    expect(fieldError(noAlt.text, 'altText')).not.toBe('');
    const ok = await uploadFiles(councillor, gallery, `${gallery}/pliki`, [{ name: 'plac.jpg', content: await image('jpeg'), field: 'file' }], { altText: 'Plac zabaw przy ul. Kilińskiego' });
    expect(ok.status).toBe(303);
    const documents = `/panel/aktualnosci/${news.id}/dokumenty`;
    expect((await uploadFiles(councillor, documents, `${documents}/pliki`, [{ name: 'harmonogram.pdf', content: pdf() }])).status).toBe(303);
    const files = await ctx.deps.db.attachment.findMany({ where: { newsId: news.id }, orderBy: { id: 'asc' } });
    expect(files.map((f) => f.kind)).toEqual(['IMAGE', 'DOCUMENT']);
    // A draft's files are not public.
    await download(request.agent(ctx.app), `/pliki/${files[1]!.id}/harmonogram.pdf`).expect(404);
    await download(councillor, `/pliki/${files[1]!.id}/harmonogram.pdf`).expect(200);
    await ctx.deps.db.news.update({ where: { id: news.id }, data: { publishedAt: new Date('2026-11-24T09:00:00Z') } });
    const $ = html((await request(ctx.app).get('/aktualnosci/prace').expect(200)).text);
    expect($('.news-figure img').attr('alt')).toBe('Plac zabaw przy ul. Kilińskiego');
    expect($('.documents a').attr('href')).toBe(`/pliki/${files[1]!.id}/harmonogram.pdf`);
    await download(request.agent(ctx.app), `/pliki/${files[1]!.id}/harmonogram.pdf`).expect(200);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'attachment.upload' } })).toBe(2);
  });

  it('deletes an article with its files', async () => {
    const news = await createNews(ctx.deps.db, { districtId: own.id, publishedAt: null });
    const documents = `/panel/aktualnosci/${news.id}/dokumenty`;
    await uploadFiles(councillor, documents, `${documents}/pliki`, [{ name: 'a.pdf', content: pdf() }]);
    const res = await submitForm(councillor, `/panel/aktualnosci/${news.id}/usun`, `/panel/aktualnosci/${news.id}/usun`, {});
    expect(res.status).toBe(303);
    expect(await ctx.deps.db.news.count()).toBe(0);
    expect(await ctx.deps.db.attachment.count()).toBe(0);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'news.delete' } })).toBe(1);
  });

  describe('permissions', () => {
    it('sends anonymous visitors to the login page', async () => {
      for (const path of ['/panel/aktualnosci', '/panel/aktualnosci/nowa', '/panel/aktualnosci/1', '/panel/aktualnosci/1/galeria', '/panel/dzielnice', `/panel/dzielnice/${own.id}`, `/panel/dzielnice/${own.id}/wydarzenia`]) {
        const res = await request(ctx.app).get(path);
        expect(res.status, path).toBe(303);
        expect(res.headers.location, path).toMatch(/^\/logowanie/);
      }
    });

    it('refuses department staff and moderators (403): news are for councils and administrators', async () => {
      for (const role of ['DEPARTMENT_STAFF', 'MODERATOR'] as const) {
        const user = await createUser(ctx.deps.db, { role });
        const agent = await loginAs(ctx.app, user.email);
        await agent.get('/panel/aktualnosci').expect(403);
        await agent.get('/panel/aktualnosci/nowa').expect(403);
        await agent.get('/panel/dzielnice').expect(403);
        const token = await csrfToken(agent, '/panel');
        await agent.post('/panel/aktualnosci').type('form').send({ _csrf: token, title: 'X', bodyMd: 'Y' }).expect(403);
      }
      expect(await ctx.deps.db.news.count()).toBe(0);
    });

    it('gives a councillor of another district 403 on every page and form, by URL and by form', async () => {
      const news = await createNews(ctx.deps.db, { title: 'Błeszno', districtId: other.id, publishedAt: null });
      const image = await ctx.deps.db.attachment.create({ data: { kind: 'DOCUMENT', newsId: news.id, originalName: 'a.pdf', storedName: 'b'.repeat(32) + '.pdf', mimeType: 'application/pdf', extension: 'pdf', sizeBytes: 10 } });
      const event = await createDistrictEvent(ctx.deps.db, { districtId: other.id });
      const n = `/panel/aktualnosci/${news.id}`;
      const d = `/panel/dzielnice/${other.id}`;
      for (const path of [n, `${n}/edycja`, `${n}/usun`, `${n}/galeria`, `${n}/dokumenty`, `${n}/dokumenty/${image.id}/edycja`, `${n}/dokumenty/${image.id}/usun`, d, `${d}/wydarzenia`, `${d}/wydarzenia/nowe`, `${d}/wydarzenia/${event.id}/edycja`]) {
        expect((await councillor.get(path)).status, path).toBe(403);
      }
      const token = await csrfToken(councillor, '/panel');
      for (const path of [n, `${n}/publikacja`, `${n}/wycofanie`, `${n}/usun`, `${n}/dokumenty/${image.id}`, `${n}/dokumenty/${image.id}/przesun`, `${n}/dokumenty/${image.id}/usun`, d, `${d}/wydarzenia`, `${d}/wydarzenia/${event.id}`, `${d}/wydarzenia/${event.id}/usun`]) {
        const res = await councillor.post(path).type('form').send({ _csrf: token, title: 'Przejęte', bodyMd: 'x', when: 'teraz', councilChair: 'Intruz', kind: 'MEETING', date: '2026-12-01', startTime: '17:00', direction: 'up' });
        expect(res.status, path).toBe(403);
      }
      const upload = await uploadFiles(councillor, '/panel', `${n}/dokumenty/pliki`, [{ name: 'x.pdf', content: pdf() }]);
      expect(upload.status).toBe(403);
      expect(await ctx.deps.db.news.findUniqueOrThrow({ where: { id: news.id } })).toMatchObject({ title: 'Błeszno', publishedAt: null });
      expect(await ctx.deps.db.attachment.count()).toBe(1);
      expect(await ctx.deps.db.districtEvent.count()).toBe(1);
      expect((await ctx.deps.db.district.findUniqueOrThrow({ where: { id: other.id } })).councilChair).toBe('');
      // The list shows only the councillor's own district.
      expect(html((await councillor.get('/panel/aktualnosci').expect(200)).text)('main').text()).not.toContain('Błeszno');
    });

    it('answers 404 for malformed or unknown ids', async () => {
      for (const path of ['/panel/aktualnosci/abc', '/panel/aktualnosci/0', '/panel/aktualnosci/99999', '/panel/aktualnosci/1e3/galeria', '/panel/dzielnice/x', '/panel/dzielnice/99999', `/panel/dzielnice/${own.id}/wydarzenia/abc/edycja`]) {
        expect((await councillor.get(path)).status, path).toBe(404);
      }
    });

    it('lets an administrator manage any district’s news and post city-wide news', async () => {
      await createUser(ctx.deps.db, { role: 'ADMIN', email: 'admin@example.org' });
      const admin = await loginAs(ctx.app, 'admin@example.org');
      const news = await createNews(ctx.deps.db, { districtId: other.id, publishedAt: null });
      await admin.get(`/panel/aktualnosci/${news.id}`).expect(200);
      await admin.get(`/panel/aktualnosci/${news.id}/galeria`).expect(200);
      await admin.get(`/panel/dzielnice/${other.id}`).expect(200);
      const res = await submitForm(admin, '/panel/aktualnosci/nowa', '/panel/aktualnosci', { title: 'Komunikat miasta', bodyMd: 'Dla wszystkich.', districtId: '', action: 'zapisz' });
      expect(res.status).toBe(303);
      expect(await ctx.deps.db.news.findFirstOrThrow({ where: { title: 'Komunikat miasta' } })).toMatchObject({ districtId: null });
    });
  });

  describe('council page and events', () => {
    it('sends a councillor straight to their district and saves the council page, audit-logged', async () => {
      const choose = await councillor.get('/panel/dzielnice').expect(303);
      expect(choose.headers.location).toBe(`/panel/dzielnice/${own.id}`);
      const res = await submitForm(councillor, `/panel/dzielnice/${own.id}`, `/panel/dzielnice/${own.id}`, { councilChair: 'Anna Nowak', councilMembers: 'Piotr Kowalski\nKatarzyna Wiśniewska', councilSeat: 'ul. Kilińskiego 100', councilHours: 'Wtorki 17:00–18:00', councilEmail: 'rada@example.org', councilPhone: '34 000 00 00', councilAboutMd: '' });
      expect(res.status).toBe(303);
      const $ = html((await request(ctx.app).get('/dzielnice/tysiaclecie').expect(200)).text);
      expect($('main').text()).toContain('Anna Nowak');
      expect($('.district-members li').length).toBe(2);
      expect(await ctx.deps.db.auditLog.count({ where: { action: 'district.council.update', userId: councillorId } })).toBe(1);
    });

    it('re-renders the council form with the e-mail message when the address is wrong', async () => {
      const res = await submitForm(councillor, `/panel/dzielnice/${own.id}`, `/panel/dzielnice/${own.id}`, { councilEmail: 'nie-adres', councilChair: 'Anna Nowak' });
      expect(res.status).toBe(422);
      expect(fieldError(res.text, 'councilEmail')).not.toBe('');
      expect(html(res.text)('#councilChair').val()).toBe('Anna Nowak');
    });

    it('adds an event that appears on the district page, in /kalendarz and in /kalendarz.ics', async () => {
      const res = await submitForm(councillor, `/panel/dzielnice/${own.id}/wydarzenia/nowe`, `/panel/dzielnice/${own.id}/wydarzenia`, { kind: 'OFFICE_HOURS', title: 'Dyżur radnych', date: '2026-12-01', startTime: '17:00', endTime: '18:00', place: 'Siedziba rady', description: '' });
      expect(res.status).toBe(303);
      const event = await ctx.deps.db.districtEvent.findFirstOrThrow();
      expect(event.startsAt.toISOString()).toBe('2026-12-01T16:00:00.000Z');
      expect(html((await request(ctx.app).get('/dzielnice/tysiaclecie').expect(200)).text)('#wydarzenia').parent().text()).toContain('Dyżur radnych');
      expect(html((await request(ctx.app).get('/kalendarz').expect(200)).text)('main').text()).toContain('Dyżur radnych');
      const ics = await request(ctx.app).get('/kalendarz.ics').expect(200);
      expect(ics.text).toContain(`UID:dzielnica-wydarzenie-${event.id}@`);
      expect(ics.text).toContain('DTSTART;TZID=Europe/Warsaw:20261201T170000');
      const bad = await submitForm(councillor, `/panel/dzielnice/${own.id}/wydarzenia/nowe`, `/panel/dzielnice/${own.id}/wydarzenia`, { kind: 'MEETING', title: 'Sesja', date: '2026-12-01', startTime: '18:00', endTime: '17:00' });
      expect(bad.status).toBe(422);
      expect(fieldError(bad.text, 'endTime')).toContain('później');
      expect(await ctx.deps.db.auditLog.count({ where: { action: 'district.event.create' } })).toBe(1);
    });
  });
});
