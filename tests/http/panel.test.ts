import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { createDepartment, createDistrict, createUser } from '../helpers/factories.js';
import { html, loginAs } from '../helpers/http.js';

const ctx = useTestApp();

async function dashboardFor(data: Parameters<typeof createUser>[1]) {
  const user = await createUser(ctx.deps.db, data);
  const agent = await loginAs(ctx.app, user.email);
  const $ = html((await agent.get('/panel').expect(200)).text);
  return { $, tasks: $('.task__title').map((_, el) => $(el).text().trim()).get() };
}

describe('/panel', () => {
  it('sends an anonymous visitor to the login page and back', async () => {
    const res = await request(ctx.app).get('/panel').expect(303);
    expect(res.headers.location).toBe('/logowanie?next=%2Fpanel');
  });

  it('greets department staff by name, role and department, and offers only department work (format requests for their documents included)', async () => {
    const department = await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    const { $, tasks } = await dashboardFor({ role: 'DEPARTMENT_STAFF', departmentId: department.id, name: 'Piotr Kowalski' });
    expect($('h1').text()).toBe('Dzień dobry, Piotr Kowalski');
    expect($('.facts').text()).toContain('Rola: Pracownik wydziału');
    expect($('.facts').text()).toContain('Wydział: Miejski Zarząd Dróg i Transportu');
    expect($('.facts').text()).toContain('To Twoje pierwsze logowanie.');
    expect(tasks).toEqual(['Konsultacje Twojego wydziału', 'Ankiety i sondy', 'Inwestycje Twojego wydziału', 'Prośby o inny format']);
  });

  it('offers a councillor the district’s news, council page, the council’s request for a consultation and requests for documents in another format', async () => {
    const district = await createDistrict(ctx.deps.db, { slug: 'tysiaclecie', name: 'Tysiąclecie' });
    const { $, tasks } = await dashboardFor({ role: 'COUNCILLOR', districtId: district.id });
    expect($('.facts').text()).toContain('Dzielnica: Tysiąclecie');
    expect(tasks).toEqual(['Wniosek rady dzielnicy o konsultacje', 'Aktualności dzielnicy', 'Strona rady dzielnicy', 'Prośby o inny format']);
  });

  it('offers a moderator the moderation queue only', async () => {
    expect((await dashboardFor({ role: 'MODERATOR' })).tasks).toEqual(['Moderacja']);
  });

  it('offers an administrator everything, including accounts and the audit log', async () => {
    const { tasks } = await dashboardFor({ role: 'ADMIN' });
    expect(tasks).toEqual(expect.arrayContaining(['Konta pracowników', 'Dziennik zdarzeń', 'Ustawienia serwisu', 'Konsultacje Twojego wydziału', 'Moderacja']));
  });

  it('shows the previous login time on the next visit', async () => {
    const user = await createUser(ctx.deps.db);
    await loginAs(ctx.app, user.email);
    const agent = await loginAs(ctx.app, user.email);
    const $ = html((await agent.get('/panel').expect(200)).text);
    expect($('.facts').text()).toMatch(/Poprzednie logowanie: 24 listopada 2026/);
  });

  it('shows the header with the panel link and a logout button only to a signed-in user', async () => {
    const anonymous = html((await request(ctx.app).get('/').expect(200)).text);
    expect(anonymous('form[action="/wyloguj"]')).toHaveLength(0);
    expect(anonymous('a[href="/logowanie"]').text()).toBe('Zaloguj się');
    const user = await createUser(ctx.deps.db);
    const agent = await loginAs(ctx.app, user.email);
    const $ = html((await agent.get('/').expect(200)).text);
    expect($('form[action="/wyloguj"] button').text()).toBe('Wyloguj');
    expect($('form[action="/wyloguj"] input[name="_csrf"]').val()).toBeTruthy();
  });
});
