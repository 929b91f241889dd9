// The annual plan of consultations: the public page by year and month, editing in the panel by the
// coordinating office, starting an item as a draft consultation; and the consultation rules page.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createConsultation, createDepartment, createUser } from '../helpers/factories.js';
import { useTestApp } from '../helpers/app.js';
import { fieldError, html, loginAs, submitForm, type Agent } from '../helpers/http.js';

const ctx = useTestApp();

async function item(data: { year: number; month: number; title: string; departmentId: number; description?: string }) {
  return ctx.deps.db.consultationPlanItem.create({ data: { description: '', ...data } });
}

async function officeAgent(): Promise<Agent> {
  const office = await ctx.deps.db.department.create({ data: { code: 'BIK', name: 'Biuro Inicjatyw Lokalnych i Konsultacji Społecznych', coordinatesConsultations: true } });
  return loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: office.id })).email);
}

describe('the public plan of consultations', () => {
  it('shows the current year’s plan by month with departments, and other years through ?rok=', async () => {
    const mzdit = await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    const mpup = await createDepartment(ctx.deps.db, { code: 'MPUP', name: 'Miejska Pracownia Urbanistyczno-Planistyczna' });
    await item({ year: 2026, month: 9, title: 'Plan transportowy', departmentId: mzdit.id });
    await item({ year: 2026, month: 3, title: 'Plan miejscowy Mirów', departmentId: mpup.id, description: 'Tereny przy ul. Mstowskiej.' });
    await item({ year: 2027, month: 2, title: 'Tramwaj na Parkitkę', departmentId: mzdit.id });
    const $ = html((await request(ctx.app).get('/konsultacje/plan').expect(200)).text);
    expect($('h1').text()).toBe('Plan konsultacji 2026');
    expect($('.plan-month h2').map((_, h) => $(h).text()).get()).toEqual(['Marzec 2026', 'Wrzesień 2026']);
    const march = $('.plan-month').first();
    expect(march.find('td').first().text()).toContain('Plan miejscowy Mirów');
    expect(march.find('td').first().text()).toContain('Tereny przy ul. Mstowskiej.');
    expect(march.find('td').eq(1).text()).toBe('Miejska Pracownia Urbanistyczno-Planistyczna');
    expect(march.find('td').eq(2).text()).toBe('Planowane');
    expect($('select[name="rok"] option').map((_, o) => $(o).attr('value')).get()).toEqual(['2027', '2026']);
    expect($('body').text()).not.toContain('Tramwaj na Parkitkę');

    const next = html((await request(ctx.app).get('/konsultacje/plan?rok=2027').expect(200)).text);
    expect(next('h1').text()).toBe('Plan konsultacji 2027');
    expect(next('.plan-month td').first().text()).toContain('Tramwaj na Parkitkę');
    expect(next('select[name="rok"] option[selected]').attr('value')).toBe('2027');
    // A past year without a plan says so; nonsense falls back to the current year.
    expect(html((await request(ctx.app).get('/konsultacje/plan?rok=2019').expect(200)).text)('.notice').text()).toContain('Nie ma planu konsultacji na ten rok.');
    expect(html((await request(ctx.app).get('/konsultacje/plan?rok=abc').expect(200)).text)('h1').text()).toBe('Plan konsultacji 2026');
  });

  it('is not taken for a consultation’s address: a consultation titled "Plan" gets another slug', async () => {
    const department = await createDepartment(ctx.deps.db);
    const staff = await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id });
    const agent = await loginAs(ctx.app, staff.email);
    const res = await submitForm(agent, '/panel/konsultacje/nowa', '/panel/konsultacje', { title: 'Plan', subjectMd: 'S', purposeMd: 'P', scope: 'miasto', startDate: '2027-01-10', endDate: '2027-01-31' });
    expect(res.status).toBe(303);
    expect((await ctx.deps.db.consultation.findFirstOrThrow()).slug).toBe('plan-2');
    expect(html((await request(ctx.app).get('/konsultacje/plan').expect(200)).text)('h1').text()).toBe('Plan konsultacji 2026');
  });

  it('is linked from the consultations list, the site map and the rules; the rules from the footer', async () => {
    const list = html((await request(ctx.app).get('/konsultacje').expect(200)).text);
    expect(list('main a[href="/konsultacje/plan"]').text()).toBe('Plan konsultacji');
    expect(list('main a[href="/wnioski"]').text()).toBe('Wnioski o konsultacje');
    expect(list('footer a[href="/zasady"]').text()).toBe('Zasady konsultacji');
    const map = html((await request(ctx.app).get('/mapa-strony').expect(200)).text);
    for (const href of ['/konsultacje/plan', '/wnioski', '/wnioski/nowy', '/zasady']) expect(map(`main a[href="${href}"]`).length, href).toBe(1);
  });
});

describe('the panel’s plan', () => {
  it('lets the coordinating office add, edit and delete items, audit-logged', async () => {
    const department = await createDepartment(ctx.deps.db, { name: 'Wydział Ochrony Środowiska' });
    const agent = await officeAgent();
    const created = await submitForm(agent, '/panel/plan/nowy', '/panel/plan', { title: 'Program ochrony przed hałasem', description: '21 dni', departmentId: String(department.id), year: '2027', month: '5' });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/panel/plan?rok=2027');
    const row = await ctx.deps.db.consultationPlanItem.findFirstOrThrow();
    expect(row).toMatchObject({ year: 2027, month: 5, departmentId: department.id });
    expect((await submitForm(agent, `/panel/plan/${row.id}/edycja`, `/panel/plan/${row.id}`, { title: 'Program ochrony przed hałasem 2027', departmentId: String(department.id), year: '2027', month: '6' })).status).toBe(303);
    expect(await ctx.deps.db.consultationPlanItem.findFirstOrThrow()).toMatchObject({ month: 6, title: 'Program ochrony przed hałasem 2027' });
    expect((await submitForm(agent, `/panel/plan/${row.id}/edycja`, `/panel/plan/${row.id}/usun`, {})).status).toBe(303);
    expect(await ctx.deps.db.consultationPlanItem.count()).toBe(0);
    expect(await ctx.deps.db.auditLog.count({ where: { action: { in: ['plan.create', 'plan.update', 'plan.delete'] } } })).toBe(3);
  });

  const BAD: [string, Record<string, string>, string][] = [
    ['title', { title: '' }, 'Podaj tytuł konsultacji'],
    ['year', { year: '27' }, 'Podaj rok, na przykład 2027'],
    ['month', { month: '13' }, 'Wybierz miesiąc'],
    ['departmentId', { departmentId: '' }, 'Wybierz'],
    ['departmentId', { departmentId: '999999' }, 'Wybierz'],
  ];
  for (const [field, change, message] of BAD) {
    it(`re-renders the item form with "${message}" at ${field} (422) and writes nothing`, async () => {
      const department = await createDepartment(ctx.deps.db);
      const agent = await officeAgent();
      const res = await submitForm(agent, '/panel/plan/nowy', '/panel/plan', { title: 'T', departmentId: String(department.id), year: '2027', month: '4', ...change });
      expect(res.status).toBe(422);
      expect(fieldError(res.text, field)).toContain(message);
      expect(await ctx.deps.db.consultationPlanItem.count()).toBe(0);
    });
  }

  it('starts an item as a draft consultation of its department in one step, linked both ways; then it cannot be started again or deleted', async () => {
    const department = await createDepartment(ctx.deps.db, { code: 'MZDiT' });
    const planned = await item({ year: 2027, month: 2, title: 'Tramwaj na Parkitkę', departmentId: department.id, description: 'Warianty przebiegu linii.' });
    const agent = await officeAgent();
    const res = await submitForm(agent, '/panel/plan?rok=2027', `/panel/plan/${planned.id}/konsultacja`, {});
    expect(res.status).toBe(303);
    const c = await ctx.deps.db.consultation.findFirstOrThrow({ include: { planItem: true } });
    expect(c).toMatchObject({ title: 'Tramwaj na Parkitkę', departmentId: department.id, publishedAt: null, subjectMd: 'Warianty przebiegu linii.' });
    expect(c.planItem?.id).toBe(planned.id);
    // Placeholder dates: from the first day of the planned month, 21 days.
    expect(c.startsAt.toISOString()).toBe('2027-01-31T23:00:00.000Z');
    const pub = html((await request(ctx.app).get('/konsultacje/plan?rok=2027').expect(200)).text);
    expect(pub('.plan-month td').eq(2).text()).toBe('W przygotowaniu');
    await ctx.deps.db.consultation.update({ where: { id: c.id }, data: { publishedAt: new Date('2026-11-20T00:00:00Z') } });
    const started = html((await request(ctx.app).get('/konsultacje/plan?rok=2027').expect(200)).text);
    expect(started(`.plan-month a[href="/konsultacje/${c.slug}"]`).length).toBe(1);
    expect(html((await request(ctx.app).get(`/konsultacje/${c.slug}`).expect(200)).text)('a[href="/konsultacje/plan?rok=2027"]').text()).toBe('Zapowiedziane w planie konsultacji na 2027 r.');
    expect((await submitForm(agent, '/panel/plan?rok=2027', `/panel/plan/${planned.id}/konsultacja`, {})).status).toBe(409);
    expect((await submitForm(agent, '/panel/plan?rok=2027', `/panel/plan/${planned.id}/usun`, {})).status).toBe(409);
    expect(await ctx.deps.db.consultation.count()).toBe(1);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'plan.start' } })).toBe(1);
  });

  it('answers 404 for a missing item', async () => {
    const agent = await officeAgent();
    await agent.get('/panel/plan/999/edycja').expect(404);
    await agent.get('/panel/plan/x/edycja').expect(404);
  });

  it('lets department staff see their started consultation from the plan, not edit the plan', async () => {
    const department = await createDepartment(ctx.deps.db);
    const c = await createConsultation(ctx.deps.db, { departmentId: department.id });
    await ctx.deps.db.consultationPlanItem.create({ data: { year: 2026, month: 11, title: 'X', departmentId: department.id, consultationId: c.id } });
    const staff = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'DEPARTMENT_STAFF', departmentId: department.id })).email);
    await staff.get('/panel/plan').expect(403);
  });
});

describe('the consultation rules page', () => {
  it('shows the resolution and a plain-language summary, and an administrator edits it (audit-logged)', async () => {
    const $ = html((await request(ctx.app).get('/zasady').expect(200)).text);
    expect($('h1').text()).toBe('Zasady konsultacji');
    expect($('main h2').map((_, h) => $(h).text()).get()).toEqual(expect.arrayContaining(['Zasady w skrócie', 'Podstawa prawna', 'Inicjatywa konsultacji']));
    expect($('main').text()).toContain('Uchwała Nr 715/LXII/2010 Rady Miasta Częstochowy');
    expect($('main a[href="/wnioski"]').length).toBe(1);
    const admin = await loginAs(ctx.app, (await createUser(ctx.deps.db, { role: 'ADMIN' })).email);
    const res = await submitForm(admin, '/panel/strony/zasady', '/panel/strony/zasady', { bodyMd: '## Nowe zasady\n\nTekst uchwały.', action: 'zapisz' });
    expect(res.status).toBe(303);
    expect(html((await request(ctx.app).get('/zasady').expect(200)).text)('main h2').first().text()).toBe('Nowe zasady');
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'content.page.update', entityId: 'zasady' } })).toBe(1);
    const office = await officeAgent();
    await office.get('/panel/strony/zasady').expect(403);
  });
});
