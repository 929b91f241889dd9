import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FOOTER_NAV, MAIN_NAV } from '../../src/http/navigation.js';
import { useTestApp } from '../helpers/app.js';
import { html } from '../helpers/http.js';

const ctx = useTestApp();

describe('the page frame', () => {
  it('serves the home page in Polish with a skip link, the main navigation, and the footer duty links', async () => {
    const res = await request(ctx.app).get('/').expect(200);
    const $ = html(res.text);
    expect($('html').attr('lang')).toBe('pl');
    expect($('a.skip-link').attr('href')).toBe('#tresc');
    expect($('a.skip-link').text()).toBe('Przejdź do treści');
    expect($('main#tresc')).toHaveLength(1);
    expect($('nav.main-nav a').map((_, a) => $(a).text()).get()).toEqual(['Konsultacje', 'Aktualności', 'Dzielnice', 'Ankiety', 'Inwestycje', 'Kalendarz', 'Szukaj']);
    expect($('footer a').map((_, a) => $(a).text()).get()).toEqual(['Deklaracja dostępności', 'Polityka prywatności', 'Twoje dane osobowe', 'Regulamin', 'Zasady konsultacji', 'Kontakt', 'O platformie', 'Baza wiedzy', 'Powiadomienia e-mail', 'Otwarte dane', 'Mapa strony']);
    expect($('h2').map((_, h) => $(h).text()).get()).toEqual(expect.arrayContaining(['Trwające konsultacje', 'Planowane konsultacje', 'Najbliższe spotkania', 'Aktualności z dzielnic']));
  });

  it('sets no cookie for an anonymous visitor reading a page', async () => {
    const res = await request(ctx.app).get('/').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sends a strict Content-Security-Policy without inline script or style, and no inline styles or scripts in pages', async () => {
    const res = await request(ctx.app).get('/logowanie').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const $ = html(res.text);
    expect($('[style]')).toHaveLength(0);
    expect($('script:not([src])')).toHaveLength(0);
    expect($('style')).toHaveLength(0);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refers only to the portal itself: no external scripts, styles, fonts or images', async () => {
    const $ = html((await request(ctx.app).get('/').expect(200)).text);
    const refs = $('[src], link[href]').map((_, el) => $(el).attr('src') ?? $(el).attr('href')).get();
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^\//);
  });

  it('marks the current section in the navigation', async () => {
    const $ = html((await request(ctx.app).get('/inwestycje').expect(200)).text);
    expect($('nav.main-nav a[aria-current="page"]').text()).toBe('Inwestycje');
  });

  it('says honestly that a section is being prepared, for every navigation and footer link not built yet', async () => {
    const built = ['/konsultacje', '/kalendarz', '/aktualnosci', '/dzielnice', '/inwestycje', '/ankiety', '/szukaj'];
    for (const href of MAIN_NAV.map((i) => i.href).filter((h) => !built.includes(h))) {
      const res = await request(ctx.app).get(href);
      expect(res.status, href).toBe(200);
      expect(html(res.text)('.notice').text(), href).toContain('Ta część serwisu jest w przygotowaniu');
      expect(html(res.text)('.breadcrumbs a').first().text(), href).toBe('Strona główna');
    }
  });

  it('lists every page of the navigation on the site map', async () => {
    const $ = html((await request(ctx.app).get('/mapa-strony').expect(200)).text);
    const links = $('main a').map((_, a) => $(a).attr('href')).get();
    for (const item of MAIN_NAV) expect(links).toContain(item.href);
    for (const item of FOOTER_NAV) expect(links).toContain(item.href);
    expect(links).toEqual(expect.arrayContaining(['/deklaracja-dostepnosci', '/polityka-prywatnosci', '/regulamin', '/kontakt', '/o-platformie']));
  });

  it('switches to English by a plain link and back, returning to the same page', async () => {
    const agent = request.agent(ctx.app);
    const switched = await agent.get('/jezyk/en?next=%2Fkalendarz').expect(303);
    expect(switched.headers.location).toBe('/kalendarz');
    const $ = html((await agent.get('/kalendarz').expect(200)).text);
    expect($('html').attr('lang')).toBe('en');
    expect($('h1').text()).toBe('Calendar');
    expect($('a.skip-link').text()).toBe('Skip to content');
    await agent.get('/jezyk/pl?next=%2F').expect(303);
    expect(html((await agent.get('/').expect(200)).text)('html').attr('lang')).toBe('pl');
  });

  it('ignores an unknown language and a foreign return address', async () => {
    const res = await request(ctx.app).get('/jezyk/xx?next=https://evil.example').expect(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie']).toBeUndefined();
    const foreign = await request(ctx.app).get('/jezyk/en?next=//evil.example').expect(303);
    expect(foreign.headers.location).toBe('/');
  });
});

describe('health checks', () => {
  it('answers /healthz while the process is up and /readyz when the database is migrated', async () => {
    expect((await request(ctx.app).get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await request(ctx.app).get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
  });
});
