// The "Otwarte dane" page (what the API, the feeds and the CSV files give, with examples) and the
// consultation and investment feeds.
import type { Request, RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { localeOf } from '../../http/locals.js';
import { buildFeed, sendFeed, type FeedFormat } from '../../lib/feeds.js';
import { apiUrls } from '../api/api.urls.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../api/api.schema.js';
import { consultationsForFeed } from '../consultations/consultations.queries.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { investmentsForFeed } from '../investments/investments.queries.js';
import { newsUrls } from '../news/news.urls.js';
import { consultationsFeedSpec, FEED_SIZE, investmentsFeedSpec } from './feeds.view.js';
import { opendataUrls } from './opendata.urls.js';

const EXAMPLE_DISTRICT = { slug: 'tysiaclecie', name: 'Tysiąclecie' };

export function opendataHandlers({ db, clock, config }: Deps) {
  const fmtOf = (req: Request) => viewFormat(localeOf(req));
  const site = { baseUrl: config.baseUrl, siteName: config.siteName };
  const abs = (path: string) => new URL(path, config.baseUrl).href;

  const page: RequestHandler = (_req, res) => {
    const example = `${apiUrls.consultations()}?phase=open&limit=2`;
    res.render('opendata/page', {
      titleKey: 'opendata.title',
      breadcrumbs: [{ key: 'opendata.title' }],
      apiBase: abs(apiUrls.consultations()).replace(/\/consultations$/, ''),
      openapi: apiUrls.openapi(),
      limits: { default: DEFAULT_LIMIT, max: MAX_LIMIT },
      resources: [
        { path: apiUrls.consultations(), key: 'consultations' },
        { path: `${apiUrls.consultations()}/{slug}`, key: 'consultation' },
        { path: apiUrls.documents(), key: 'documents' },
        { path: apiUrls.meetings(), key: 'meetings' },
        { path: apiUrls.news(), key: 'news' },
        { path: apiUrls.districts(), key: 'districts' },
        { path: apiUrls.departments(), key: 'departments' },
        { path: apiUrls.investments(), key: 'investments' },
        { path: apiUrls.surveys(), key: 'surveys' },
        { path: `${apiUrls.surveys()}/{id}/results`, key: 'results' },
      ],
      example: { href: example, curl: `curl '${abs(example)}'` },
      feedList: [
        { key: 'consultations', ...opendataUrls.feeds.consultations },
        { key: 'news', rss: newsUrls.rss(), atom: newsUrls.atom() },
        { key: 'districtNews', rss: newsUrls.rss(EXAMPLE_DISTRICT), atom: newsUrls.atom(EXAMPLE_DISTRICT), district: EXAMPLE_DISTRICT.name },
        { key: 'investments', ...opendataUrls.feeds.investments },
      ],
      csv: [
        { key: 'consultations', href: opendataUrls.csv.consultations() },
        { key: 'news', href: opendataUrls.csv.news() },
        { key: 'investments', href: opendataUrls.csv.investments() },
        { key: 'meetings', href: opendataUrls.csv.meetings() },
      ],
      sitemap: opendataUrls.sitemap(),
    });
  };

  const consultationsFeed = (format: FeedFormat): RequestHandler => async (req, res) => {
    const now = clock.now();
    sendFeed(res, format, buildFeed(consultationsFeedSpec(fmtOf(req), site, await consultationsForFeed(db, now, FEED_SIZE), now)));
  };

  const investmentsFeed = (format: FeedFormat): RequestHandler => async (req, res) => {
    const now = clock.now();
    sendFeed(res, format, buildFeed(investmentsFeedSpec(fmtOf(req), site, await investmentsForFeed(db, now, FEED_SIZE), now)));
  };

  return { page, consultationsRss: consultationsFeed('rss'), consultationsAtom: consultationsFeed('atom'), investmentsRss: investmentsFeed('rss'), investmentsAtom: investmentsFeed('atom') };
}
