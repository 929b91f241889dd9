// Public district and news pages: listing, filtering, pagination, drafts and scheduled news, feeds, escaping.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../src/db/seed-data.js';
import { createConsultation, createDistrict } from '../helpers/factories.js';
import { html } from '../helpers/http.js';
import { useTestApp } from '../helpers/app.js';
import { createDistrictEvent, createNews } from '../helpers/news-factories.js';

const ctx = useTestApp();
const NOW = new Date('2026-11-24T10:00:00Z');

describe('districts and news, public pages', () => {
  let tysiaclecie: { id: number; slug: string; name: string };
  let bleszno: { id: number; slug: string; name: string };
  beforeEach(async () => {
    ctx.clock.set(NOW);
    tysiaclecie = await createDistrict(ctx.deps.db, { slug: 'tysiaclecie', name: 'Tysiąclecie' });
    bleszno = await createDistrict(ctx.deps.db, { slug: 'bleszno', name: 'Błeszno' });
  });

  it('lists the districts in Polish alphabetical order, each linking to its page', async () => {
    await createDistrict(ctx.deps.db, { slug: 'srodmiescie', name: 'Śródmieście' });
    await createDistrict(ctx.deps.db, { slug: 'stradom', name: 'Stradom' });
    const res = await request(ctx.app).get('/dzielnice').expect(200);
    const $ = html(res.text);
    expect($('.district-list__link').map((_, a) => $(a).text()).get()).toEqual(['Błeszno', 'Stradom', 'Śródmieście', 'Tysiąclecie']);
    expect($('.district-list__link').first().attr('href')).toBe('/dzielnice/bleszno');
  });

  it('draws the 20 districts on a schematic after the list: links with names, row by row from the north, each on its own tile', async () => {
    await ctx.deps.db.district.deleteMany();
    await ctx.deps.db.district.createMany({ data: DISTRICTS.map((d) => ({ slug: d.slug, name: d.name })) });
    await createDistrict(ctx.deps.db, { slug: 'nowa-dzielnica', name: 'Nowa Dzielnica' });
    const $ = html((await request(ctx.app).get('/dzielnice').expect(200)).text);
    // The list stays first and complete; the schematic follows it.
    expect($('.district-list__link')).toHaveLength(21);
    expect($('main h2').first().text()).toBe('Dzielnice na schemacie miasta');
    expect($('.district-list').index()).toBeLessThan($('.district-map').closest('section').index());
    const tiles = $('.district-map__tile').map((_, li) => ({ name: $(li).find('a').text(), href: $(li).find('a').attr('href'), cls: $(li).attr('class') })).get();
    expect(tiles).toHaveLength(20);
    expect(tiles.map((t) => t.name)).not.toContain('Nowa Dzielnica');
    expect(tiles.slice(0, 3).map((t) => t.name)).toEqual(['Kiedrzyn', 'Północ', 'Wyczerpy-Aniołów']);
    expect(tiles.find((t) => t.name === 'Śródmieście')).toMatchObject({ href: '/dzielnice/srodmiescie', cls: expect.stringContaining('district-map__tile--r3 district-map__tile--c3') });
    // Reading order is the order on screen: rows from the north, west to east within a row.
    const places = tiles.map((t) => t.cls!.match(/--r(\d) district-map__tile--c(\d)/)!.slice(1).map(Number));
    expect(places).toEqual([...places].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    expect(new Set(places.map((p) => p.join(','))).size).toBe(20);
    expect($('.district-map').attr('aria-describedby')).toBe('schemat-opis');
    expect($('#schemat-opis').text()).toContain('północ u góry');
  });

  it('shows a district page with its council, news, events, consultations and (none yet) investments', async () => {
    await ctx.deps.db.district.update({ where: { id: tysiaclecie.id }, data: { councilChair: 'Anna Nowak', councilMembers: 'Piotr Kowalski\nKatarzyna Wiśniewska', councilSeat: 'ul. Kilińskiego 100', councilHours: 'Wtorki 17:00–18:00', councilEmail: 'rada@example.org' } });
    await createNews(ctx.deps.db, { title: 'Dyżur radnych w grudniu', districtId: tysiaclecie.id, publishedAt: new Date('2026-11-20T10:00:00Z') });
    await createNews(ctx.deps.db, { title: 'Wiadomość z Błeszna', districtId: bleszno.id, publishedAt: new Date('2026-11-20T10:00:00Z') });
    await createDistrictEvent(ctx.deps.db, { districtId: tysiaclecie.id, title: 'Sesja rady', startsAt: new Date('2026-12-01T17:00:00Z') });
    await createDistrictEvent(ctx.deps.db, { districtId: tysiaclecie.id, title: 'Stara sesja', startsAt: new Date('2026-11-01T17:00:00Z') });
    await createConsultation(ctx.deps.db, { title: 'Park na Tysiącleciu', cityWide: false, districtIds: [tysiaclecie.id], startsAt: new Date('2026-11-01T00:00:00Z'), endsAt: new Date('2026-12-31T00:00:00Z') });
    const res = await request(ctx.app).get('/dzielnice/tysiaclecie').expect(200);
    const $ = html(res.text);
    expect($('h1').text()).toContain('Tysiąclecie');
    const text = $('main').text();
    expect(text).toContain('Anna Nowak');
    expect($('.district-members li').map((_, li) => $(li).text()).get()).toEqual(['Piotr Kowalski', 'Katarzyna Wiśniewska']);
    expect(text).toContain('ul. Kilińskiego 100');
    expect(text).toContain('Wtorki 17:00–18:00');
    expect($('#aktualnosci').parent().find('.news-item__title').text()).toContain('Dyżur radnych w grudniu');
    expect(text).not.toContain('Wiadomość z Błeszna');
    expect(text).toContain('Sesja rady');
    expect(text).not.toContain('Stara sesja');
    expect(text).toContain('Park na Tysiącleciu');
    expect($('#inwestycje').parent().text()).toContain('W tej dzielnicy nie ma opublikowanych inwestycji.');
    expect($('link[rel="alternate"][type="application/rss+xml"]').attr('href')).toBe('/dzielnice/tysiaclecie/aktualnosci.rss');
    expect($('a[href="/dzielnice/tysiaclecie/aktualnosci.atom"]').length).toBe(1);
  });

  it('answers 404 for an unknown or malformed district slug', async () => {
    await request(ctx.app).get('/dzielnice/nie-ma-takiej').expect(404);
    await request(ctx.app).get('/dzielnice/Zle_Slug').expect(404);
    await request(ctx.app).get('/dzielnice/nie-ma-takiej/aktualnosci.rss').expect(404);
  });

  it('lists public news newest first, filters by district, keeps drafts and scheduled news hidden', async () => {
    await createNews(ctx.deps.db, { title: 'Starsza', districtId: tysiaclecie.id, publishedAt: new Date('2026-11-01T10:00:00Z') });
    await createNews(ctx.deps.db, { title: 'Nowsza', districtId: bleszno.id, publishedAt: new Date('2026-11-23T10:00:00Z') });
    await createNews(ctx.deps.db, { title: 'Szkic', districtId: tysiaclecie.id, publishedAt: null });
    await createNews(ctx.deps.db, { title: 'Zaplanowana', districtId: tysiaclecie.id, publishedAt: new Date('2026-11-25T08:00:00Z') });
    const all = html((await request(ctx.app).get('/aktualnosci').expect(200)).text);
    expect(all('.news-item__title').map((_, h) => all(h).text().trim()).get()).toEqual(['Nowsza', 'Starsza']);
    const filtered = html((await request(ctx.app).get('/aktualnosci?dzielnica=tysiaclecie').expect(200)).text);
    expect(filtered('.news-item__title').map((_, h) => filtered(h).text().trim()).get()).toEqual(['Starsza']);
    expect(filtered('#dzielnica option[selected]').attr('value')).toBe('tysiaclecie');
    // A filter that cannot be read shows everything.
    const bad = html((await request(ctx.app).get('/aktualnosci?dzielnica=%3Cscript%3E').expect(200)).text);
    expect(bad('.news-item__title').length).toBe(2);
    await request(ctx.app).get('/aktualnosci/szkic').expect(404);
    await request(ctx.app).get('/aktualnosci/zaplanowana').expect(404);
  });

  it('publishes scheduled news when the clock reaches the date', async () => {
    await createNews(ctx.deps.db, { title: 'Zaplanowana', districtId: tysiaclecie.id, publishedAt: new Date('2026-11-25T08:00:00Z') });
    await request(ctx.app).get('/aktualnosci/zaplanowana').expect(404);
    ctx.clock.set('2026-11-25T07:59:59Z');
    await request(ctx.app).get('/aktualnosci/zaplanowana').expect(404);
    expect((await request(ctx.app).get('/aktualnosci.rss').expect(200)).text).not.toContain('Zaplanowana');
    ctx.clock.set('2026-11-25T08:00:00Z');
    await request(ctx.app).get('/aktualnosci/zaplanowana').expect(200);
    expect((await request(ctx.app).get('/aktualnosci.rss').expect(200)).text).toContain('Zaplanowana');
    expect(html((await request(ctx.app).get('/').expect(200)).text)('#aktualnosci').text()).toContain('Zaplanowana');
  });

  it('pages the list ten at a time, keeping the district filter in the links', async () => {
    for (let i = 1; i <= 12; i++) await createNews(ctx.deps.db, { title: `Wiadomość ${i}`, districtId: tysiaclecie.id, publishedAt: new Date(Date.UTC(2026, 10, i, 10)) });
    const first = html((await request(ctx.app).get('/aktualnosci?dzielnica=tysiaclecie').expect(200)).text);
    expect(first('.news-item__title').length).toBe(10);
    expect(first('.news-item__title').first().text().trim()).toBe('Wiadomość 12');
    expect(first('a[rel="next"]').attr('href')).toBe('/aktualnosci?dzielnica=tysiaclecie&strona=2');
    const second = html((await request(ctx.app).get('/aktualnosci?dzielnica=tysiaclecie&strona=2').expect(200)).text);
    expect(second('.news-item__title').map((_, h) => second(h).text().trim()).get()).toEqual(['Wiadomość 2', 'Wiadomość 1']);
    // Past the end: the last page.
    const past = html((await request(ctx.app).get('/aktualnosci?strona=99').expect(200)).text);
    expect(past('.news-item__title').length).toBe(2);
  });

  it('shows an article with its district, date, sanitised body, and escapes titles everywhere', async () => {
    await createNews(ctx.deps.db, { slug: 'xss', title: '<script>alert(1)</script> Tytuł', lead: '<img src=x onerror=alert(1)>', bodyMd: 'Tekst <script>alert(2)</script> [klik](javascript:alert(3))', districtId: tysiaclecie.id, publishedAt: new Date('2026-11-20T10:00:00Z') });
    const res = await request(ctx.app).get('/aktualnosci/xss').expect(200);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img src=x');
    expect(html(res.text)('a[href^="javascript"]').length).toBe(0);
    const $ = html(res.text);
    expect($('h1').text()).toBe('<script>alert(1)</script> Tytuł');
    expect($('main').text()).toContain('20 listopada 2026');
    expect($('main a[href="/dzielnice/tysiaclecie"]').text()).toBe('Tysiąclecie');
    const list = await request(ctx.app).get('/aktualnosci').expect(200);
    expect(list.text).not.toContain('<script>alert');
    // In feeds, titles and leads are HTML-escaped text, bodies the sanitised HTML.
    const rss = new XMLParser().parse((await request(ctx.app).get('/aktualnosci.rss').expect(200)).text);
    expect(rss.rss.channel.item.title).toBe('&lt;script&gt;alert(1)&lt;/script&gt; Tytuł');
    expect(rss.rss.channel.item.description).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(rss.rss.channel.item['content:encoded']).not.toContain('<script>');
    const atom = new XMLParser().parse((await request(ctx.app).get('/aktualnosci.atom').expect(200)).text);
    expect(atom.feed.entry.title).toBe('&lt;script&gt;alert(1)&lt;/script&gt; Tytuł');
    await request(ctx.app).get('/aktualnosci/Zly%20slug').expect(404);
  });

  describe('feeds', () => {
    const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
    // Well-formed XML first (XMLValidator is strict), then read.
    const parser = { parse: (text: string) => { expect(XMLValidator.validate(text)).toBe(true); return xmlParser.parse(text); } };
    beforeEach(async () => {
      await createNews(ctx.deps.db, { slug: 'dyzur', title: 'Dyżur radnych', lead: 'W każdy wtorek', districtId: tysiaclecie.id, publishedAt: new Date('2026-11-20T10:00:00Z') });
      await createNews(ctx.deps.db, { slug: 'sesja', title: 'Zaproszenie na sesję', districtId: bleszno.id, publishedAt: new Date('2026-11-22T10:00:00Z') });
      await createNews(ctx.deps.db, { slug: 'szkic', title: 'Szkic', districtId: bleszno.id, publishedAt: null });
    });

    it('serves a valid RSS 2.0 feed of all public news, newest first, with absolute links and dates', async () => {
      const res = await request(ctx.app).get('/aktualnosci.rss').expect(200);
      expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      const xml = parser.parse(res.text);
      expect(xml.rss['@version']).toBe('2.0');
      const items = [xml.rss.channel.item].flat();
      expect(items.map((i: { title: string }) => i.title)).toEqual(['Zaproszenie na sesję', 'Dyżur radnych']);
      const base = ctx.deps.config.baseUrl;
      expect(items[1].link).toBe(`${base}/aktualnosci/dyzur`);
      expect(new Date(items[1].pubDate).toISOString()).toBe('2026-11-20T10:00:00.000Z');
      expect(xml.rss.channel.link).toBe(`${base}/aktualnosci`);
    });

    it('serves a valid Atom feed per district with only that district’s news', async () => {
      const res = await request(ctx.app).get('/dzielnice/tysiaclecie/aktualnosci.atom').expect(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const xml = parser.parse(res.text);
      expect(xml.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
      const entries = [xml.feed.entry].flat();
      expect(entries.map((e: { title: { '#text': string } }) => e.title['#text'])).toEqual(['Dyżur radnych']);
      expect(entries[0].link['@href']).toBe(`${ctx.deps.config.baseUrl}/aktualnosci/dyzur`);
      expect(new Date(entries[0].published).toISOString()).toBe('2026-11-20T10:00:00.000Z');
      expect(entries[0].id).toBe(`${ctx.deps.config.baseUrl}/aktualnosci/dyzur`);
      const rss = parser.parse((await request(ctx.app).get('/dzielnice/bleszno/aktualnosci.rss').expect(200)).text);
      expect([rss.rss.channel.item].flat().map((i: { title: string }) => i.title)).toEqual(['Zaproszenie na sesję']);
    });

    it('links the feeds from the news list with <link rel="alternate"> and visible links', async () => {
      const $ = html((await request(ctx.app).get('/aktualnosci').expect(200)).text);
      expect($('link[rel="alternate"][type="application/atom+xml"]').attr('href')).toBe('/aktualnosci.atom');
      expect($('.feed-links a[href="/aktualnosci.rss"]').length).toBe(1);
    });
  });
});
