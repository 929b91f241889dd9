import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedBase } from '../../src/db/seed.js';
import type { Role } from '../../src/generated/prisma/enums.js';
import { useTestApp } from '../helpers/app.js';
import { createUser } from '../helpers/factories.js';
import { csrfToken, fieldError, html, loginAs, submitForm } from '../helpers/http.js';

const ctx = useTestApp();

const MONITORING_IDS = [
  'a11y-wstep',
  'a11y-podmiot',
  'a11y-url',
  'a11y-data-publikacja',
  'a11y-data-aktualizacja',
  'a11y-status',
  'a11y-ocena',
  'a11y-data-sporzadzenie',
  'a11y-kontakt',
  'a11y-osoba',
  'a11y-email',
  'a11y-telefon',
  'a11y-procedura',
  'a11y-architektura',
  'a11y-aplikacje',
];

const validStatement = {
  entityName: 'Urząd Miasta Częstochowy',
  siteName: 'Konsultacji Społecznych Częstochowy',
  siteUrl: 'https://konsultacje.example.org',
  publishedOn: '2026-10-01',
  updatedOn: '2026-11-20',
  status: 'PARTIALLY_COMPLIANT',
  nonAccessible: 'Stare skany uchwał nie mają warstwy tekstowej.\n\nFilmy nie mają napisów.',
  preparedOn: '2026-11-24',
  assessment: 'badania przeprowadzonego przez podmiot zewnętrzny',
  auditor: 'Fundacja Przykładowa',
  contactName: 'Katarzyna Wiśniewska',
  contactEmail: 'dostepnosc@example.org',
  contactPhone: '34 370 00 01',
  architectureMd: 'Wejście od ul. Śląskiej, **winda** na parterze.',
  mobileAppsMd: 'Brak aplikacji mobilnych.',
};

async function admin() {
  const user = await createUser(ctx.deps.db, { role: 'ADMIN' });
  return { user, agent: await loginAs(ctx.app, user.email) };
}

const STATEMENT_FORM = '/panel/strony/deklaracja-dostepnosci';

describe('the accessibility statement', () => {
  it('carries every monitoring id exactly once, on the element the model statement puts it on', async () => {
    await seedBase(ctx.deps.db);
    const $ = html((await request(ctx.app).get('/deklaracja-dostepnosci').expect(200)).text);
    for (const id of MONITORING_IDS) expect($(`[id="${id}"]`), id).toHaveLength(1);
    expect($('h1').text()).toBe('Deklaracja dostępności');
    expect($('#a11y-wstep').is('p')).toBe(true);
    expect($('#a11y-wstep #a11y-podmiot').text()).toBe('Urząd Miasta Częstochowy');
    expect($('#a11y-wstep a#a11y-url').attr('href')).toMatch(/^https:\/\//);
    expect($('#a11y-wstep').text()).toContain('ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej');
    for (const id of ['a11y-kontakt', 'a11y-architektura', 'a11y-aplikacje']) expect($(`#${id}`).is('h2'), id).toBe(true);
    expect($('#a11y-procedura').is('h3')).toBe(true);
    expect($('#a11y-status').is('p')).toBe(true);
    expect($('#a11y-status').text()).toContain('częściowo zgodna');
    expect($('h3:contains("Treści niedostępne") + ul li').length).toBeGreaterThan(0);
    expect($('#a11y-email').attr('href')).toBe('mailto:konsultacje@czestochowa.um.gov.pl');
    expect($('#a11y-telefon').attr('href')).toMatch(/^tel:\+48\d{9}$/);
    // The contact ids sit in the contact section, the procedure after it.
    const order = MONITORING_IDS.filter((id) => id !== 'a11y-ocena').map((id) => $.html().indexOf(`id="${id}"`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect($('#a11y-audytor')).toHaveLength(0);
  });

  it('gives each date as <time datetime="YYYY-MM-DD"> showing the same valid date', async () => {
    await seedBase(ctx.deps.db);
    const $ = html((await request(ctx.app).get('/deklaracja-dostepnosci').expect(200)).text);
    for (const id of ['a11y-data-publikacja', 'a11y-data-aktualizacja', 'a11y-data-sporzadzenie']) {
      const el = $(`#${id}`);
      expect(el.is('time'), id).toBe(true);
      const value = el.attr('datetime')!;
      expect(value, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10), id).toBe(value);
      expect(el.text(), id).toBe(value);
    }
  });

  it('explains the complaint procedure: 7 days, at most 2 months, then the Rzecznik Praw Obywatelskich', async () => {
    const $ = html((await request(ctx.app).get('/deklaracja-dostepnosci').expect(200)).text);
    const procedure = $('#a11y-procedura').nextUntil('h2').text();
    expect(procedure).toContain('nie później niż w ciągu 7 dni');
    expect(procedure).toContain('nie może być dłuższy niż 2 miesiące');
    expect(procedure).toContain('Rzecznika Praw Obywatelskich');
  });

  it('is linked from the footer of every kind of page, and announced in a meta tag', async () => {
    const agent = (await admin()).agent;
    const anonymous = request(ctx.app);
    const pages = [...['/', '/konsultacje', '/kalendarz', '/regulamin', '/logowanie', '/strona-ktorej-nie-ma', '/deklaracja-dostepnosci'].map((path) => ({ path, as: anonymous })), ...['/panel', STATEMENT_FORM].map((path) => ({ path, as: agent }))];
    for (const { path, as } of pages) {
      const res = await as.get(path);
      const $ = html(res.text);
      expect($('footer a[href="/deklaracja-dostepnosci"]').text(), path).toBe('Deklaracja dostępności');
      expect($('meta[name="deklaracja-dostępności"]').attr('content'), path).toBe('/deklaracja-dostepnosci');
    }
  });

  it('shows what an administrator saved, audit-logged, and keeps it when the base seed runs again', async () => {
    const { user, agent } = await admin();
    const res = await submitForm(agent, STATEMENT_FORM, STATEMENT_FORM, validStatement);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/deklaracja-dostepnosci');
    await seedBase(ctx.deps.db);
    const $ = html((await agent.get('/deklaracja-dostepnosci').expect(200)).text);
    expect($('.notice').text()).toContain('Zapisano deklarację dostępności');
    expect($('#a11y-osoba').text()).toBe('Katarzyna Wiśniewska');
    expect($('#a11y-url').text()).toBe('Konsultacji Społecznych Częstochowy');
    expect($('#a11y-data-aktualizacja').attr('datetime')).toBe('2026-11-20');
    expect($('#a11y-audytor').text()).toBe('Fundacja Przykładowa');
    expect($('#a11y-ocena').text()).toBe('badania przeprowadzonego przez podmiot zewnętrzny');
    expect($('h3:contains("Treści niedostępne") + ul li').map((_, li) => $(li).text()).get()).toEqual(['Stare skany uchwał nie mają warstwy tekstowej.', 'Filmy nie mają napisów.']);
    expect($('#a11y-architektura + .prose strong').text()).toBe('winda');
    expect($('#a11y-telefon').attr('href')).toBe('tel:+48343700001');
    const entry = await ctx.deps.db.auditLog.findFirstOrThrow({ where: { action: 'content.statement.update' } });
    expect(entry).toMatchObject({ userId: user.id, entityType: 'accessibility_statement', entityId: '1' });
    const changed = (entry.details as { changed: string[] }).changed;
    expect(changed).toEqual(expect.arrayContaining(['contactName', 'auditor', 'publishedOn']));
    expect(changed).not.toContain('status');
  });

  it('says "zgodna" without a list once compliant, and leaves out the optional ids when empty', async () => {
    const { agent } = await admin();
    expect((await submitForm(agent, STATEMENT_FORM, STATEMENT_FORM, { ...validStatement, status: 'COMPLIANT', nonAccessible: '', assessment: '', auditor: '' })).status).toBe(303);
    const $ = html((await agent.get('/deklaracja-dostepnosci').expect(200)).text);
    expect($('#a11y-status').text()).toMatch(/^Strona internetowa jest zgodna/);
    expect($('h3:contains("Treści niedostępne")')).toHaveLength(0);
    expect($('#a11y-ocena, #a11y-audytor')).toHaveLength(0);
  });

  it('re-renders the form with Polish messages at the fields, keeps the values and writes nothing', async () => {
    const { agent } = await admin();
    const res = await submitForm(agent, STATEMENT_FORM, STATEMENT_FORM, {
      ...validStatement,
      entityName: '  ',
      siteUrl: 'javascript:alert(1)',
      publishedOn: '2026-02-30',
      updatedOn: '',
      status: 'NIEZNANY',
      contactEmail: 'nie-adres',
      contactPhone: 'zadzwoń',
    });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('title').text()).toMatch(/^Błąd:/);
    expect(fieldError(res.text, 'entityName')).toContain('Podaj nazwę podmiotu publicznego');
    expect(fieldError(res.text, 'siteUrl')).toContain('Podaj pełny adres strony zaczynający się od https://');
    expect(fieldError(res.text, 'publishedOn')).toContain('Podaj datę w formacie RRRR-MM-DD');
    expect(fieldError(res.text, 'updatedOn')).toContain('Podaj datę ostatniej istotnej aktualizacji');
    expect(fieldError(res.text, 'status')).toContain('Wybierz status zgodności');
    expect(fieldError(res.text, 'contactEmail')).toContain('Podaj adres e-mail w poprawnym formacie');
    expect(fieldError(res.text, 'contactPhone')).toContain('Podaj numer telefonu');
    expect($('.error-summary a[href="#entityName"]').text()).toBe('Podaj nazwę podmiotu publicznego');
    expect($('#contactName').val()).toBe('Katarzyna Wiśniewska');
    expect(await ctx.deps.db.accessibilityStatement.count()).toBe(0);
    expect(await ctx.deps.db.auditLog.count({ where: { action: 'content.statement.update' } })).toBe(0);
  });

  it('asks for the list of non-accessible content when the status is not "zgodna", and for dates in order', async () => {
    const { agent } = await admin();
    const res = await submitForm(agent, STATEMENT_FORM, STATEMENT_FORM, { ...validStatement, status: 'NON_COMPLIANT', nonAccessible: ' ', updatedOn: '2026-09-01' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'nonAccessible')).toContain('Wymień treści niedostępne');
    expect(fieldError(res.text, 'updatedOn')).toContain('nie może być wcześniejsza niż data publikacji');
  });
});

const PAGES = [
  { path: '/polityka-prywatnosci', title: 'Polityka prywatności', expects: ['Prezydent Miasta Częstochowy', 'inspektorem ochrony danych', 'art. 6 ust. 1 lit. e RODO', 'Prezesa Urzędu Ochrony Danych Osobowych', 'zautomatyzowanego podejmowania decyzji', 'nie wyświetlamy prośby o zgodę', 'konsultacje.sid', 'lang'] },
  { path: '/regulamin', title: 'Regulamin', expects: ['Komentarze', 'Uwagi do konsultowanych dokumentów', 'moderatora'] },
  { path: '/kontakt', title: 'Kontakt', expects: ['ul. Śląska 11/13', 'konsultacje@czestochowa.um.gov.pl', 'Biuro Inicjatyw Lokalnych i Konsultacji Społecznych'] },
  { path: '/o-platformie', title: 'O platformie', expects: ['Budowa dialogu społecznego w Częstochowie', 'Polskim Instytutem Mediacji', 'wzorcow', 'Uchwała Nr 715/LXII/2010'] },
  { path: '/zasady', title: 'Zasady konsultacji', expects: ['Zasady w skrócie', 'Uchwała Nr 715/LXII/2010', 'Art. 5a ustawy', 'rady dzielnic', 'co najmniej 7 dni'] },
];

describe('the editable duty pages', () => {
  it('serve good default Polish content from the base seed, with h2 sections under the one h1', async () => {
    await seedBase(ctx.deps.db);
    expect(await ctx.deps.db.contentPage.count()).toBe(5);
    for (const page of PAGES) {
      const $ = html((await request(ctx.app).get(page.path).expect(200)).text);
      expect($('h1').text(), page.path).toBe(page.title);
      expect($('h1')).toHaveLength(1);
      expect($('main h2').length, page.path).toBeGreaterThan(0);
      for (const text of page.expects) expect($('main').text(), `${page.path}: ${text}`).toContain(text);
      expect($('.breadcrumbs [aria-current="page"]').text()).toBe(page.title);
    }
  });

  it('lets an administrator preview without saving, then save: public at once, audit-logged, kept by the seed', async () => {
    await seedBase(ctx.deps.db);
    const { user, agent } = await admin();
    const body = '## Godziny pracy\n\nPoniedziałek **8–16**.';
    const preview = await submitForm(agent, '/panel/strony/kontakt', '/panel/strony/kontakt', { bodyMd: body, action: 'podglad' });
    expect(preview.status).toBe(200);
    expect(html(preview.text)('.content-preview strong').text()).toBe('8–16');
    expect(html(preview.text)('#bodyMd').text()).toBe(body);
    expect((await ctx.deps.db.contentPage.findUniqueOrThrow({ where: { slug: 'kontakt' } })).bodyMd).not.toBe(body);

    const saved = await submitForm(agent, '/panel/strony/kontakt', '/panel/strony/kontakt', { bodyMd: body, action: 'zapisz' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/kontakt');
    await seedBase(ctx.deps.db);
    const $ = html((await request(ctx.app).get('/kontakt').expect(200)).text);
    expect($('main h2').text()).toBe('Godziny pracy');
    expect($('main strong').text()).toBe('8–16');
    expect(await ctx.deps.db.auditLog.findFirst({ where: { action: 'content.page.update', entityId: 'kontakt', userId: user.id } })).not.toBeNull();
  });

  it('re-renders with "Wpisz treść strony" when the text is empty and writes nothing', async () => {
    const { agent } = await admin();
    const res = await submitForm(agent, '/panel/strony/regulamin', '/panel/strony/regulamin', { bodyMd: '   ', action: 'zapisz' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'bodyMd')).toContain('Wpisz treść strony');
    expect(await ctx.deps.db.contentPage.count()).toBe(0);
  });

  it('never lets an administrator’s Markdown inject HTML or script', async () => {
    const { agent } = await admin();
    const evil = '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1)) [obraz](data:text/html;base64,PHNjcmlwdD4=)\n\n<a href="x" onclick="y">a</a>';
    expect((await submitForm(agent, '/panel/strony/regulamin', '/panel/strony/regulamin', { bodyMd: evil, action: 'zapisz' })).status).toBe(303);
    expect((await submitForm(agent, STATEMENT_FORM, STATEMENT_FORM, { ...validStatement, architectureMd: evil, mobileAppsMd: evil })).status).toBe(303);
    const preview = await submitForm(agent, '/panel/strony/regulamin', '/panel/strony/regulamin', { bodyMd: evil, action: 'podglad' });
    for (const text of [(await request(ctx.app).get('/regulamin')).text, (await request(ctx.app).get('/deklaracja-dostepnosci')).text, preview.text]) {
      const $ = html(text);
      expect($('main script, main img, main [onerror], main [onclick]')).toHaveLength(0);
      expect($('main a[href^="javascript:"], main a[href^="data:"]')).toHaveLength(0);
      expect($('main').text()).toContain('<script>alert(1)</script>');
    }
  });

  it('answers 404 for a page the portal does not know', async () => {
    const { agent } = await admin();
    await agent.get('/panel/strony/nieznana').expect(404);
    const token = await csrfToken(agent, '/panel/strony');
    await agent.post('/panel/strony/nieznana').type('form').send({ _csrf: token, bodyMd: 'x' }).expect(404);
  });
});

describe('who may edit the duty pages', () => {
  const routes = [
    { method: 'get', path: '/panel/strony' },
    { method: 'get', path: STATEMENT_FORM },
    { method: 'post', path: STATEMENT_FORM },
    { method: 'get', path: '/panel/strony/polityka-prywatnosci' },
    { method: 'post', path: '/panel/strony/polityka-prywatnosci' },
  ] as const;

  it('sends anonymous visitors to the login page, and back afterwards', async () => {
    for (const route of routes.filter((r) => r.method === 'get')) {
      const res = await request(ctx.app).get(route.path);
      expect(res.status, route.path).toBe(303);
      expect(res.headers.location, route.path).toMatch(/^\/logowanie/);
    }
  });

  it.each<Role>(['DEPARTMENT_STAFF', 'COUNCILLOR', 'MODERATOR'])('refuses %s with 403 and writes nothing', async (role) => {
    const user = await createUser(ctx.deps.db, { role });
    const agent = await loginAs(ctx.app, user.email);
    const token = await csrfToken(agent, '/panel');
    for (const route of routes) {
      const res = route.method === 'get' ? await agent.get(route.path) : await agent.post(route.path).type('form').send({ _csrf: token, ...validStatement, bodyMd: 'Przejęte', action: 'zapisz' });
      expect(res.status, `${route.method} ${route.path}`).toBe(403);
    }
    expect(await ctx.deps.db.accessibilityStatement.count()).toBe(0);
    expect(await ctx.deps.db.contentPage.count()).toBe(0);
    expect(html((await agent.get('/panel')).text)('a[href="/panel/strony"]')).toHaveLength(0);
  });

  it('lets an administrator reach every editor from the panel', async () => {
    const { agent } = await admin();
    const panel = html((await agent.get('/panel').expect(200)).text);
    expect(panel('a[href="/panel/strony"]').text()).toBe('Strony informacyjne');
    const list = html((await agent.get('/panel/strony').expect(200)).text);
    const links = list('main a.task__title').map((_, a) => list(a).attr('href')).get();
    expect(links).toEqual([STATEMENT_FORM, '/panel/strony/polityka-prywatnosci', '/panel/strony/regulamin', '/panel/strony/kontakt', '/panel/strony/o-platformie', '/panel/strony/zasady']);
    for (const href of links) await agent.get(href).expect(200);
  });
});

describe('the contrast and text-size switches', () => {
  it('are plain links in every page header that come back to the same page', async () => {
    const $ = html((await request(ctx.app).get('/kalendarz?rok=2026').expect(200)).text);
    expect($('html').attr('class')).toBeUndefined();
    const links = $('header .display-switch a');
    expect(links.map((_, a) => $(a).text()).get()).toEqual(['Wysoki kontrast', 'Większy tekst']);
    expect(links.first().attr('href')).toBe('/wyglad/kontrast/wysoki?next=%2Fkalendarz%3Frok%3D2026');
    expect(links.last().attr('href')).toBe('/wyglad/tekst/duzy?next=%2Fkalendarz%3Frok%3D2026');
  });

  it('remember the choice in a functional cookie, put classes on <html> and offer the way back', async () => {
    const agent = request.agent(ctx.app);
    const on = await agent.get('/wyglad/kontrast/wysoki?next=%2Fregulamin').expect(303);
    expect(on.headers.location).toBe('/regulamin');
    expect(String(on.headers['set-cookie'])).toMatch(/^kontrast=wysoki; Max-Age=31536000;.*HttpOnly; SameSite=Lax/);
    await agent.get('/wyglad/tekst/duzy?next=%2Fregulamin').expect(303);
    let $ = html((await agent.get('/regulamin').expect(200)).text);
    expect($('html').attr('class')).toBe('contrast-high text-large');
    expect($('header .display-switch a').map((_, a) => $(a).text()).get()).toEqual(['Zwykły kontrast', 'Zwykły tekst']);
    expect($('header .display-switch a').first().attr('href')).toBe('/wyglad/kontrast/zwykly?next=%2Fregulamin');

    const off = await agent.get('/wyglad/kontrast/zwykly?next=%2Fregulamin').expect(303);
    expect(String(off.headers['set-cookie'])).toMatch(/^kontrast=;.*Expires=Thu, 01 Jan 1970/);
    $ = html((await agent.get('/regulamin').expect(200)).text);
    expect($('html').attr('class')).toBe('text-large');
  });

  it('go back only to a page of the portal, and ignore unknown switches', async () => {
    expect((await request(ctx.app).get('/wyglad/kontrast/wysoki?next=%2F%2Fevil.example').expect(303)).headers.location).toBe('/');
    const unknown = await request(ctx.app).get('/wyglad/kolor/czerwony?next=%2Fkontakt').expect(303);
    expect(unknown.headers.location).toBe('/');
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('are listed with the other strictly necessary cookies on the privacy page', async () => {
    await seedBase(ctx.deps.db);
    const $ = html((await request(ctx.app).get('/polityka-prywatnosci').expect(200)).text);
    const cookies = $('main table tbody tr td:first-child').map((_, td) => $(td).text()).get();
    expect(cookies).toEqual(['konsultacje.sid', 'lang', 'kontrast', 'rozmiar-tekstu', 'ankiety']);
    expect($('main').text()).toContain('nie wyświetlamy prośby o zgodę');
  });
});
