// Public district pages: the list of the 20 districts and one district's council page.
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { localeOf } from '../../http/locals.js';
import { routeSlug } from '../../http/params.js';
import { consultationsInDistrict } from '../consultations/consultations.queries.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import { listItemView, viewFormat } from '../consultations/consultations.view.js';
import { latestNews } from '../news/news.queries.js';
import { newsUrls } from '../news/news.urls.js';
import { newsItemView } from '../news/news.view.js';
import { notificationUrls } from '../notifications/notifications.urls.js';
import { countInDistrict, someInvestments } from '../investments/investments.queries.js';
import { investmentUrls } from '../investments/investments.urls.js';
import { investmentItemView } from '../investments/investments.view.js';
import { pollView } from '../surveys/surveys.home.js';
import { findPublicDistrict, listDistricts, upcomingDistrictEvents } from './districts.queries.js';
import { schematicTiles } from './districts.schematic.js';
import { districtUrls } from './districts.urls.js';
import { councilView, eventView } from './districts.view.js';

const SECTION_SIZE = 5;

export function districtHandlers({ db, clock }: Deps) {
  const list: RequestHandler = async (_req, res) => {
    const districts = (await listDistricts(db)).map((d) => ({ slug: d.slug, name: d.name, href: districtUrls.show(d), seat: d.councilSeat }));
    res.render('districts/list', {
      titleKey: 'districts.title',
      breadcrumbs: [{ key: 'districts.title' }],
      districts,
      tiles: schematicTiles(districts),
    });
  };

  const show: RequestHandler = async (req, res) => {
    const district = await findPublicDistrict(db, routeSlug(req.params.slug));
    const now = clock.now();
    const fmt = viewFormat(localeOf(req));
    const [news, events, consultations, investments, investmentCount, poll] = await Promise.all([
      latestNews(db, now, SECTION_SIZE, district.id),
      upcomingDistrictEvents(db, now, district.id, SECTION_SIZE),
      consultationsInDistrict(db, now, district.id, SECTION_SIZE),
      someInvestments(db, now, SECTION_SIZE, { districtId: district.id }),
      countInDistrict(db, now, district.id),
      pollView(db, fmt, now, { districtId: district.id }),
    ]);
    res.render('districts/show', {
      d: { name: district.name, council: councilView(district) },
      news: news.map((n) => newsItemView(fmt, n)),
      events: events.map((e) => eventView(fmt, e)),
      consultations: consultations.map((c) => listItemView(fmt, c, now)),
      investments: investments.map((i) => investmentItemView(fmt, i)),
      investmentCount,
      poll,
      links: { news: newsUrls.list({ dzielnica: district.slug }), consultations: consultationUrls.list({ dzielnica: district.slug }), subscribe: notificationUrls.signUpForDistrictNews(district), investments: investmentUrls.list({ dzielnica: district.slug }) },
      feeds: { rss: newsUrls.rss(district), atom: newsUrls.atom(district) },
      breadcrumbs: [{ key: 'districts.title', href: districtUrls.list() }, { label: district.name }],
    });
  };

  return { list, show };
}
