// Feeds, sitemap, robots.txt, CSV downloads and the "Otwarte dane" page: what they list, that they
// parse, where they are linked from, and that nothing unpublished, hidden or personal is in any of them.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { html } from '../helpers/http.js';
import { SECRETS, seedOpenData } from '../helpers/open-data.js';

const ctx = useTestApp();
const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
/** Well-formed XML first (XMLValidator is strict), then read. */
const parseXml = (text: string) => {
  expect(XMLValidator.validate(text)).toBe(true);
  return xmlParser.parse(text);
};
const base = () => ctx.deps.config.baseUrl;
const BOM = '\uFEFF';

/** A CSV body as rows of cells (RFC 4180: quoted fields, doubled quotes, CRLF), without the BOM. */
function csvRows(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  const rows: string[][] = [];
  const field = /(?:"((?:[^"]|"")*)"|([^",\r\n]*))(,|\r\n|$)/gy;
  let row: string[] = [];
  field.lastIndex = 1;
  while (field.lastIndex < text.length) {
    const match = field.exec(text);
    if (!match) throw new Error(`not CSV at ${field.lastIndex}`);
    row.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!);
    if (match[3] !== ',') {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

beforeEach(async () => {
  ctx.clock.set('2026-11-24T10:00:00Z');
  await seedOpenData(ctx.deps.db);
});

describe('consultation and investment feeds', () => {
  it('gives an RSS entry for each new consultation and each change of stage, newest first, with distinct ids', async () => {
    const res = await request(ctx.app).get('/konsultacje.rss').expect(200).expect('Content-Type', 'application/rss+xml; charset=utf-8');
    const items = [parseXml(res.text).rss.channel.item].flat() as { title: string; link: string; guid: { '#text': string } | string; pubDate: string }[];
    expect(items.map((i) => i.title)).toEqual([
      'Nowa konsultacja: Park na Rakowie',
      'Rozpoczęła się konsultacja: Aleja rowerowa w Alejach NMP',
      'Nowa konsultacja: Aleja rowerowa w Alejach NMP',
      'Raport z konsultacji: III Aleja – co dalej?',
      'Zakończyła się konsultacja: III Aleja – co dalej?',
      'Rozpoczęła się konsultacja: III Aleja – co dalej?',
      'Nowa konsultacja: III Aleja – co dalej?',
    ]);
    expect(items[1]!.link).toBe(`${base()}/konsultacje/aleja-rowerowa`);
    const ids = items.map((i) => (typeof i.guid === 'string' ? i.guid : i.guid['#text']));
    expect(new Set(ids).size).toBe(items.length);
  });

  it('announces a cancellation, and the Atom feed carries the same entries', async () => {
    await ctx.deps.db.consultation.update({ where: { slug: 'park-rakow' }, data: { state: 'CANCELLED', stateNote: 'Brak środków' } });
    const atom = parseXml((await request(ctx.app).get('/konsultacje.atom').expect(200).expect('Content-Type', 'application/atom+xml; charset=utf-8')).text);
    const entries = [atom.feed.entry].flat() as { title: { '#text': string } }[];
    expect(entries[0]!.title['#text']).toBe('Odwołano konsultację: Park na Rakowie');
    expect(atom.feed.link.map((l: { '@href': string }) => l['@href'])).toContain(`${base()}/konsultacje.atom`);
  });

  it('lists public investments with their status in the investments feed', async () => {
    const rss = parseXml((await request(ctx.app).get('/inwestycje.rss').expect(200)).text);
    const items = [rss.rss.channel.item].flat() as { title: string }[];
    expect(items.map((i) => i.title).sort()).toEqual(['Park nad Wartą (Planowana)', 'Przebudowa DK1 (W realizacji)']);
    parseXml((await request(ctx.app).get('/inwestycje.atom').expect(200)).text);
  });

  it('announces the feeds on the list pages with <link rel="alternate"> and visible links', async () => {
    for (const [page, rss, atom] of [
      ['/konsultacje', '/konsultacje.rss', '/konsultacje.atom'],
      ['/inwestycje', '/inwestycje.rss', '/inwestycje.atom'],
      ['/aktualnosci', '/aktualnosci.rss', '/aktualnosci.atom'],
    ] as const) {
      const $ = html((await request(ctx.app).get(page).expect(200)).text);
      expect($('link[rel="alternate"][type="application/rss+xml"]').attr('href'), page).toBe(rss);
      expect($('link[rel="alternate"][type="application/atom+xml"]').attr('href'), page).toBe(atom);
      expect($(`main a[href="${rss}"]`).length, page).toBe(1);
    }
    const $ = html((await request(ctx.app).get('/konsultacje').expect(200)).text);
    expect($('link[rel="alternate"][type="application/rss+xml"]').attr('title')).toBe('Kanał RSS konsultacji');
  });
});

describe('sitemap.xml and robots.txt', () => {
  it('lists the public pages and every public record with absolute addresses, and no panel path', async () => {
    const res = await request(ctx.app).get('/sitemap.xml').expect(200).expect('Content-Type', 'application/xml; charset=utf-8');
    const xml = parseXml(res.text);
    expect(xml.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = [xml.urlset.url].flat().map((u: { loc: string }) => u.loc);
    const paths = locs.map((l) => l.slice(base().length));
    expect(locs.every((l) => l.startsWith(`${base()}/`))).toBe(true);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/',
        '/konsultacje',
        '/otwarte-dane',
        '/konsultacje/aleja-rowerowa',
        '/konsultacje/park-rakow',
        '/konsultacje/iii-aleja',
        '/aktualnosci/nowy-portal',
        '/aktualnosci/dyzur-radnych',
        '/inwestycje/przebudowa-dk1',
        '/dzielnice/rakow',
        '/dzielnice/tysiaclecie',
      ]),
    );
    expect(paths.filter((p) => p.startsWith('/ankiety/'))).toHaveLength(3);
    expect(paths.filter((p) => /^\/(panel|logowanie)/.test(p))).toEqual([]);
    expect(paths).not.toContain('/konsultacje/szkic-konsultacji');
    expect(paths).not.toContain('/inwestycje/archiwalna');
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('keeps crawlers out of the panel, the login and the token links, and points them to the sitemap', async () => {
    const res = await request(ctx.app).get('/robots.txt').expect(200).expect('Content-Type', 'text/plain; charset=utf-8');
    const lines = res.text.split('\n');
    expect(lines[0]).toBe('User-agent: *');
    expect(lines).toEqual(expect.arrayContaining(['Disallow: /panel', 'Disallow: /logowanie', 'Disallow: /powiadomienia/potwierdz', 'Disallow: /dyskusja/potwierdz', 'Disallow: /wnioski/poparcie/potwierdz', 'Disallow: /ustaw-haslo', 'Disallow: /ankiety/*/e-mail/']));
    expect(lines).toContain(`Sitemap: ${base()}/sitemap.xml`);
    expect(lines).not.toContain('Disallow: /');
  });
});

describe('CSV downloads', () => {
  it('streams the consultations with a BOM, Polish headers, the page’s filters and absolute links', async () => {
    const res = await request(ctx.app).get('/konsultacje.csv').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('konsultacje.csv');
    const rows = csvRows(res.body as string);
    expect(rows[0]).toEqual(['id', 'tytuł', 'opis', 'status', 'początek', 'koniec', 'wydział', 'dzielnice', 'adres']);
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(['Aleja rowerowa w Alejach NMP', 'III Aleja – co dalej?', 'Park na Rakowie']);
    const park = rows.find((r) => r[1] === 'Park na Rakowie')!;
    expect(park.slice(3)).toEqual(['Planowane', '2026-11-29 11:00', '2026-12-24 11:00', 'Miejska Pracownia Urbanistyczno-Planistyczna', 'Raków', `${base()}/konsultacje/park-rakow`]);
    const filtered = csvRows((await request(ctx.app).get('/konsultacje.csv?status=trwajace').expect(200)).text);
    expect(filtered.slice(1).map((r) => r[1])).toEqual(['Aleja rowerowa w Alejach NMP']);
  });

  it('gives news, investments and meetings as CSV, filtered like their pages', async () => {
    const news = csvRows((await request(ctx.app).get('/aktualnosci.csv?dzielnica=rakow').expect(200)).text);
    expect(news.slice(1).map((r) => [r[1], r[4]])).toEqual([['Dyżur radnych', 'Raków']]);
    const investments = csvRows((await request(ctx.app).get('/inwestycje.csv?status=w-realizacji').expect(200)).text);
    expect(investments[0]![6]).toBe('budżet (zł)');
    expect(investments.slice(1).map((r) => [r[1], r[3], r[6]])).toEqual([['Przebudowa DK1', 'W realizacji', '12600000']]);
    const meetings = csvRows((await request(ctx.app).get('/spotkania.csv').expect(200)).text);
    expect(meetings.slice(1).map((r) => r[1]).sort()).toEqual(['Debata o III Alei', 'Spotkanie z mieszkańcami']);
  });

  it('neutralises a cell that a spreadsheet would run as a formula', async () => {
    await ctx.deps.db.news.update({ where: { slug: 'nowy-portal' }, data: { title: '=HYPERLINK("http://zlo")' } });
    const rows = csvRows((await request(ctx.app).get('/aktualnosci.csv').expect(200)).text);
    expect(rows.map((r) => r[1])).toContain(`'=HYPERLINK("http://zlo")`);
  });

  it('is linked from each list page with the filters shown', async () => {
    const consultations = html((await request(ctx.app).get('/konsultacje?status=trwajace&strona=1').expect(200)).text);
    expect(consultations('main a:contains("Pobierz listę (CSV)")').attr('href')).toBe('/konsultacje.csv?status=trwajace');
    const news = html((await request(ctx.app).get('/aktualnosci?dzielnica=rakow').expect(200)).text);
    expect(news('main a:contains("Pobierz listę (CSV)")').attr('href')).toBe('/aktualnosci.csv?dzielnica=rakow');
    const investments = html((await request(ctx.app).get('/inwestycje').expect(200)).text);
    expect(investments('main a:contains("Pobierz listę (CSV)")').attr('href')).toBe('/inwestycje.csv');
    const calendar = html((await request(ctx.app).get('/kalendarz').expect(200)).text);
    expect(calendar('main a:contains("Pobierz listę (CSV)")').attr('href')).toBe('/spotkania.csv');
  });
});

describe('the "Otwarte dane" page', () => {
  it('is linked from the footer and the site map, and describes the API, the feeds and the CSV files with working links', async () => {
    const home = html((await request(ctx.app).get('/').expect(200)).text);
    expect(home('footer a[href="/otwarte-dane"]').text()).toBe('Otwarte dane');
    const sitemap = html((await request(ctx.app).get('/mapa-strony').expect(200)).text);
    expect(sitemap('main a[href="/otwarte-dane"]').length).toBe(1);
    const $ = html((await request(ctx.app).get('/otwarte-dane').expect(200)).text);
    expect($('h1').text()).toBe('Otwarte dane');
    expect($('main h2').map((_, h) => $(h).text()).get()).toEqual(expect.arrayContaining(['Interfejs programistyczny (API)', 'Kanały RSS i Atom', 'Pliki CSV']));
    expect($('main pre code').text()).toBe(`curl '${base()}/api/v1/consultations?phase=open&limit=2'`);
    const links = $('main a[href^="/"]').map((_, a) => $(a).attr('href')).get().filter((h) => !h.includes('#'));
    expect(links).toEqual(expect.arrayContaining(['/api/v1/openapi.json', '/api/v1/consultations?phase=open&limit=2', '/konsultacje.rss', '/aktualnosci.atom', '/inwestycje.rss', '/konsultacje.csv', '/spotkania.csv']));
    for (const href of links) expect((await request(ctx.app).get(href)).status, href).toBe(200);
  });

  it('is in English for English readers', async () => {
    const $ = html((await request(ctx.app).get('/otwarte-dane').set('Cookie', 'lang=en').expect(200)).text);
    expect($('h1').text()).toBe('Open data');
  });
});

describe('nothing unpublished, hidden or personal', () => {
  it('never appears in a feed, the sitemap or a CSV file', async () => {
    for (const path of ['/konsultacje.rss', '/konsultacje.atom', '/inwestycje.rss', '/inwestycje.atom', '/aktualnosci.rss', '/aktualnosci.atom', '/dzielnice/rakow/aktualnosci.rss', '/sitemap.xml', '/konsultacje.csv', '/aktualnosci.csv', '/inwestycje.csv', '/spotkania.csv', '/otwarte-dane']) {
      const res = await request(ctx.app).get(path).expect(200);
      for (const secret of Object.values(SECRETS)) expect(res.text, `${path} shows ${secret}`).not.toContain(secret);
      for (const slug of ['szkic-konsultacji', 'zaplanowana-publikacja', 'szkic-aktualnosci', 'przyszla-aktualnosc', 'szkic-inwestycji', 'archiwalna']) expect(res.text, `${path} links ${slug}`).not.toContain(`/${slug}`);
    }
  });
});
