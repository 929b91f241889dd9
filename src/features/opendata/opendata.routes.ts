import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { exportHandlers } from './exports.handlers.js';
import { opendataHandlers } from './opendata.handlers.js';
import { opendataUrls } from './opendata.urls.js';
import { sitemapHandlers } from './sitemap.js';

/** Open data for people and programs: the page, the feeds, the CSV downloads, the sitemap and robots.txt. */
export function opendataRoutes(deps: Deps) {
  const h = opendataHandlers(deps);
  const csv = exportHandlers(deps);
  const s = sitemapHandlers(deps);
  const { feeds } = opendataUrls;
  const router = Router();
  router.get(opendataUrls.page(), h.page);
  router.get(feeds.consultations.rss, h.consultationsRss);
  router.get(feeds.consultations.atom, h.consultationsAtom);
  router.get(feeds.investments.rss, h.investmentsRss);
  router.get(feeds.investments.atom, h.investmentsAtom);
  router.get(opendataUrls.csv.consultations(), csv.consultations);
  router.get(opendataUrls.csv.news(), csv.news);
  router.get(opendataUrls.csv.investments(), csv.investments);
  router.get(opendataUrls.csv.meetings(), csv.meetings);
  router.get(opendataUrls.sitemap(), s.sitemap);
  router.get(opendataUrls.robots(), s.robots);
  return router;
}
