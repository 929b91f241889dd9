import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { home, placeholder, sitemap, switchLanguage } from './pages.handlers.js';

export function pagesRoutes(deps: Deps) {
  const router = Router();
  router.get('/', home(deps));
  router.get('/jezyk/:lang', switchLanguage);
  // Sections other features fill; until then each page says it is being prepared.
  router.get('/szukaj', placeholder('nav.search'));
  router.get('/mapa-strony', sitemap);
  return router;
}
