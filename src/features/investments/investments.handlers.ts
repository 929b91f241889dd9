// Public investments: the filtered list with its map, the GeoJSON of the same filters, one investment.
import type { Request, RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { localeOf } from '../../http/locals.js';
import { pageLinks } from '../../http/pagination.js';
import { routeSlug } from '../../http/params.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { STATUS_PARAM_LIST, STATUS_PARAMS } from './investment-status.js';
import { investmentsGeoJson } from './investments.geojson.js';
import { newsItemView } from '../news/news.view.js';
import { openDataLinks } from '../opendata/opendata.links.js';
import { findPublicInvestment, investmentFilterOptions, investmentPoints, listInvestments, newsMentioning, type InvestmentFilters } from './investments.queries.js';
import { investmentListQuerySchema, type InvestmentListQuery } from './investments.schema.js';
import { investmentUrls } from './investments.urls.js';
import { investmentDetailView, investmentItemView } from './investments.view.js';

export function investmentHandlers({ db, clock, config }: Deps) {
  const fmtOf = (req: Request) => viewFormat(localeOf(req));
  /** What the map scripts need: tiles (or none), attribution, and the city's box to start from. */
  const mapSettings = { tiles: config.map.tileUrl, attribution: config.map.tileAttribution, bounds: config.map.bounds };

  const filtersOf = (q: InvestmentListQuery): InvestmentFilters => ({
    status: q.status ? STATUS_PARAMS[q.status] : undefined,
    districtSlug: q.dzielnica,
    departmentCode: q.wydzial,
    year: q.rok,
  });

  const list: RequestHandler = async (req, res) => {
    const query = investmentListQuerySchema.parse(req.query);
    const now = clock.now();
    const fmt = fmtOf(req);
    const [options, result] = await Promise.all([investmentFilterOptions(db, now), listInvestments(db, now, filtersOf(query), query.strona)]);
    // Only understood values go back into the form and the links.
    const values = {
      status: query.status,
      dzielnica: options.districts.some((d) => d.slug === query.dzielnica) ? query.dzielnica : undefined,
      wydzial: options.departments.some((d) => d.code === query.wydzial) ? query.wydzial : undefined,
      rok: query.rok,
    };
    const asParams = { ...values, rok: values.rok === undefined ? undefined : String(values.rok) };
    const openData = openDataLinks.investments(fmt, asParams);
    res.render('investments/list', {
      titleKey: 'investments.title',
      breadcrumbs: [{ key: 'investments.title' }],
      items: result.items.map((i) => investmentItemView(fmt, i)),
      total: result.total,
      values,
      hasFilters: Object.values(values).some((v) => v !== undefined),
      options: {
        status: STATUS_PARAM_LIST.map((p) => ({ value: p, label: fmt.t(`investments.status.${STATUS_PARAMS[p]}`) })),
        dzielnica: options.districts.map((d) => ({ value: d.slug, label: d.name })),
        wydzial: options.departments.map((d) => ({ value: d.code, label: d.name })),
        rok: options.years.map((y) => ({ value: y, label: String(y) })),
      },
      clearHref: investmentUrls.list(),
      pagination: pageLinks(investmentUrls.list(), asParams, result),
      map: { ...mapSettings, geojson: investmentUrls.geojson(values) },
      geojsonHref: investmentUrls.geojson(values),
      feeds: openData.feeds,
      openData,
    });
  };

  const geojson: RequestHandler = async (req, res) => {
    const query = investmentListQuerySchema.parse(req.query);
    const points = await investmentPoints(db, clock.now(), filtersOf(query));
    res.type('application/geo+json; charset=utf-8').set('Cache-Control', 'public, max-age=60').send(JSON.stringify(investmentsGeoJson(fmtOf(req), points, config.baseUrl)));
  };

  const show: RequestHandler = async (req, res) => {
    const now = clock.now();
    const slug = routeSlug(req.params.slug);
    const [investment, news] = await Promise.all([findPublicInvestment(db, slug, now), newsMentioning(db, now, slug)]);
    const fmt = fmtOf(req);
    const view = investmentDetailView(fmt, investment, now);
    res.render('investments/show', {
      i: view,
      news: news.map((n) => newsItemView(fmt, n)),
      map: view.point ? { ...mapSettings, point: view.point, label: view.title } : null,
      breadcrumbs: [{ key: 'investments.title', href: investmentUrls.list() }, { label: investment.title }],
    });
  };

  return { list, geojson, show };
}
