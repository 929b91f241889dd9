// Investments in the panel: department staff keep their own department's (administrators any), everyone
// else is refused; the form checks coordinates, amounts and dates with messages at the fields; every
// change is audit-logged.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createConsultation, createDepartment, createDistrict, createUser } from '../helpers/factories.js';
import { image, pdf } from '../helpers/files.js';
import { csrfToken, fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';
import { createInvestment } from '../helpers/investment-factories.js';
import { useTestApp } from '../helpers/app.js';
import { download, uploadFiles } from '../helpers/uploads.js';

const ctx = useTestApp();

const VALID = {
  title: 'Przebudowa ul. Mirowskiej',
  summary: 'Jezdnia, chodniki i oświetlenie.',
  descriptionMd: 'Nowa **nawierzchnia**.',
  status: 'IN_PROGRESS',
  budget: '12 600 000',
  euFunding: '10 710 000,50',
  fundingSources: 'Fundusze Europejskie dla Śląskiego\nBudżet miasta',
  plannedStart: '2026-03-01',
  plannedEnd: '2027-05-31',
  actualStart: '2026-04-20',
  actualEnd: '',
  address: 'ul. Mirowska, od ul. Nadrzecznej do ul. Faradaya',
  latitude: '50,8188',
  longitude: '19.1652',
  consultationId: '',
  contactName: 'Piotr Kowalski',
  contactEmail: 'inwestycje@example.org',
  contactPhone: '34 000 00 00',
};

describe('investments in the panel', () => {
  let own: { id: number };
  let other: { id: number };
  let mirow: { id: number };
  let rakow: { id: number };
  let staff: Agent;
  let staffId: number;
  beforeEach(async () => {
    own = await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    other = await createDepartment(ctx.deps.db, { code: 'IZ', name: 'Wydział Inwestycji' });
    mirow = await createDistrict(ctx.deps.db, { slug: 'mirow', name: 'Mirów' });
    rakow = await createDistrict(ctx.deps.db, { slug: 'rakow', name: 'Raków' });
    const user = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: own.id, email: 'mzdit@example.org' });
    staffId = user.id;
    staff = await loginAs(ctx.app, 'mzdit@example.org');
  });

  it('creates a draft in the staff member\'s own department, publishes it, and archives it; the public sees it only while published', async () => {
    const created = await submitForm(staff, '/panel/inwestycje/nowa', '/panel/inwestycje', { ...VALID, departmentId: String(other.id) });
    expect(created.status).toBe(303);
    const investment = await ctx.deps.db.investment.findFirstOrThrow({ include: { districts: true } });
    expect(created.headers.location).toBe(`/panel/inwestycje/${investment.id}`);
    expect(investment).toMatchObject({
      slug: 'przebudowa-ul-mirowskiej', departmentId: own.id, status: 'IN_PROGRESS', budgetGrosze: 1_260_000_000n, euFundingGrosze: 1_071_000_050n,
      latitude: 50.8188, longitude: 19.1652, publishedAt: null, archivedAt: null, descriptionHtml: '<p>Nowa <strong>nawierzchnia</strong>.</p>\n', actualEnd: null,
    });
    expect(investment.plannedEnd?.toISOString()).toBe('2027-05-31T00:00:00.000Z');
    await request(ctx.app).get('/inwestycje/przebudowa-ul-mirowskiej').expect(404);

    expect((await submitForm(staff, `/panel/inwestycje/${investment.id}`, `/panel/inwestycje/${investment.id}/publikacja`, {})).status).toBe(303);
    const page = html((await request(ctx.app).get('/inwestycje/przebudowa-ul-mirowskiej').expect(200)).text);
    expect(page('h1').text()).toBe('Przebudowa ul. Mirowskiej');
    expect(page('.meta--wide').text().replace(/\s+/g, ' ')).toContain('85% ze środków Unii Europejskiej');

    expect((await submitForm(staff, `/panel/inwestycje/${investment.id}`, `/panel/inwestycje/${investment.id}/archiwizacja`, {})).status).toBe(303);
    await request(ctx.app).get('/inwestycje/przebudowa-ul-mirowskiej').expect(404);
    expect(JSON.parse((await request(ctx.app).get('/inwestycje.geojson').expect(200)).text).features).toEqual([]);
    expect((await submitForm(staff, `/panel/inwestycje/${investment.id}`, `/panel/inwestycje/${investment.id}/przywrocenie`, {})).status).toBe(303);
    await request(ctx.app).get('/inwestycje/przebudowa-ul-mirowskiej').expect(200);

    const audit = await ctx.deps.db.auditLog.findMany({ where: { entityType: 'Investment', entityId: String(investment.id) }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.userId])).toEqual([['investment.create', staffId], ['investment.publish', staffId], ['investment.archive', staffId], ['investment.restore', staffId]]);
    expect(audit[0]!.details).toMatchObject({ budgetGrosze: '1260000000', latitude: 50.8188, longitude: 19.1652 });
  });

  it('edits districts, the linked consultation and the figures; the form comes back filled in', async () => {
    const consultation = await createConsultation(ctx.deps.db, { title: 'Przebieg ulicy', departmentId: own.id });
    const investment = await createInvestment(ctx.deps.db, { title: 'Ulica', departmentId: own.id, districtIds: [rakow.id] });
    const form = html((await staff.get(`/panel/inwestycje/${investment.id}/edycja`).expect(200)).text);
    expect(form('#title').val()).toBe('Ulica');
    expect(form('#budget').val()).toBe('12600000');
    expect(form('input[name="districtIds"]:checked').map((_, el) => form(el).val()).get()).toEqual([String(rakow.id)]);
    expect(form('[data-investment-map]').attr('data-picker')).toBe('latitude,longitude');
    const res = await submitForm(staff, `/panel/inwestycje/${investment.id}/edycja`, `/panel/inwestycje/${investment.id}`, { ...VALID, title: 'Ulica', consultationId: String(consultation.id), districtIds: [String(mirow.id), String(rakow.id)] } as unknown as Record<string, string>);
    expect(res.status).toBe(303);
    const saved = await ctx.deps.db.investment.findUniqueOrThrow({ where: { id: investment.id }, include: { districts: { orderBy: { districtId: 'asc' } } } });
    expect(saved.districts.map((d) => d.districtId)).toEqual([mirow.id, rakow.id].sort((a, b) => a - b));
    expect(saved.consultationId).toBe(consultation.id);
    expect(saved.slug).toBe(investment.slug);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'investment.update', entityId: String(investment.id) } })).toBe(1);
  });

  describe('validation: a message at the field, 422, the values kept, nothing saved', () => {
    const cases: [string, Record<string, string>, string, string][] = [
      ['latitude out of range', { latitude: '95', longitude: '19.12' }, 'latitude', 'Szerokość geograficzna musi być liczbą od -90 do 90'],
      ['longitude out of range', { latitude: '50.81', longitude: '-200' }, 'longitude', 'Długość geograficzna musi być liczbą od -180 do 180'],
      ['a point far outside the city (Warsaw)', { latitude: '52.2297', longitude: '21.0122' }, 'latitude', 'Ten punkt leży poza miastem'],
      ['swapped latitude and longitude', { latitude: '19.1203', longitude: '50.8118' }, 'latitude', 'Sprawdź, czy nie zamieniono szerokości z długością'],
      ['only one coordinate', { latitude: '50.81', longitude: '' }, 'longitude', 'Podaj obie współrzędne albo żadnej'],
      ['not a number of degrees', { latitude: 'pięćdziesiąt', longitude: '19.12' }, 'latitude', 'Podaj liczbę stopni'],
      ['a negative budget', { budget: '-5 000' }, 'budget', 'Kwota nie może być ujemna'],
      ['an absurd budget (typed in grosze)', { budget: '1 260 000 000 000', euFunding: '' }, 'budget', 'Kwota przekracza 10 mld zł'],
      ['a budget that is not an amount', { budget: '12,6 mln' }, 'budget', 'Podaj kwotę w złotych'],
      ['EU funding above the budget', { budget: '1000', euFunding: '2000' }, 'euFunding', 'Dofinansowanie nie może być wyższe niż wartość inwestycji'],
      ['a planned end before the start', { plannedStart: '2027-05-31', plannedEnd: '2026-03-01' }, 'plannedEnd', 'Data końca nie może być wcześniejsza niż data początku'],
      ['an actual end before the start', { actualStart: '2026-04-20', actualEnd: '2026-04-19' }, 'actualEnd', 'Data końca nie może być wcześniejsza niż data początku'],
      ['an impossible date', { plannedStart: '2026-02-30' }, 'plannedStart', 'Podaj datę w formacie RRRR-MM-DD'],
      ['no title', { title: '  ' }, 'title', 'Podaj nazwę inwestycji'],
      ['an unknown status', { status: 'GOTOWE' }, 'status', 'Wybierz stan inwestycji'],
    ];
    for (const [what, change, field, message] of cases) {
      it(`refuses ${what}`, async () => {
        const res = await submitForm(staff, '/panel/inwestycje/nowa', '/panel/inwestycje', { ...VALID, ...change });
        expect(res.status).toBe(422);
        expect(fieldError(res.text, field)).toContain(message);
        const $ = html(res.text);
        expect($('.error-summary a[href="#' + field + '"]')).toHaveLength(1);
        expect($('#address').val()).toBe(VALID.address);
        expect(await ctx.deps.db.investment.count()).toBe(0);
        expect(await ctx.deps.db.auditLog.count({ where: { entityType: 'Investment' } })).toBe(0);
      });
    }

    it('refuses a district or a consultation that does not exist', async () => {
      const res = await submitForm(staff, '/panel/inwestycje/nowa', '/panel/inwestycje', { ...VALID, districtIds: '999999', consultationId: '999999' });
      expect(res.status).toBe(422);
      expect(fieldError(res.text, 'districtIds')).toContain('Wybierz dzielnice z listy');
      expect(fieldError(res.text, 'consultationId')).toContain('Wybierz konsultacje z listy');
      expect(await ctx.deps.db.investment.count()).toBe(0);
    });
  });

  it('adds progress updates with photos from the gallery; they show on the public timeline', async () => {
    const investment = await createInvestment(ctx.deps.db, { title: 'Most', slug: 'most', departmentId: own.id });
    const gallery = `/panel/inwestycje/${investment.id}/galeria`;
    expect((await uploadFiles(staff, gallery, `${gallery}/pliki`, [{ name: 'most.jpg', content: await image('jpeg'), field: 'file' }], { altText: 'Nowe przęsło mostu nad Wartą', title: 'Przęsło' })).status).toBe(303);
    const documents = `/panel/inwestycje/${investment.id}/dokumenty`;
    expect((await uploadFiles(staff, documents, `${documents}/pliki`, [{ name: 'harmonogram.pdf', content: pdf() }])).status).toBe(303);
    const [photo, doc] = await ctx.deps.db.attachment.findMany({ where: { investmentId: investment.id }, orderBy: { id: 'asc' } });

    const missing = await submitForm(staff, `/panel/inwestycje/${investment.id}`, `/panel/inwestycje/${investment.id}/postepy`, { date: '', title: '' });
    expect(missing.status).toBe(422);
    expect(fieldError(missing.text, 'date')).toBe('Błąd: Podaj datę wpisu');
    expect(fieldError(missing.text, 'title')).toContain('Podaj tytuł wpisu');

    const otherInvestment = await createInvestment(ctx.deps.db, { departmentId: own.id });
    const foreign = await ctx.deps.db.attachment.create({ data: { kind: 'IMAGE', investmentId: otherInvestment.id, originalName: 'x.jpg', storedName: 'c'.repeat(32) + '.jpg', mimeType: 'image/jpeg', extension: 'jpg', sizeBytes: 10, altText: 'Zdjęcie' } });
    const wrongPhoto = await submitForm(staff, `/panel/inwestycje/${investment.id}`, `/panel/inwestycje/${investment.id}/postepy`, { date: '2026-11-20', title: 'Przęsło', photoIds: String(foreign.id) });
    expect(wrongPhoto.status).toBe(422);
    expect(fieldError(wrongPhoto.text, 'photoIds')).toContain('Wybierz zdjęcia z galerii tej inwestycji');
    expect(await ctx.deps.db.investmentUpdate.count()).toBe(0);

    const added = await submitForm(staff, `/panel/inwestycje/${investment.id}`, `/panel/inwestycje/${investment.id}/postepy`, { date: '2026-11-20', title: 'Montaż przęsła', bodyMd: 'Prace **zgodnie z planem**.', photoIds: String(photo!.id) });
    expect(added.status).toBe(303);
    const $ = html((await request(ctx.app).get('/inwestycje/most').expect(200)).text);
    expect($('.timeline__title').text()).toBe('20 listopada 2026: Montaż przęsła');
    expect($('.timeline img').attr('alt')).toBe('Nowe przęsło mostu nad Wartą');
    expect($('#zdjecia')).toHaveLength(0); // the only photo is shown with its update
    expect($('.documents a').attr('href')).toBe(`/pliki/${doc!.id}/harmonogram.pdf`);
    const update = await ctx.deps.db.investmentUpdate.findFirstOrThrow();
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'investment.progress.add', entityId: String(update.id) } })).toBe(1);

    expect((await submitForm(staff, `/panel/inwestycje/${investment.id}`, `/panel/inwestycje/${investment.id}/postepy/${update.id}/usun`, {})).status).toBe(303);
    expect(await ctx.deps.db.investmentUpdate.count()).toBe(0);
    // The photo goes back to the gallery.
    expect(html((await request(ctx.app).get('/inwestycje/most').expect(200)).text)('#zdjecia').parent().find('img').attr('alt')).toBe('Nowe przęsło mostu nad Wartą');
  });

  it('previews a draft as residents will see it, titled as a preview', async () => {
    const investment = await createInvestment(ctx.deps.db, { title: 'Nowy most', departmentId: own.id, publishedAt: null });
    const $ = html((await staff.get(`/panel/inwestycje/${investment.id}/podglad`).expect(200)).text);
    expect($('main h1').text()).toBe('Nowy most');
    expect($('title').text()).toMatch(/^Podgląd: Nowy most – /);
    expect($('.notice').text()).toContain('Podgląd');
    await request(ctx.app).get(`/inwestycje/${investment.slug}`).expect(404);
  });

  it('keeps a draft\'s and an archived investment\'s files from the public, not from its department', async () => {
    const investment = await createInvestment(ctx.deps.db, { departmentId: own.id, publishedAt: null });
    const documents = `/panel/inwestycje/${investment.id}/dokumenty`;
    expect((await uploadFiles(staff, documents, `${documents}/pliki`, [{ name: 'plan.pdf', content: pdf() }])).status).toBe(303);
    const file = await ctx.deps.db.attachment.findFirstOrThrow({ where: { investmentId: investment.id } });
    await download(request.agent(ctx.app), `/pliki/${file.id}/plan.pdf`).expect(404);
    await download(staff, `/pliki/${file.id}/plan.pdf`).expect(200);
    await ctx.deps.db.investment.update({ where: { id: investment.id }, data: { publishedAt: new Date('2026-11-01T00:00:00Z') } });
    await download(request.agent(ctx.app), `/pliki/${file.id}/plan.pdf`).expect(200);
    await ctx.deps.db.investment.update({ where: { id: investment.id }, data: { archivedAt: new Date('2026-11-20T00:00:00Z') } });
    await download(request.agent(ctx.app), `/pliki/${file.id}/plan.pdf`).expect(404);
  });

  describe('permissions', () => {
    const pagesOf = (id: number) => [`/panel/inwestycje/${id}`, `/panel/inwestycje/${id}/edycja`, `/panel/inwestycje/${id}/podglad`, `/panel/inwestycje/${id}/galeria`, `/panel/inwestycje/${id}/dokumenty`];
    const formsOf = (id: number) => [`/panel/inwestycje/${id}`, `/panel/inwestycje/${id}/publikacja`, `/panel/inwestycje/${id}/wycofanie`, `/panel/inwestycje/${id}/archiwizacja`, `/panel/inwestycje/${id}/przywrocenie`, `/panel/inwestycje/${id}/postepy`];

    it('sends anonymous visitors to the login page', async () => {
      const investment = await createInvestment(ctx.deps.db, { departmentId: own.id });
      for (const path of ['/panel/inwestycje', '/panel/inwestycje/nowa', ...pagesOf(investment.id)]) {
        const res = await request(ctx.app).get(path);
        expect(res.status, path).toBe(303);
        expect(res.headers.location, path).toMatch(/^\/logowanie/);
      }
    });

    it('refuses councillors and moderators (403) on every page and form', async () => {
      const investment = await createInvestment(ctx.deps.db, { departmentId: own.id, publishedAt: null });
      for (const role of ['COUNCILLOR', 'MODERATOR'] as const) {
        const user = await createUser(ctx.deps.db, { role });
        const agent = await loginAs(ctx.app, user.email);
        for (const path of ['/panel/inwestycje', '/panel/inwestycje/nowa', ...pagesOf(investment.id)]) await agent.get(path).expect(403);
        const token = await csrfToken(agent, '/panel');
        await agent.post('/panel/inwestycje').type('form').send({ _csrf: token, ...VALID }).expect(403);
        for (const path of formsOf(investment.id)) await agent.post(path).type('form').send({ _csrf: token, ...VALID, date: '2026-11-20' }).expect(403);
      }
      expect(await ctx.deps.db.investment.count()).toBe(1);
      expect(await ctx.deps.db.investment.findUniqueOrThrow({ where: { id: investment.id } })).toMatchObject({ publishedAt: null, archivedAt: null });
      expect(await ctx.deps.db.auditLog.count({ where: { entityType: { in: ['Investment', 'InvestmentUpdate'] } } })).toBe(0);
    });

    it('gives staff of another department 403 on every page and form of an investment that is not theirs, and lists only their own', async () => {
      const theirs = await createInvestment(ctx.deps.db, { title: 'Cudza inwestycja', departmentId: other.id, publishedAt: null });
      await createInvestment(ctx.deps.db, { title: 'Nasza inwestycja', departmentId: own.id });
      for (const path of pagesOf(theirs.id)) await staff.get(path).expect(403);
      const token = await csrfToken(staff, '/panel');
      for (const path of formsOf(theirs.id)) await staff.post(path).type('form').send({ _csrf: token, ...VALID, date: '2026-11-20' }).expect(403);
      await staff.post(`/panel/inwestycje/${theirs.id}/postepy/1/usun`).type('form').send({ _csrf: token }).expect(403);
      expect(await ctx.deps.db.investment.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ title: 'Cudza inwestycja', publishedAt: null, archivedAt: null });
      expect(await ctx.deps.db.investmentUpdate.count()).toBe(0);
      const list = html((await staff.get('/panel/inwestycje').expect(200)).text);
      expect(list('tbody a').map((_, a) => list(a).text()).get()).toEqual(['Nasza inwestycja']);
    });

    it('lets an administrator manage any department\'s investment and choose its department', async () => {
      const admin = await createUser(ctx.deps.db, { role: 'ADMIN', email: 'admin@example.org' });
      const agent = await loginAs(ctx.app, admin.email);
      const theirs = await createInvestment(ctx.deps.db, { departmentId: other.id, publishedAt: null });
      for (const path of ['/panel/inwestycje', '/panel/inwestycje/nowa', ...pagesOf(theirs.id)]) await agent.get(path).expect(200);
      expect((await submitForm(agent, `/panel/inwestycje/${theirs.id}`, `/panel/inwestycje/${theirs.id}/publikacja`, {})).status).toBe(303);
      const noDepartment = await submitForm(agent, '/panel/inwestycje/nowa', '/panel/inwestycje', { ...VALID, departmentId: '' });
      expect(noDepartment.status).toBe(422);
      expect(fieldError(noDepartment.text, 'departmentId')).toContain('Wybierz wydział');
      expect((await submitForm(agent, '/panel/inwestycje/nowa', '/panel/inwestycje', { ...VALID, departmentId: String(other.id) })).status).toBe(303);
      expect((await ctx.deps.db.investment.findFirstOrThrow({ where: { title: VALID.title } })).departmentId).toBe(other.id);
    });

    it('answers 404 for a missing or malformed investment', async () => {
      for (const path of ['/panel/inwestycje/abc', '/panel/inwestycje/0', '/panel/inwestycje/99999', '/panel/inwestycje/99999/edycja', '/panel/inwestycje/1e3/galeria']) await staff.get(path).expect(404);
    });
  });

  it('links the dashboard task to the department\'s investments', async () => {
    const $ = html((await staff.get('/panel').expect(200)).text);
    expect($('a[href="/panel/inwestycje"]').length).toBeGreaterThan(0);
  });
});
