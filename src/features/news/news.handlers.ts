// Public news: the list (filter by district, pages), one article, and the feeds.
import type { Request, RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { localeOf } from '../../http/locals.js';
import { pageLinks } from '../../http/pagination.js';
import { routeSlug } from '../../http/params.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { findPublicDistrict } from '../districts/districts.queries.js';
import { sendFeed, type FeedFormat } from '../../lib/feeds.js';
import { newsFeed } from './news.feeds.js';
import { openDataLinks } from '../opendata/opendata.links.js';
import { districtChoices, findPublicNews, listNews, newsForFeed } from './news.queries.js';
import { newsListQuerySchema } from './news.schema.js';
import { newsUrls } from './news.urls.js';
import { newsDetailView, newsItemView } from './news.view.js';

export function newsHandlers({ db, clock, config }: Deps) {
  const fmtOf = (req: Request) => viewFormat(localeOf(req));

  const list: RequestHandler = async (req, res) => {
    const query = newsListQuerySchema.parse(req.query);
    const now = clock.now();
    const districts = await districtChoices(db);
    const district = districts.find((d) => d.slug === query.dzielnica) ?? null;
    const result = await listNews(db, now, { districtSlug: district?.slug }, query.strona);
    const fmt = fmtOf(req);
    res.render('news/list', {
      titleKey: 'news.title',
      breadcrumbs: [{ key: 'news.title' }],
      items: result.items.map((n) => newsItemView(fmt, n)),
      total: result.total,
      districts,
      selected: district?.slug ?? '',
      district,
      pagination: pageLinks(newsUrls.list(), { dzielnica: district?.slug }, result),
      feeds: { rss: newsUrls.rss(district), atom: newsUrls.atom(district) },
      openData: openDataLinks.news({ dzielnica: district?.slug }),
    });
  };

  const show: RequestHandler = async (req, res) => {
    const news = await findPublicNews(db, routeSlug(req.params.slug), clock.now());
    const view = newsDetailView(fmtOf(req), news);
    res.render('news/show', { n: view, breadcrumbs: [{ key: 'news.title', href: newsUrls.list() }, { label: news.title }], feeds: { rss: newsUrls.rss(news.district), atom: newsUrls.atom(news.district) } });
  };

  const feed = (format: FeedFormat, perDistrict: boolean): RequestHandler => async (req, res) => {
    const now = clock.now();
    const district = perDistrict ? await findPublicDistrict(db, routeSlug(req.params.slug)) : null;
    const rows = await newsForFeed(db, now, district?.id);
    sendFeed(res, format, newsFeed(fmtOf(req), { baseUrl: config.baseUrl, siteName: config.siteName }, rows, district, now));
  };

  return { list, show, rssAll: feed('rss', false), atomAll: feed('atom', false), rssDistrict: feed('rss', true), atomDistrict: feed('atom', true) };
}
