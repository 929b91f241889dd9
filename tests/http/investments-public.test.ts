// What residents see of investments: the list and its filters (GET, no JavaScript needed), the GeoJSON of
// public investments, one investment's page, the district and home pages; drafts and archived ones stay hidden.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createConsultation, createDepartment, createDistrict } from '../helpers/factories.js';
import { createInvestment, createProgressUpdate } from '../helpers/investment-factories.js';
import { html } from '../helpers/http.js';
import { createNews } from '../helpers/news-factories.js';
import { useTestApp } from '../helpers/app.js';

const ctx = useTestApp();
const titles = (text: string) => html(text)('.investment-list .investment-item__title').map((_, el) => html(text)(el).text().trim()).get();
const NBSP = '\u00a0';

describe('the public list of investments', () => {
  let mzdit: { id: number; code: string };
  let iz: { id: number; code: string };
  let rakow: { id: number };
  let mirow: { id: number };
  beforeEach(async () => {
    mzdit = await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' });
    iz = await createDepartment(ctx.deps.db, { code: 'IZ', name: 'Wydział Inwestycji i Zamówień Publicznych' });
    rakow = await createDistrict(ctx.deps.db, { slug: 'rakow', name: 'Raków' });
    mirow = await createDistrict(ctx.deps.db, { slug: 'mirow', name: 'Mirów' });
  });

  it('lists public investments with status, districts, budget as "12,6 mln zł", EU share and dates; drafts, scheduled and archived ones are not listed', async () => {
    await createInvestment(ctx.deps.db, { title: 'Przebudowa ul. Mirowskiej', departmentId: mzdit.id, districtIds: [mirow.id], budgetGrosze: 1_260_000_000n, euFundingGrosze: 1_071_000_000n, plannedStart: '2026-03-01', plannedEnd: '2027-05-31' });
    await createInvestment(ctx.deps.db, { title: 'Szkic', departmentId: mzdit.id, publishedAt: null });
    await createInvestment(ctx.deps.db, { title: 'Zaplanowana publikacja', departmentId: mzdit.id, publishedAt: new Date('2026-12-01T10:00:00Z') });
    await createInvestment(ctx.deps.db, { title: 'Archiwalna', departmentId: mzdit.id, archivedAt: new Date('2026-11-20T10:00:00Z') });
    const res = await request(ctx.app).get('/inwestycje').expect(200);
    const $ = html(res.text);
    expect(titles(res.text)).toEqual(['Przebudowa ul. Mirowskiej']);
    expect($('.results__count').text()).toBe('1 inwestycja');
    const item = $('.investment-item').text().replace(/\s+/g, ' ');
    expect(item).toContain('W realizacji');
    expect(item).toContain('Mirów');
    expect($('.investment-item').text()).toContain(`12,6${NBSP}mln${NBSP}zł`);
    expect(item).toContain('85% ze środków Unii Europejskiej');
    expect(item).toContain('1 marca 2026 – 31 maja 2027');
    expect(item).toContain('Miejski Zarząd Dróg i Transportu');
    expect($('nav.main-nav a[aria-current="page"]').text()).toBe('Inwestycje');
  });

  it('filters by status, district, department and year with plain GET parameters, keeping the choices in the form and the GeoJSON link', async () => {
    await createInvestment(ctx.deps.db, { title: 'Tramwaj', status: 'COMPLETED', departmentId: mzdit.id, districtIds: [rakow.id], plannedStart: '2019-03-01', plannedEnd: '2021-06-30', actualStart: '2019-04-15', actualEnd: '2021-11-30' });
    await createInvestment(ctx.deps.db, { title: 'Mirowska', status: 'IN_PROGRESS', departmentId: mzdit.id, districtIds: [mirow.id], plannedStart: '2026-03-01', plannedEnd: '2027-05-31' });
    await createInvestment(ctx.deps.db, { title: 'Stadion', status: 'SUSPENDED', departmentId: iz.id, districtIds: [rakow.id], plannedStart: '2024-01-01', plannedEnd: null, actualStart: '2024-03-04' });
    await createInvestment(ctx.deps.db, { title: 'Parkitka', status: 'PLANNED', departmentId: mzdit.id, plannedStart: '2027-06-01', plannedEnd: '2029-12-31' });

    expect(titles((await request(ctx.app).get('/inwestycje?status=zrealizowana').expect(200)).text)).toEqual(['Tramwaj']);
    expect(titles((await request(ctx.app).get('/inwestycje?status=wstrzymana').expect(200)).text)).toEqual(['Stadion']);
    expect(titles((await request(ctx.app).get('/inwestycje?dzielnica=rakow').expect(200)).text).sort()).toEqual(['Stadion', 'Tramwaj']);
    expect(titles((await request(ctx.app).get('/inwestycje?wydzial=IZ').expect(200)).text)).toEqual(['Stadion']);
    // In 2020 the tram line was being built (actual dates) and the stadium not yet.
    expect(titles((await request(ctx.app).get('/inwestycje?rok=2020').expect(200)).text)).toEqual(['Tramwaj']);
    // In 2026: Mirowska (planned) and the stadium (started 2024, no end); the tram line ended in 2021.
    expect(titles((await request(ctx.app).get('/inwestycje?rok=2026').expect(200)).text)).toEqual(['Mirowska', 'Stadion']);
    expect(titles((await request(ctx.app).get('/inwestycje?rok=2028').expect(200)).text)).toEqual(['Parkitka', 'Stadion']);
    const combined = await request(ctx.app).get('/inwestycje?status=w-realizacji&dzielnica=mirow&wydzial=MZDiT&rok=2026').expect(200);
    expect(titles(combined.text)).toEqual(['Mirowska']);
    const $ = html(combined.text);
    expect($('#status').val()).toBe('w-realizacji');
    expect($('#dzielnica').val()).toBe('mirow');
    expect($('#wydzial').val()).toBe('MZDiT');
    expect($('#rok').val()).toBe('2026');
    expect($('[data-investment-map]').attr('data-geojson')).toBe('/inwestycje.geojson?status=w-realizacji&dzielnica=mirow&wydzial=MZDiT&rok=2026');
    expect($('form.filters').attr('method')).toBe('get');
  });

  it('orders ongoing investments first and shows everything when a filter cannot be read', async () => {
    await createInvestment(ctx.deps.db, { title: 'Zrealizowana', status: 'COMPLETED', departmentId: mzdit.id });
    await createInvestment(ctx.deps.db, { title: 'Planowana', status: 'PLANNED', departmentId: mzdit.id });
    await createInvestment(ctx.deps.db, { title: 'Trwająca', status: 'IN_PROGRESS', departmentId: mzdit.id });
    const res = await request(ctx.app).get('/inwestycje?status=zla&dzielnica=%3Cx%3E&rok=abc&wydzial=%27').expect(200);
    expect(titles(res.text)).toEqual(['Trwająca', 'Planowana', 'Zrealizowana']);
    expect(html(res.text)('#status').val()).toBe('');
  });

  it('shows 20 investments a page with links that keep the filters', async () => {
    for (let n = 1; n <= 23; n++) await createInvestment(ctx.deps.db, { title: `Inwestycja ${String(n).padStart(2, '0')}`, departmentId: mzdit.id, districtIds: [rakow.id] });
    const first = html((await request(ctx.app).get('/inwestycje?dzielnica=rakow').expect(200)).text);
    expect(first('.investment-list > li')).toHaveLength(20);
    expect(first('.results__count').text()).toBe('23 inwestycje');
    const next = first('a[rel="next"]').attr('href') ?? first('.pagination a').filter((_, a) => first(a).text().trim() === '2').attr('href');
    expect(next).toBe('/inwestycje?dzielnica=rakow&strona=2');
    const second = html((await request(ctx.app).get(next!).expect(200)).text);
    expect(second('.investment-list > li')).toHaveLength(3);
  });

  it('says so when nothing matches, with a link back to all investments', async () => {
    const $ = html((await request(ctx.app).get('/inwestycje?status=wstrzymana').expect(200)).text);
    expect($('.notice').text()).toContain('Żadna inwestycja nie pasuje do wybranych warunków.');
    expect($('.notice a').attr('href')).toBe('/inwestycje');
  });
});

describe('GeoJSON of public investments', () => {
  it('is a valid FeatureCollection of public investments with coordinates, [longitude, latitude], linking to each page', async () => {
    const department = await createDepartment(ctx.deps.db);
    const rakow = await createDistrict(ctx.deps.db, { slug: 'rakow', name: 'Raków' });
    const stadium = await createInvestment(ctx.deps.db, { title: 'Stadion', slug: 'stadion', departmentId: department.id, districtIds: [rakow.id], latitude: 50.7904, longitude: 19.1707, budgetGrosze: 13_820_000_000n });
    await createInvestment(ctx.deps.db, { title: 'Bez położenia', departmentId: department.id, latitude: null, longitude: null });
    await createInvestment(ctx.deps.db, { title: 'Szkic', departmentId: department.id, publishedAt: null });
    await createInvestment(ctx.deps.db, { title: 'Archiwalna', departmentId: department.id, archivedAt: new Date('2026-11-20T10:00:00Z') });
    const res = await request(ctx.app).get('/inwestycje.geojson').expect(200);
    expect(res.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    const data = JSON.parse(res.text) as { type: string; features: { type: string; id: number; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] };
    expect(data.type).toBe('FeatureCollection');
    expect(data.features).toHaveLength(1);
    const [feature] = data.features;
    expect(feature).toMatchObject({ type: 'Feature', id: stadium.id, geometry: { type: 'Point', coordinates: [19.1707, 50.7904] } });
    // RFC 7946: longitude first, in range.
    const [lon, lat] = feature!.geometry.coordinates as [number, number];
    expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    expect(Math.abs(lat)).toBeLessThanOrEqual(90);
    expect(feature!.properties).toMatchObject({ title: 'Stadion', path: '/inwestycje/stadion', url: 'http://localhost:3000/inwestycje/stadion', status: 'w-realizacji', statusLabel: 'W realizacji', budget: `138,2${NBSP}mln${NBSP}zł`, districts: ['Raków'] });
    await request(ctx.app).get(String(feature!.properties.path)).expect(200);
  });

  it('applies the list filters, and an empty result is still a FeatureCollection', async () => {
    const department = await createDepartment(ctx.deps.db);
    await createInvestment(ctx.deps.db, { title: 'Zrealizowana', status: 'COMPLETED', departmentId: department.id });
    await createInvestment(ctx.deps.db, { title: 'Trwająca', status: 'IN_PROGRESS', departmentId: department.id });
    const filtered = JSON.parse((await request(ctx.app).get('/inwestycje.geojson?status=zrealizowana').expect(200)).text) as { features: { properties: { title: string } }[] };
    expect(filtered.features.map((f) => f.properties.title)).toEqual(['Zrealizowana']);
    expect(JSON.parse((await request(ctx.app).get('/inwestycje.geojson?status=wstrzymana').expect(200)).text)).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('one investment', () => {
  it('shows the description, location with its map, the timeline, the linked consultation and the contact', async () => {
    const department = await createDepartment(ctx.deps.db, { name: 'Miejski Zarząd Dróg i Transportu' });
    const consultation = await createConsultation(ctx.deps.db, { title: 'Przebieg nowej ulicy', slug: 'przebieg-nowej-ulicy', departmentId: department.id });
    const investment = await createInvestment(ctx.deps.db, { title: 'Nowa ulica', slug: 'nowa-ulica', departmentId: department.id, address: 'ul. Nowa 1', consultationId: consultation.id });
    await ctx.deps.db.investment.update({ where: { id: investment.id }, data: { descriptionHtml: '<p>Opis <strong>inwestycji</strong></p>', contactName: 'Piotr Kowalski', contactEmail: 'inwestycje@example.org' } });
    await createProgressUpdate(ctx.deps.db, investment.id, { date: '2026-05-04', title: 'Przekazanie placu budowy' });
    await createProgressUpdate(ctx.deps.db, investment.id, { date: '2026-10-01', title: 'Nowa nawierzchnia' });
    const $ = html((await request(ctx.app).get('/inwestycje/nowa-ulica').expect(200)).text);
    expect($('h1').text()).toBe('Nowa ulica');
    expect($('.prose strong').text()).toBe('inwestycji');
    expect($('#polozenie').parent().text()).toContain('ul. Nowa 1');
    expect($('[data-investment-map]').attr('data-point')).toBe('50.8118,19.1203');
    expect($('#polozenie').parent().text()).toContain('Współrzędne: 50,81180° N, 19,12030° E');
    expect($('.timeline__title').map((_, el) => $(el).text()).get()).toEqual(['1 października 2026: Nowa nawierzchnia', '4 maja 2026: Przekazanie placu budowy']);
    expect($('#konsultacja').parent().find('a').attr('href')).toBe('/konsultacje/przebieg-nowej-ulicy');
    expect($('#kontakt').parent().text()).toContain('Piotr Kowalski');
    expect($('link[href="/vendor/leaflet/leaflet.css"]')).toHaveLength(1);
    expect($('script[src="/vendor/leaflet/leaflet.js"]')).toHaveLength(1);
  });

  it('lists the published news that link to the investment', async () => {
    const department = await createDepartment(ctx.deps.db);
    await createInvestment(ctx.deps.db, { title: 'Most', slug: 'most', departmentId: department.id });
    await createInvestment(ctx.deps.db, { title: 'Mostek', slug: 'mostek', departmentId: department.id });
    await createNews(ctx.deps.db, { title: 'Objazd przy moście', slug: 'objazd', bodyMd: 'Szczegóły: [inwestycja](/inwestycje/most).', publishedAt: new Date('2026-11-20T10:00:00Z') });
    await createNews(ctx.deps.db, { title: 'Szkic o moście', slug: 'szkic', bodyMd: 'Zob. /inwestycje/most', publishedAt: null });
    await createNews(ctx.deps.db, { title: 'O mostku', slug: 'o-mostku', bodyMd: 'Zob. /inwestycje/mostek-2', publishedAt: new Date('2026-11-20T10:00:00Z') });
    const $ = html((await request(ctx.app).get('/inwestycje/most').expect(200)).text);
    expect($('#aktualnosci').parent().find('.news-item__title').map((_, el) => $(el).text().trim()).get()).toEqual(['Objazd przy moście']);
    expect(html((await request(ctx.app).get('/inwestycje/mostek').expect(200)).text)('#aktualnosci')).toHaveLength(0);
  });

  it('is 404 for a draft, a scheduled, an archived or a missing investment, and for a malformed address', async () => {
    const department = await createDepartment(ctx.deps.db);
    await createInvestment(ctx.deps.db, { slug: 'szkic', departmentId: department.id, publishedAt: null });
    await createInvestment(ctx.deps.db, { slug: 'pozniej', departmentId: department.id, publishedAt: new Date('2026-12-01T00:00:00Z') });
    await createInvestment(ctx.deps.db, { slug: 'archiwum', departmentId: department.id, archivedAt: new Date('2026-11-01T00:00:00Z') });
    for (const path of ['/inwestycje/szkic', '/inwestycje/pozniej', '/inwestycje/archiwum', '/inwestycje/nie-ma', '/inwestycje/Z%C5%81A']) await request(ctx.app).get(path).expect(404);
  });

  it('serves Leaflet from the portal itself', async () => {
    const js = await request(ctx.app).get('/vendor/leaflet/leaflet.js').expect(200);
    expect(js.headers['content-type']).toContain('javascript');
    await request(ctx.app).get('/vendor/leaflet/leaflet.css').expect(200);
    await request(ctx.app).get('/vendor/leaflet/nie-ma.js').expect(404);
  });
});

describe('investments on district pages and the home page', () => {
  it('lists a district\'s public investments with a link to the filtered list', async () => {
    const department = await createDepartment(ctx.deps.db);
    const rakow = await createDistrict(ctx.deps.db, { slug: 'rakow', name: 'Raków' });
    const mirow = await createDistrict(ctx.deps.db, { slug: 'mirow', name: 'Mirów' });
    await createInvestment(ctx.deps.db, { title: 'Stadion', departmentId: department.id, districtIds: [rakow.id] });
    await createInvestment(ctx.deps.db, { title: 'Mirowska', departmentId: department.id, districtIds: [mirow.id] });
    await createInvestment(ctx.deps.db, { title: 'Szkic na Rakowie', departmentId: department.id, districtIds: [rakow.id], publishedAt: null });
    const $ = html((await request(ctx.app).get('/dzielnice/rakow').expect(200)).text);
    const section = $('#inwestycje').parent();
    expect(section.find('.investment-item__title').map((_, el) => $(el).text().trim()).get()).toEqual(['Stadion']);
    expect(section.find('a[href="/inwestycje?dzielnica=rakow"]').text()).toBe('Wszystkie inwestycje w dzielnicy (1)');
    expect(html((await request(ctx.app).get('/dzielnice/mirow').expect(200)).text)('#inwestycje').parent().text()).not.toContain('Stadion');
  });

  it('shows a few current investments (under way or in preparation) on the home page', async () => {
    const department = await createDepartment(ctx.deps.db);
    await createInvestment(ctx.deps.db, { title: 'W realizacji', status: 'IN_PROGRESS', departmentId: department.id });
    await createInvestment(ctx.deps.db, { title: 'W przygotowaniu', status: 'PREPARATION', departmentId: department.id });
    await createInvestment(ctx.deps.db, { title: 'Zrealizowana', status: 'COMPLETED', departmentId: department.id });
    await createInvestment(ctx.deps.db, { title: 'Planowana', status: 'PLANNED', departmentId: department.id });
    const $ = html((await request(ctx.app).get('/').expect(200)).text);
    const card = $('#inwestycje');
    expect(card.find('.investment-item__title').map((_, el) => $(el).text().trim()).get()).toEqual(['W realizacji', 'W przygotowaniu']);
    expect(card.find('.card__more a').attr('href')).toBe('/inwestycje');
  });
});
