import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { newsHandlers } from './news.handlers.js';

export function newsRoutes(deps: Deps) {
  const h = newsHandlers(deps);
  const router = Router();
  router.get('/aktualnosci', h.list);
  router.get('/aktualnosci.rss', h.rssAll);
  router.get('/aktualnosci.atom', h.atomAll);
  router.get('/aktualnosci/:slug', h.show);
  router.get('/dzielnice/:slug/aktualnosci.rss', h.rssDistrict);
  router.get('/dzielnice/:slug/aktualnosci.atom', h.atomDistrict);
  return router;
}
