// /sitemap.xml and /robots.txt. The sitemap lists the public pages and every public record, each
// feature's own rule deciding what is public; robots.txt keeps crawlers out of the panel, the login
// and the pages that e-mailed links with secret tokens open.
import type { RequestHandler, Response } from 'express';
import type { Db } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { FOOTER_NAV, MAIN_NAV } from '../../http/navigation.js';
import { publicWhere } from '../consultations/consultation-status.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import { districtUrls } from '../districts/districts.urls.js';
import { publicInvestmentWhere } from '../investments/investments.queries.js';
import { investmentUrls } from '../investments/investments.urls.js';
import { publicNewsWhere } from '../news/news.queries.js';
import { newsUrls } from '../news/news.urls.js';
import { requestUrls } from '../requests/requests.urls.js';
import { publicSurveysWhere } from '../surveys/surveys.queries.js';
import { surveyUrls } from '../surveys/surveys.urls.js';
import { opendataUrls } from './opendata.urls.js';

const STATIC_PAGES = ['/', ...MAIN_NAV.map((n) => n.href), '/konsultacje/plan', '/wnioski', '/dzielnice', ...FOOTER_NAV.map((n) => n.href)];

/** Paths crawlers are asked to leave alone: staff pages, signing in, and token links from e-mails. */
export const DISALLOWED = [
  '/panel',
  '/logowanie',
  '/wyloguj',
  '/nie-pamietam-hasla',
  '/ustaw-haslo',
  '/powiadomienia/potwierdz',
  '/powiadomienia/ustawienia',
  '/powiadomienia/wypisz',
  '/dyskusja/potwierdz',
  '/wnioski/poparcie/potwierdz',
  '/ankiety/*/e-mail/',
  '/jezyk/',
  '/wyglad/',
];

interface Entry {
  path: string;
  lastmod?: Date | undefined;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Each kind of public record, one query each, newest change first within its kind. */
async function* publicRecords(db: Db, now: Date): AsyncGenerator<Entry[]> {
  yield (await db.consultation.findMany({ where: publicWhere(now), orderBy: { id: 'asc' }, select: { slug: true, updatedAt: true } })).map((c) => ({ path: consultationUrls.show(c), lastmod: c.updatedAt }));
  yield (await db.news.findMany({ where: publicNewsWhere(now), orderBy: { id: 'asc' }, select: { slug: true, updatedAt: true } })).map((n) => ({ path: newsUrls.show(n), lastmod: n.updatedAt }));
  yield (await db.investment.findMany({ where: publicInvestmentWhere(now), orderBy: { id: 'asc' }, select: { slug: true, updatedAt: true } })).map((i) => ({ path: investmentUrls.show(i), lastmod: i.updatedAt }));
  yield (await db.survey.findMany({ where: publicSurveysWhere(now, {}), orderBy: { id: 'asc' }, select: { id: true, updatedAt: true } })).map((s) => ({ path: surveyUrls.show(s), lastmod: s.updatedAt }));
  yield (await db.district.findMany({ orderBy: { id: 'asc' }, select: { slug: true, councilUpdatedAt: true } })).map((d) => ({ path: districtUrls.show(d), lastmod: d.councilUpdatedAt ?? undefined }));
  yield (await db.consultationRequest.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).map((r) => ({ path: requestUrls.show(r) }));
  yield (await db.knowledgeGuide.findMany({ orderBy: { id: 'asc' }, select: { slug: true, updatedAt: true } })).map((g) => ({ path: `/baza-wiedzy/${encodeURIComponent(g.slug)}`, lastmod: g.updatedAt }));
}

function write(res: Response, baseUrl: string, entries: Entry[]) {
  const xml = entries
    .map((e) => `<url><loc>${escapeXml(new URL(e.path, baseUrl).href)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>\n`)
    .join('');
  if (xml) res.write(xml);
}

export function sitemapHandlers({ db, clock, config }: Deps) {
  const sitemap: RequestHandler = async (_req, res) => {
    res.type('application/xml; charset=utf-8');
    res.write('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n');
    write(res, config.baseUrl, [...new Set(STATIC_PAGES)].map((path) => ({ path })));
    for await (const entries of publicRecords(db, clock.now())) write(res, config.baseUrl, entries);
    res.end('</urlset>\n');
  };

  const robots: RequestHandler = (_req, res) => {
    const lines = ['User-agent: *', ...DISALLOWED.map((path) => `Disallow: ${path}`), '', `Sitemap: ${new URL(opendataUrls.sitemap(), config.baseUrl).href}`, ''];
    res.type('text/plain; charset=utf-8').send(lines.join('\n'));
  };

  return { sitemap, robots };
}
