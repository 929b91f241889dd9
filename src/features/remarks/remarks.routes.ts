import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { createUploader, discardUploadsOnError } from '../../http/uploads.js';
import { draftHandlers } from './drafts.handlers.js';
import { panelRemarkHandlers } from './panel-remarks.handlers.js';
import { remarkHandlers } from './remarks.handlers.js';
import { reportHandlers } from './reports.handlers.js';

/** Residents: the remarks form. */
export function remarkRoutes(deps: Deps) {
  const h = remarkHandlers(deps);
  const d = draftHandlers(deps);
  const r = reportHandlers(deps);
  const router = Router();
  router.get('/konsultacje/:slug/uwagi', h.form);
  router.post('/konsultacje/:slug/uwagi', h.submit);
  router.get('/konsultacje/:slug/projekt', d.page);
  router.get('/konsultacje/:slug/projekt/:version', d.oldVersion);
  router.get('/konsultacje/:slug/raport', r.page);
  router.get('/konsultacje/:slug/raport.pdf', r.pdf);
  router.get('/konsultacje/:slug/zestawienie-uwag.csv', r.csv);
  router.get('/konsultacje/:slug/zestawienie-uwag.xlsx', r.xlsx);
  return router;
}

/** Staff: remarks of their department's consultations (record checks in the service). */
export function panelRemarkRoutes(deps: Deps) {
  const h = panelRemarkHandlers(deps);
  const d = draftHandlers(deps);
  const r = reportHandlers(deps);
  const manage = requirePermission('consultations:manage');
  const router = Router();
  router.get('/panel/konsultacje/:id/uwagi', manage, h.list);
  router.get('/panel/konsultacje/:id/uwagi/nowa', manage, h.newForm);
  router.post('/panel/konsultacje/:id/uwagi', manage, h.create);
  router.post('/panel/konsultacje/:id/uwagi/grupy', manage, h.group);
  router.get('/panel/konsultacje/:id/uwagi/:remarkId', manage, h.show);
  router.post('/panel/konsultacje/:id/uwagi/:remarkId/odpowiedz', manage, h.answer);
  router.post('/panel/konsultacje/:id/uwagi/:remarkId/rozgrupuj', manage, h.ungroup);
  router.get('/panel/konsultacje/:id/projekt', manage, d.editForm);
  router.post('/panel/konsultacje/:id/projekt', manage, d.publish);
  // Multipart: the CSRF check runs after multer (the path ends in /pliki, see src/http/csrf.ts).
  const uploader = createUploader({ tmpDir: deps.storage.tmpDir, maxFileBytes: deps.config.uploads.maxFileBytes });
  router.post('/panel/konsultacje/:id/projekt/pliki', manage, uploader.file('draftFile'), d.importFile);
  router.get('/panel/konsultacje/:id/raport', manage, r.editForm);
  router.post('/panel/konsultacje/:id/raport', manage, r.save);
  router.post('/panel/konsultacje/:id/raport/publikacja', manage, r.publish);
  router.use(discardUploadsOnError);
  return router;
}
