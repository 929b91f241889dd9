// The open-data JSON API: every endpoint answers what the public pages show, paged and filtered like
// them, refuses bad parameters with a JSON 400, and every answer is validated against the OpenAPI
// document the API itself serves.
import request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { openApiValidator, type OpenApiDocument } from '../helpers/openapi.js';
import { SECRETS, seedOpenData } from '../helpers/open-data.js';

const ctx = useTestApp();
let api: ReturnType<typeof openApiValidator>;
let seeded: Awaited<ReturnType<typeof seedOpenData>>;

/** GETs an API path, checks the answer against the OpenAPI document and returns its body. */
async function get(path: string, status = 200) {
  const res = await request(ctx.app).get(path).expect('Content-Type', /application\/json/);
  expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(status);
  api.expectValid(path, status, res.body);
  return res.body;
}

const titles = (body: { data: { title: string }[] }) => body.data.map((d) => d.title);

beforeAll(async () => {
  const res = await request(ctx.app).get('/api/v1/openapi.json').expect(200);
  api = openApiValidator(res.body as OpenApiDocument);
});

beforeEach(async () => {
  ctx.clock.set('2026-11-24T10:00:00Z');
  seeded = await seedOpenData(ctx.deps.db);
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a path for every list and record, each answer naming a component schema', async () => {
    const doc = (await request(ctx.app).get('/api/v1/openapi.json').expect(200).expect('Access-Control-Allow-Origin', '*')).body as OpenApiDocument;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe(`${ctx.deps.config.baseUrl}/api/v1`);
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/consultations', '/consultations/{slug}', '/departments', '/districts', '/documents', '/investments', '/investments/{slug}', '/meetings', '/news', '/news/{slug}', '/surveys', '/surveys/{id}', '/surveys/{id}/results'].sort(),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Consultation', 'ConsultationDetail', 'Document', 'Meeting', 'News', 'Investment', 'Survey', 'SurveyResults', 'Error', 'PageMeta']));
  });
});

describe('lists', () => {
  it('lists public consultations open first, then planned, then closed, with page numbers and links', async () => {
    const body = await get('/api/v1/consultations');
    expect(titles(body)).toEqual(['Aleja rowerowa w Alejach NMP', 'Park na Rakowie', 'III Aleja – co dalej?']);
    expect(body.data.map((c: { status: string; phase: string }) => [c.status, c.phase])).toEqual([
      ['OPEN', 'open'],
      ['PLANNED', 'planned'],
      ['CLOSED', 'closed'],
    ]);
    expect(body.meta).toEqual({ page: 1, limit: 20, total: 3, pageCount: 1 });
    expect(body.data[0]).toMatchObject({ slug: 'aleja-rowerowa', url: `${ctx.deps.config.baseUrl}/konsultacje/aleja-rowerowa`, department: { code: 'MZDiT' }, startsAt: '2026-11-14T10:00:00.000Z' });
  });

  it('pages with page and limit: links keep the filters, the last page has no next', async () => {
    const first = await get('/api/v1/consultations?limit=2');
    expect(first.meta).toEqual({ page: 1, limit: 2, total: 3, pageCount: 2 });
    expect(first.links.next).toBe(`${ctx.deps.config.baseUrl}/api/v1/consultations?limit=2&page=2`);
    expect(first.links.prev).toBeNull();
    const second = await get('/api/v1/consultations?limit=2&page=2');
    expect(titles(second)).toEqual(['III Aleja – co dalej?']);
    expect(second.links.next).toBeNull();
    expect(second.links.prev).toBe(`${ctx.deps.config.baseUrl}/api/v1/consultations?limit=2&page=1`);
    // Past the end: the last page, as the pages do.
    expect((await get('/api/v1/consultations?limit=2&page=9')).meta.page).toBe(2);
    const filtered = await get('/api/v1/news?district=rakow&limit=1');
    expect(filtered.links.self).toBe(`${ctx.deps.config.baseUrl}/api/v1/news?district=rakow&limit=1&page=1`);
  });

  it('filters consultations like the list page: phase, department, district (with city-wide ones), topic, year, text', async () => {
    expect(titles(await get('/api/v1/consultations?phase=planned'))).toEqual(['Park na Rakowie']);
    expect(titles(await get('/api/v1/consultations?department=MPUP'))).toEqual(['Park na Rakowie']);
    expect(titles(await get('/api/v1/consultations?district=rakow'))).toEqual(['Aleja rowerowa w Alejach NMP', 'Park na Rakowie', 'III Aleja – co dalej?']);
    expect(titles(await get('/api/v1/consultations?topic=transport'))).toEqual(['Aleja rowerowa w Alejach NMP']);
    expect(titles(await get('/api/v1/consultations?year=2027'))).toEqual([]);
    expect(titles(await get('/api/v1/consultations?q=ROWEROWA'))).toEqual(['Aleja rowerowa w Alejach NMP']);
  });

  it('lists news newest first, filtered by district', async () => {
    expect(titles(await get('/api/v1/news'))).toEqual(['Dyżur radnych', 'Nowy portal konsultacji']);
    const rakow = await get('/api/v1/news?district=rakow');
    expect(rakow.data).toEqual([expect.objectContaining({ title: 'Dyżur radnych', district: { slug: 'rakow', name: 'Raków' }, publishedAt: '2026-11-23T10:00:00.000Z' })]);
  });

  it('lists investments with amounts in złoty, dates as days and the filters of the list page', async () => {
    const body = await get('/api/v1/investments');
    expect(titles(body)).toEqual(['Przebudowa DK1', 'Park nad Wartą']);
    expect(body.data[0]).toMatchObject({ status: 'IN_PROGRESS', budgetPln: 12_600_000, euFundingPln: 5_000_000, plannedStart: '2026-03-01', fundingSources: ['Fundusz Spójności', 'budżet miasta'], location: { latitude: 50.8118, longitude: 19.1203 } });
    expect(body.data[1]).toMatchObject({ budgetPln: null, location: null });
    expect(titles(await get('/api/v1/investments?status=PLANNED'))).toEqual(['Park nad Wartą']);
    expect(titles(await get('/api/v1/investments?district=tysiaclecie&department=MZDiT'))).toEqual(['Przebudowa DK1']);
  });

  it('lists meetings of public consultations by start, filtered by consultation and days', async () => {
    const body = await get('/api/v1/meetings');
    expect(titles(body)).toEqual(['Debata o III Alei', 'Spotkanie z mieszkańcami']);
    expect(body.data[0].endsAt).toBeNull();
    expect(body.data[1]).toMatchObject({ consultation: { slug: 'aleja-rowerowa' }, calendarUrl: `${ctx.deps.config.baseUrl}/konsultacje/aleja-rowerowa/spotkania/${seeded.meeting.id}.ics` });
    expect(titles(await get('/api/v1/meetings?consultation=iii-aleja'))).toEqual(['Debata o III Alei']);
    expect(titles(await get('/api/v1/meetings?from=2026-11-24'))).toEqual(['Spotkanie z mieszkańcami']);
    expect(titles(await get('/api/v1/meetings?from=2026-10-01&to=2026-10-10'))).toEqual(['Debata o III Alei']);
  });

  it('lists documents of public records with download links, filtered by owner', async () => {
    const body = await get('/api/v1/documents');
    expect(body.data.map((d: { fileName: string }) => d.fileName).sort()).toEqual(['harmonogram.pdf', 'plan-dyzurow.pdf']);
    const own = await get('/api/v1/documents?consultation=aleja-rowerowa');
    expect(own.data).toEqual([
      expect.objectContaining({ fileName: 'harmonogram.pdf', format: 'PDF', sizeBytes: 12_345, downloadUrl: `${ctx.deps.config.baseUrl}/pliki/${seeded.document.id}/harmonogram.pdf`, owner: expect.objectContaining({ type: 'consultation', slug: 'aleja-rowerowa' }) }),
    ]);
    expect((await get('/api/v1/documents?news=dyzur-radnych')).data).toHaveLength(1);
    expect((await get('/api/v1/documents?consultation=szkic-konsultacji')).data).toEqual([]);
  });

  it('lists districts and departments in Polish alphabetical order', async () => {
    expect((await get('/api/v1/districts')).data.map((d: { name: string }) => d.name)).toEqual(['Raków', 'Tysiąclecie']);
    expect((await get('/api/v1/districts')).data[0].feeds.rss).toBe(`${ctx.deps.config.baseUrl}/dzielnice/rakow/aktualnosci.rss`);
    expect((await get('/api/v1/departments?limit=1')).data).toEqual([{ code: 'MPUP', name: 'Miejska Pracownia Urbanistyczno-Planistyczna' }]);
  });

  it('lists surveys that have opened, with whether their results are public now', async () => {
    const body = await get('/api/v1/surveys');
    expect(titles(body).sort()).toEqual(['Ankieta o rowerach', 'Ankieta wewnętrzna', 'Sonda o parkingu']);
    const byTitle = Object.fromEntries(body.data.map((s: { title: string }) => [s.title, s]));
    expect(byTitle['Ankieta o rowerach']).toMatchObject({ resultsPublic: true, resultsUrl: `${ctx.deps.config.baseUrl}/api/v1/surveys/${seeded.surveys.live.id}/results`, consultation: { slug: 'aleja-rowerowa' } });
    expect(byTitle['Ankieta wewnętrzna']).toMatchObject({ resultsPublic: false, resultsUrl: null, phase: 'closed' });
    expect(titles(await get('/api/v1/surveys?kind=POLL'))).toEqual(['Sonda o parkingu']);
    expect(titles(await get('/api/v1/surveys?phase=closed'))).toEqual(['Ankieta wewnętrzna']);
  });
});

describe('records', () => {
  it('gives one consultation with its documents and meetings, and 404 for a draft or an unknown one', async () => {
    const body = await get('/api/v1/consultations/aleja-rowerowa');
    expect(body.data).toMatchObject({ title: 'Aleja rowerowa w Alejach NMP', topic: { slug: 'transport' }, legalBasis: 'Uchwała Rady Miasta', participationForms: ['ONLINE_FORM', 'MEETING'] });
    expect(body.data.documents.map((d: { fileName: string }) => d.fileName)).toEqual(['harmonogram.pdf']);
    expect(body.data.meetings.map((m: { title: string }) => m.title)).toEqual(['Spotkanie z mieszkańcami']);
    for (const slug of ['szkic-konsultacji', 'zaplanowana-publikacja', 'nie-ma-takiej']) expect((await get(`/api/v1/consultations/${slug}`, 404)).error.status).toBe(404);
    await get('/api/v1/consultations/Zły%20Slug', 404);
  });

  it('gives one news article and one investment; a draft linked consultation is not named', async () => {
    expect((await get('/api/v1/news/dyzur-radnych')).data.documents).toHaveLength(1);
    await get('/api/v1/news/szkic-aktualnosci', 404);
    expect((await get('/api/v1/investments/przebudowa-dk1')).data.consultation).toMatchObject({ slug: 'aleja-rowerowa' });
    expect((await get('/api/v1/investments/park-nad-warta')).data.consultation).toBeNull();
    await get('/api/v1/investments/archiwalna', 404);
  });

  it('gives survey results only while the survey makes them public, and hides groups under five', async () => {
    const results = await get(`/api/v1/surveys/${seeded.surveys.live.id}/results`);
    expect(results.data.responses).toBe(6);
    expect(results.data.questions[0]).toMatchObject({ respondents: 6, suppressed: false, counts: [{ label: 'Rowerem', count: 3, percent: 50 }, { label: 'Autobusem', count: 3, percent: 50 }] });
    // Texts are counted, never published.
    expect(results.data.questions[1]).toMatchObject({ type: 'LONG_TEXT', respondents: 6, counts: [] });
    await get(`/api/v1/surveys/${seeded.surveys.staffOnly.id}/results`, 404);
    await get(`/api/v1/surveys/${seeded.surveys.afterClose.id}/results`, 404);
    expect((await get(`/api/v1/surveys/${seeded.surveys.afterClose.id}`)).data.resultsVisibility).toBe('AFTER_CLOSE');
    ctx.clock.set('2026-12-24T10:00:00Z');
    const poll = await get(`/api/v1/surveys/${seeded.surveys.afterClose.id}/results`);
    expect(poll.data.questions[0]).toMatchObject({ respondents: 0, suppressed: false });
    await ctx.deps.db.surveyResponse.create({ data: { surveyId: seeded.surveys.afterClose.id, answers: { create: [{ questionId: seeded.surveys.afterClose.questions[0]!.id, optionId: seeded.surveys.afterClose.questions[0]!.options[0]!.id }] } } });
    const few = await get(`/api/v1/surveys/${seeded.surveys.afterClose.id}/results`);
    expect(few.data.questions[0]).toMatchObject({ respondents: 1, suppressed: true, counts: [], stats: null });
  });
});

describe('bad requests', () => {
  it.each([
    ['/api/v1/consultations?page=0', 'page'],
    ['/api/v1/consultations?page=abc', 'page'],
    ['/api/v1/consultations?limit=101', 'limit'],
    ['/api/v1/consultations?phase=trwajace', 'phase'],
    ['/api/v1/consultations?district=Zła%20dzielnica', 'district'],
    ['/api/v1/consultations?year=20x6', 'year'],
    ['/api/v1/consultations?strona=2', 'strona'],
    ['/api/v1/news?district=a&district=b', 'district'],
    ['/api/v1/investments?status=w-realizacji', 'status'],
    ['/api/v1/meetings?from=24.11.2026', 'from'],
    ['/api/v1/meetings?from=2026-11-24&to=2026-11-01', 'to'],
    ['/api/v1/surveys?kind=QUIZ', 'kind'],
    ['/api/v1/documents?consultation=', 'consultation'],
    ['/api/v1/districts?limit=-1', 'limit'],
  ])('answers %s with a JSON 400 naming "%s"', async (path, parameter) => {
    const body = await get(path, 400);
    expect(body.error.message).toBe('Invalid query parameters');
    expect(body.error.details.map((d: { parameter: string }) => d.parameter)).toContain(parameter);
  });

  it('answers an unknown path with a JSON 404, a survey id that is not a number with 404, and a write with 405', async () => {
    expect((await request(ctx.app).get('/api/v1/nic').expect(404)).body).toEqual({ error: { status: 404, message: 'Not found' } });
    await get('/api/v1/surveys/abc', 404);
    const post = await request(ctx.app).post('/api/v1/consultations').send({}).expect(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});

describe('open to other sites, closed to sessions', () => {
  it('allows cross-origin reads, answers the preflight and sets no cookie', async () => {
    const res = await request(ctx.app).get('/api/v1/news').set('Origin', 'https://example.com').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['set-cookie']).toBeUndefined();
    const preflight = await request(ctx.app).options('/api/v1/news').set('Origin', 'https://example.com').set('Access-Control-Request-Method', 'GET').expect(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    const error = await request(ctx.app).get('/api/v1/news?page=0').expect(400);
    expect(error.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('nothing unpublished, hidden or personal', () => {
  it('never appears in any answer of the API, whatever is asked', async () => {
    const paths = [
      '/api/v1/openapi.json',
      ...['consultations', 'documents', 'meetings', 'news', 'districts', 'departments', 'investments', 'surveys'].map((p) => `/api/v1/${p}?limit=100`),
      '/api/v1/consultations/aleja-rowerowa',
      '/api/v1/consultations/park-rakow',
      '/api/v1/consultations/iii-aleja',
      '/api/v1/news/nowy-portal',
      '/api/v1/news/dyzur-radnych',
      '/api/v1/investments/przebudowa-dk1',
      '/api/v1/investments/park-nad-warta',
      `/api/v1/surveys/${seeded.surveys.live.id}`,
      `/api/v1/surveys/${seeded.surveys.live.id}/results`,
      `/api/v1/surveys/${seeded.surveys.staffOnly.id}`,
    ];
    for (const path of paths) {
      const res = await request(ctx.app).get(path).expect(200);
      for (const secret of Object.values(SECRETS)) expect(res.text, `${path} shows ${secret}`).not.toContain(secret);
      // No e-mail address of anyone at all.
      expect(res.text, path).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
  });
});
