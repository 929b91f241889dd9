// Site-wide search (/szukaj): Polish queries (diacritics, inflection, typos) with known hits, ranking,
// kinds and counts, paging, escaping, the index following edits, the empty pages, and everything
// residents may not see (drafts, scheduled, archived, personal data) proven absent.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createComment } from '../helpers/comment-factories.js';
import { createConsultation, createDepartment, createDistrict } from '../helpers/factories.js';
import { html } from '../helpers/http.js';
import { useTestApp } from '../helpers/app.js';
import { createInvestment } from '../helpers/investment-factories.js';
import { createNews } from '../helpers/news-factories.js';
import { createReportDataSet, PRIVATE_DATA } from '../helpers/remark-factories.js';
import { createSurvey } from '../helpers/survey-factories.js';
import { CANDIDATES, COUNT_CAP } from '../../src/features/search/search.queries.js';

const ctx = useTestApp();
const NOW = new Date('2026-11-24T10:00:00Z');

async function search(query: string | undefined, params: Record<string, string> = {}) {
  const res = await request(ctx.app).get('/szukaj').query({ ...(query === undefined ? {} : { q: query }), ...params }).expect(200);
  const $ = html(res.text);
  const results = $('.search-result')
    .map((_, li) => ({
      title: $(li).find('.search-result__title').text().trim(),
      href: $(li).find('.search-result__title a').attr('href'),
      kind: $(li).find('.search-result__kind').text().trim(),
      snippet: $(li).find('.search-result__snippet').text(),
    }))
    .get();
  return { $, res, results, titles: results.map((r) => r.title) };
}

describe('search', () => {
  let departmentId: number;
  beforeEach(async () => {
    ctx.clock.set(NOW);
    departmentId = (await createDepartment(ctx.deps.db, { code: 'MZDiT', name: 'Miejski Zarząd Dróg i Transportu' })).id;
  });

  it('finds "Źródlana" typed without Polish letters, in capitals and in other grammatical forms', async () => {
    await createConsultation(ctx.deps.db, { title: 'Przebudowa ulicy Źródlanej', slug: 'zrodlana', departmentId });
    await createConsultation(ctx.deps.db, { title: 'Park Lisiniec', slug: 'lisiniec', departmentId });
    for (const q of ['zrodlana', 'Źródlana', 'ŹRÓDLANEJ', 'źródlaną', 'przebudowy zrodlanej', 'ulica zrodlana']) {
      const { results } = await search(q);
      expect(results.map((r) => [r.title, r.href, r.kind]), q).toEqual([['Przebudowa ulicy Źródlanej', '/konsultacje/zrodlana', 'Konsultacja']]);
    }
  });

  it('finds stems whose letters change with the ending: rada/radzie, droga/drodze, ręka/ręce, rzeka/rzece, miasto/mieście, and ulica, Częstochowa', async () => {
    const titles = {
      rada: 'Rada Dzielnicy Raków zaprasza',
      radzie: 'Dyżur w radzie osiedla Parkitka',
      droga: 'Nowa droga do Mirowa',
      drodze: 'Utrudnienia na drodze krajowej nr 1',
      reka: 'Sąsiedzka ręka pomocy',
      rece: 'Budżet w ręce mieszkańców',
      rzeka: 'Rzeka Warta czystsza',
      rzece: 'Kajaki na rzece Stradomce',
      miasto: 'Miasto dla rowerów',
      miescie: 'Zieleń w mieście',
      ulica: 'Ulica Źródlana bez samochodów',
      ulicy: 'Remont ulicy Kmicica',
      ulic: 'Mapa nowych ulic',
      czestochowy: 'Budżet Częstochowy na 2027 rok',
      czestochowie: 'Festyn w Częstochowie',
    };
    for (const [slug, title] of Object.entries(titles)) await createNews(ctx.deps.db, { title, slug, bodyMd: 'Zapraszamy.' });
    await createNews(ctx.deps.db, { title: 'Park Lisiniec', slug: 'lisiniec', bodyMd: 'Spacer.' });
    const expected: Record<string, string[]> = {
      rada: [titles.rada, titles.radzie],
      radzie: [titles.rada, titles.radzie],
      droga: [titles.droga, titles.drodze],
      drodze: [titles.droga, titles.drodze],
      'ręka': [titles.reka, titles.rece],
      'ręce': [titles.reka, titles.rece],
      rzeka: [titles.rzeka, titles.rzece],
      rzece: [titles.rzeka, titles.rzece],
      miasto: [titles.miasto, titles.miescie],
      'mieście': [titles.miasto, titles.miescie],
      miasta: [titles.miasto, titles.miescie],
      ulica: [titles.ulica, titles.ulicy, titles.ulic],
      ulicy: [titles.ulica, titles.ulicy, titles.ulic],
      ulic: [titles.ulica, titles.ulicy, titles.ulic],
      'Częstochowa': [titles.czestochowy, titles.czestochowie],
      czestochowie: [titles.czestochowy, titles.czestochowie],
    };
    for (const [q, hits] of Object.entries(expected)) expect((await search(q)).titles.sort(), q).toEqual([...hits].sort());
  });

  it('tolerates small typos: "konsultacie" finds "Konsultacje", a swapped or missing letter finds the word', async () => {
    await createNews(ctx.deps.db, { title: 'Konsultacje w Rakowie', slug: 'konsultacje-rakow', bodyMd: 'Zapraszamy mieszkańców.' });
    await createNews(ctx.deps.db, { title: 'Rewitalizacja Starego Rynku', slug: 'rynek', bodyMd: 'Nowa nawierzchnia.' });
    await createNews(ctx.deps.db, { title: 'Festyn w Lisińcu', slug: 'festyn', bodyMd: 'Zabawa dla dzieci.' });
    expect((await search('konsultacie')).titles).toEqual(['Konsultacje w Rakowie']);
    expect((await search('rewitalizajca')).titles).toEqual(['Rewitalizacja Starego Rynku']);
    expect((await search('rewitalizcja rynku')).titles).toEqual(['Rewitalizacja Starego Rynku']);
    expect((await search('festym')).titles).toEqual(['Festyn w Lisińcu']);
    // A word that is nowhere near anything stays unmatched rather than matching at random.
    expect((await search('xylofon')).titles).toEqual([]);
  });

  it('ranks a title hit above a hit only in the body, whatever was written first', async () => {
    await createNews(ctx.deps.db, { title: 'Zmiany w komunikacji miejskiej', slug: 'zmiany', bodyMd: 'Powstanie też **ścieżka rowerowa** wzdłuż alei.' });
    await createConsultation(ctx.deps.db, { title: 'Ścieżka rowerowa na Parkitce', slug: 'sciezka', departmentId, summary: 'Trasa dla rowerów.' });
    await createNews(ctx.deps.db, { title: 'Remont chodników', slug: 'chodniki', bodyMd: 'Przy okazji remontu wyznaczymy ścieżkę rowerową.' });
    const { results } = await search('sciezka rowerowa');
    expect(results.map((r) => r.title)).toEqual(['Ścieżka rowerowa na Parkitce', expect.any(String), expect.any(String)]);
    expect(results.slice(1).map((r) => r.title).sort()).toEqual(['Remont chodników', 'Zmiany w komunikacji miejskiej']);
  });

  it('highlights the matches in the title and the snippet, and escapes everything else', async () => {
    await createNews(ctx.deps.db, { title: '<script>alert(1)</script> Źródlana', slug: 'xss', bodyMd: 'Na ulicy Źródlanej <img src=x onerror=alert(1)> powstanie skwer.' });
    const { $, res } = await search('zrodlana');
    const result = $('.search-result').first();
    expect(result.find('.search-result__title mark').map((_, m) => $(m).text()).get()).toEqual(['Źródlana']);
    expect(result.find('.search-result__snippet mark').map((_, m) => $(m).text()).get()).toEqual(['Źródlanej']);
    expect(result.find('.search-result__snippet').text()).toContain('<img src=x onerror=alert(1)>');
    expect(result.find('script, img').length).toBe(0);
    expect(res.text).not.toMatch(/<script>alert|<img src=x/);
    // Only our own <mark> elements inside the result's texts.
    expect(result.find('.search-result__title *, .search-result__snippet *').map((_, el) => el.tagName).get()).toEqual(['a', 'mark', 'mark']);
  });

  it('searches consultations, news, investments and surveys together, counts each kind and filters by one', async () => {
    const district = await createDistrict(ctx.deps.db, { slug: 'tysiaclecie', name: 'Tysiąclecie' });
    await createConsultation(ctx.deps.db, { title: 'Zieleń na Tysiącleciu', slug: 'zielen', departmentId });
    await createNews(ctx.deps.db, { title: 'Sesja rady Tysiąclecia', slug: 'sesja', districtId: district.id });
    await createNews(ctx.deps.db, { title: 'Dyżur radnych', slug: 'dyzur', bodyMd: 'Dyżur w siedzibie rady osiedla Tysiąclecie.' });
    await createInvestment(ctx.deps.db, { title: 'Boisko przy szkole na Tysiącleciu', slug: 'boisko', departmentId });
    await createSurvey(ctx.deps.db, { title: 'Ankieta: parkingi na Tysiącleciu', departmentId });

    const all = await search('tysiaclecie');
    expect(all.results).toHaveLength(5);
    expect(all.$('.results-count').text()).toBe('Znaleziono 5 wyników dla „tysiaclecie”.');
    const counts = all.$('.search-kinds label').map((_, l) => all.$(l).text().trim()).get();
    expect(counts).toEqual(['Wszystko (5)', 'Konsultacje (1)', 'Aktualności (2)', 'Inwestycje (1)', 'Ankiety i sondy (1)', 'Dokumenty (0)']);
    expect(all.$('.search-kinds').attr('method')).toBe('get');
    expect(all.$('.search-kinds input[name="q"]').val()).toBe('tysiaclecie');
    expect(all.results.map((r) => r.kind).sort()).toEqual(['Aktualność', 'Aktualność', 'Ankieta', 'Inwestycja', 'Konsultacja']);
    expect(all.results.find((r) => r.kind === 'Inwestycja')!.href).toBe('/inwestycje/boisko');
    expect(all.results.find((r) => r.kind === 'Ankieta')!.href).toMatch(/^\/ankiety\/\d+$/);

    const news = await search('tysiaclecie', { rodzaj: 'aktualnosci' });
    expect(news.titles.sort()).toEqual(['Dyżur radnych', 'Sesja rady Tysiąclecia']);
    expect(news.$('.search-kinds input[value="aktualnosci"]').attr('checked')).toBeDefined();
    // The counts of the other kinds stay in view, and the search box keeps the kind.
    expect(news.$('.search-kinds label').first().text().trim()).toBe('Wszystko (5)');
    expect(news.$('.search-form input[name="rodzaj"]').val()).toBe('aktualnosci');

    const documents = await search('tysiaclecie', { rodzaj: 'dokumenty' });
    expect(documents.results).toEqual([]);
    expect(documents.$('.search-empty h3').text()).toBe('W tym rodzaju nic nie znaleźliśmy dla „tysiaclecie”');
    expect(documents.$('.search-empty a').attr('href')).toBe('/szukaj?q=tysiaclecie');
    // An unknown kind is ignored: everything is shown.
    expect((await search('tysiaclecie', { rodzaj: 'cokolwiek' })).results).toHaveLength(5);
  });

  it('pages the results ten at a time, keeping the query in the links', async () => {
    for (let i = 1; i <= 12; i++) await createNews(ctx.deps.db, { title: `Remont ulicy Warszawskiej, etap ${i}`, slug: `etap-${i}`, publishedAt: new Date(Date.UTC(2026, 10, i, 10)) });
    const first = await search('warszawska');
    expect(first.results).toHaveLength(10);
    expect(first.$('.results-count').text()).toBe('Znaleziono 12 wyników dla „warszawska”.');
    const next = first.$('.pagination__next').attr('href');
    expect(next).toBe('/szukaj?q=warszawska&strona=2');
    const second = await search('warszawska', { strona: '2' });
    expect(second.results).toHaveLength(2);
    expect(second.$('.search-results').attr('start')).toBe('11');
    expect(new Set([...first.titles, ...second.titles]).size).toBe(12);
    // A page past the end shows the last one.
    expect((await search('warszawska', { strona: '9' })).results).toHaveLength(2);
  });

  it('counts a very common word only up to a limit and says so, and pages through the best matches only', async () => {
    const publishedAt = new Date('2026-11-01T10:00:00Z');
    // Every twentieth is a draft (16 of them), among the first the index walk reads (decision 47).
    await ctx.deps.db.$executeRaw`INSERT INTO news (slug, title, lead, body_md, body_html, published_at)
      SELECT 'remont-' || i, 'Remont chodnika nr ' || i, '', '', '<p>Remont chodnika.</p>', CASE WHEN i % 20 <> 0 THEN ${publishedAt}::timestamptz END
      FROM generate_series(1, ${COUNT_CAP + 21}) AS i`;
    await createConsultation(ctx.deps.db, { title: 'Remont ulicy Źródlanej', slug: 'remont', departmentId });
    const all = await search('remont');
    // The same once PostgreSQL's statistics know "remont" is common: then its news are counted by
    // walking the index instead of the GIN index.
    await ctx.deps.pool.query('ANALYZE search_entry');
    const common = await ctx.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stats, unnest(most_common_elems::text::text[]) AS m(w) WHERE tablename = 'search_entry' AND attname = 'vector' AND w LIKE 'remont%'`);
    expect(common.rows[0]!.n).toBeGreaterThan(0);
    const walked = await search('remont');
    expect(walked.$('.results-count').text()).toBe(all.$('.results-count').text());
    expect(walked.results.map((r) => r.title)).toEqual(all.results.map((r) => r.title));
    const drafts = new Set(Array.from({ length: 16 }, (_, i) => `Remont chodnika nr ${(i + 1) * 20}`));
    for (let page = 1; page <= Math.ceil((CANDIDATES + 1) / 10); page++) {
      for (const r of (await search('remont', { strona: String(page) })).results) expect(drafts.has(r.title)).toBe(false);
    }
    expect(all.$('.results-count').text()).toBe(`Znaleziono co najmniej ${COUNT_CAP + 1} wyników dla „remont”. Pokazujemy ${CANDIDATES + 1} najlepiej dopasowanych; aby zobaczyć inne, dodaj słowo albo wybierz rodzaj.`);
    const counts = all.$('.search-kinds label').map((_, l) => all.$(l).text().trim()).get();
    expect(counts.slice(0, 3)).toEqual([`Wszystko (co najmniej ${COUNT_CAP + 1})`, 'Konsultacje (1)', `Aktualności (co najmniej ${COUNT_CAP})`]);
    expect(all.results).toHaveLength(10);
    // The pages are those of the ranked matches: the last one exists and holds the rest.
    const pages = Math.ceil((CANDIDATES + 1) / 10);
    expect(all.$(`.pagination a[href="/szukaj?q=remont&strona=${pages}"]`).length).toBeGreaterThan(0);
    expect(all.$(`.pagination a[href="/szukaj?q=remont&strona=${pages + 1}"]`).length).toBe(0);
    const last = await search('remont', { strona: String(pages) });
    expect(last.results).toHaveLength((CANDIDATES + 1) % 10 || 10);
    // A second word narrows it down to an exact count again.
    const narrow = await search('remont zrodlanej');
    expect(narrow.$('.results-count').text()).toBe('Znaleziono 1 wynik dla „remont zrodlanej”.');
  });

  it('never shows drafts, scheduled, withdrawn, archived or not yet opened content, until it is public', async () => {
    await createConsultation(ctx.deps.db, { title: 'Szkic: Kanał Kohna', slug: 'szkic', departmentId, publishedAt: null });
    await createConsultation(ctx.deps.db, { title: 'Zaplanowana: Kanał Kohna', slug: 'zaplanowana', departmentId, publishedAt: new Date('2026-11-30T10:00:00Z') });
    await createNews(ctx.deps.db, { title: 'Szkic aktualności o Kanale Kohna', slug: 'szkic-news', publishedAt: null });
    await createNews(ctx.deps.db, { title: 'Jutro o Kanale Kohna', slug: 'jutro', publishedAt: new Date('2026-11-25T10:00:00Z') });
    await createInvestment(ctx.deps.db, { title: 'Nieopublikowana: Kanał Kohna', slug: 'nieopublikowana', departmentId, publishedAt: null });
    await createInvestment(ctx.deps.db, { title: 'Zarchiwizowana: Kanał Kohna', slug: 'archiwum', departmentId, archivedAt: new Date('2026-11-20T10:00:00Z') });
    await createSurvey(ctx.deps.db, { title: 'Ankieta o Kanale Kohna od grudnia', departmentId, opensAt: new Date('2026-12-01T00:00:00Z'), closesAt: new Date('2026-12-20T00:00:00Z') });
    await createNews(ctx.deps.db, { title: 'Kanał Kohna odnowiony', slug: 'publiczna' });

    const { results, $ } = await search('kanal kohna');
    expect(results.map((r) => r.title)).toEqual(['Kanał Kohna odnowiony']);
    expect($('.search-kinds label').first().text().trim()).toBe('Wszystko (1)');

    // Withdrawn news (back to a draft) disappears at once.
    await ctx.deps.db.news.updateMany({ where: { slug: 'publiczna' }, data: { publishedAt: null } });
    expect((await search('kanal kohna')).results).toEqual([]);

    // What was scheduled appears by the clock alone.
    ctx.clock.set('2026-12-01T10:00:00Z');
    expect((await search('kanal kohna')).titles.sort()).toEqual(['Ankieta o Kanale Kohna od grudnia', 'Jutro o Kanale Kohna', 'Zaplanowana: Kanał Kohna']);
  });

  it('never finds personal data: consultation contacts, remark authors and their addresses, comment authors', async () => {
    const consultation = await createConsultation(ctx.deps.db, { title: 'Zasady konsultacji', slug: 'zasady', departmentId });
    await ctx.deps.db.consultation.update({ where: { id: consultation.id }, data: { contactName: 'Hieronim Kontaktowy', contactEmail: 'hieronim.kontaktowy@example.org', contactPhone: '34 370 00 00', coordinator: 'Hieronim Kontaktowy' } });
    await createReportDataSet(ctx.deps.db, consultation.id);
    await createComment(ctx.deps.db, consultation.id, { authorName: 'Bonifacy Komentujący', email: 'bonifacy@example.org', body: 'Popieram Bonifacy.' });
    for (const q of ['Hieronim', 'kontaktowy', 'hieronim.kontaktowy@example.org', '370', 'Bonifacy', 'komentujacy', 'bonifacy@example.org', ...PRIVATE_DATA]) {
      expect((await search(q)).results, q).toEqual([]);
    }
    expect(await ctx.deps.db.searchWord.count({ where: { word: { in: ['hieronim', 'kontaktowy', 'bonifacy', 'zofia', 'prywatna', 'tajny', 'papierowa'] } } })).toBe(0);
  });

  it('follows edits and deletions at once (the index is kept by the database)', async () => {
    const news = await createNews(ctx.deps.db, { title: 'Koncert na Jasnych Błoniach', slug: 'koncert' });
    expect((await search('blonia')).titles).toEqual(['Koncert na Jasnych Błoniach']);
    await ctx.deps.db.news.update({ where: { id: news.id }, data: { title: 'Koncert w Filharmonii' } });
    expect((await search('blonia')).titles).toEqual([]);
    expect((await search('filharmonii')).titles).toEqual(['Koncert w Filharmonii']);
    await ctx.deps.db.news.delete({ where: { id: news.id } });
    expect((await search('filharmonii')).titles).toEqual([]);
    expect(await ctx.deps.db.searchEntry.count()).toBe(0);
  });

  it('explains what to search for before a query, asks for a word when there is none, and suggests what to do when nothing is found', async () => {
    const start = await search(undefined);
    expect(start.$('h1').text()).toBe('Szukaj w serwisie');
    expect(start.$('title').text()).toMatch(/^Szukaj w serwisie – /);
    expect(start.$('label[for="q"]').text()).toBe('Czego szukasz?');
    expect(start.$('main h2').first().text()).toBe('Czego możesz szukać');
    expect(start.$('.search-results, .search-kinds').length).toBe(0);

    const punctuation = await search(' ?! ');
    expect(punctuation.$('main .notice').text()).toContain('Wpisz co najmniej jedno słowo');

    const none = await search('Łódź Kaliska');
    expect(none.$('title').text()).toMatch(/^Wyniki wyszukiwania: Łódź Kaliska – /);
    expect(none.$('#q').val()).toBe('Łódź Kaliska');
    expect(none.$('.search-empty h2').text()).toBe('Nic nie znaleźliśmy dla „Łódź Kaliska”');
    expect(none.$('.search-suggestions').text()).toContain('Sprawdź pisownię');
    expect(none.$('.search-suggestions a').map((_, a) => none.$(a).attr('href')).get()).toEqual(['/konsultacje', '/aktualnosci', '/inwestycje', '/ankiety']);
  });

  it('answers any query string without an error: very long, repeated, odd characters', async () => {
    await createNews(ctx.deps.db, { title: 'Źródlana i okolice', slug: 'okolice' });
    expect((await search('zrodlana '.repeat(100))).titles).toEqual(['Źródlana i okolice']);
    const res = await request(ctx.app).get('/szukaj?q=zrodlana&q=inne&strona=abc&rodzaj[]=x').expect(200);
    expect(html(res.text)('.search-result').length).toBe(1);
    for (const q of ["' OR 1=1 --", 'a:* & !b', '(((', '\\', '%_', 'zrodlana:*A | x']) await search(q);
  });

  it('offers a search box in the header of every page, a plain GET form with a label', async () => {
    for (const path of ['/', '/aktualnosci', '/nie-ma-takiej-strony']) {
      const res = await request(ctx.app).get(path);
      const $ = html(res.text);
      const form = $('header form[role="search"]');
      expect(form.attr('action'), path).toBe('/szukaj');
      expect(form.attr('method')).toBe('get');
      expect(form.attr('aria-label')).toBe('Wyszukiwarka serwisu');
      const input = form.find('input[name="q"]');
      expect($(`label[for="${input.attr('id')}"]`).text()).toBe('Szukaj w serwisie');
      expect(form.find('button[type="submit"]').text()).toBe('Szukaj');
    }
    const page = await search('x');
    expect(page.$('.main-nav [aria-current="page"]').text()).toBe('Szukaj');
  });
});
