import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { notificationHandlers } from './notifications.handlers.js';
import { digestSettingHandlers } from './digest-settings.handlers.js';

/** The residents' pages; the sign-up form is a normal form with a CSRF token. */
export function notificationRoutes(deps: Deps) {
  const h = notificationHandlers(deps);
  const s = digestSettingHandlers(deps);
  const router = Router();
  router.get('/powiadomienia', h.signUpForm);
  router.post('/powiadomienia', h.subscribe);
  router.get('/powiadomienia/sprawdz-poczte', h.checkInbox);
  router.get('/powiadomienia/potwierdz', h.confirmPage);
  router.get('/powiadomienia/potwierdzono', h.confirmed);
  router.get('/powiadomienia/ustawienia', h.managePage);
  router.get('/powiadomienia/wypisz', h.unsubscribePage);
  router.get('/powiadomienia/wypisano', h.unsubscribed);
  router.get('/panel/konto/powiadomienia', requirePermission('panel:view'), s.form);
  router.post('/panel/konto/powiadomienia', requirePermission('panel:view'), s.save);
  return router;
}

/**
 * POSTs authorised by the secret token of a link from a message, not by a CSRF token: mounted before
 * the CSRF check (src/app.ts). A CSRF token would add nothing to the link's secret, and a mail
 * client's one-click unsubscribe (RFC 8058) comes without any session.
 */
export function notificationLinkRoutes(deps: Deps) {
  const h = notificationHandlers(deps);
  const router = Router();
  router.post('/powiadomienia/potwierdz', h.confirm);
  router.post('/powiadomienia/ustawienia', h.manage);
  router.post('/powiadomienia/wypisz', h.unsubscribe);
  return router;
}
