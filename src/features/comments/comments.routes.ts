import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { commentHandlers } from './comments.handlers.js';
import { moderationHandlers } from './panel-moderation.handlers.js';

/** The discussion of a consultation (anyone; staff answer on the same pages) and the moderators' queue. */
export function commentRoutes(deps: Deps) {
  const h = commentHandlers(deps);
  const m = moderationHandlers(deps);
  const router = Router();
  router.get('/konsultacje/:slug/dyskusja', h.list);
  router.post('/konsultacje/:slug/dyskusja', h.create);
  router.get('/konsultacje/:slug/dyskusja/sprawdz-poczte', h.checkInbox);
  router.get('/konsultacje/:slug/dyskusja/:id/odpowiedz', h.replyForm);
  router.post('/konsultacje/:slug/dyskusja/:id/odpowiedz', h.reply);
  router.get('/konsultacje/:slug/dyskusja/:id/zglos', h.reportForm);
  router.post('/konsultacje/:slug/dyskusja/:id/zglos', h.report);
  router.get('/dyskusja/potwierdz', h.confirmPage);
  router.get('/panel/moderacja', requirePermission('moderation:review'), m.queue);
  router.post('/panel/moderacja/:id/zatwierdz', requirePermission('moderation:review'), m.approve);
  router.get('/panel/moderacja/:id/ukryj', requirePermission('moderation:review'), m.hideForm);
  router.post('/panel/moderacja/:id/ukryj', requirePermission('moderation:review'), m.hide);
  router.post('/panel/moderacja/:id/przywroc', requirePermission('moderation:review'), m.restore);
  return router;
}

/**
 * The confirmation button's POST is authorised by the secret token of the e-mailed link, not by a
 * CSRF token: mounted before the CSRF check (src/app.ts), like the notification links.
 */
export function commentLinkRoutes(deps: Deps) {
  const h = commentHandlers(deps);
  const router = Router();
  router.post('/dyskusja/potwierdz', h.confirm);
  return router;
}
