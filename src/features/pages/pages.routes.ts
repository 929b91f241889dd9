import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { home, sitemap, switchLanguage } from './pages.handlers.js';

export function pagesRoutes(deps: Deps) {
  const router = Router();
  router.get('/', home(deps));
  router.get('/jezyk/:lang', switchLanguage);
  router.get('/mapa-strony', sitemap);
  return router;
}
