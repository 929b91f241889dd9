import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { authHandlers } from './auth.handlers.js';
import { accountUrls, passwordHandlers } from './passwords.handlers.js';
import { POLICY_PAGE, twoFactorHandlers } from './two-factor.handlers.js';
import { TWO_FACTOR_PAGE } from './auth.handlers.js';

export function authRoutes(deps: Deps) {
  const h = authHandlers(deps);
  const p = passwordHandlers(deps);
  const tf = twoFactorHandlers(deps);
  const staff = requirePermission('panel:view');
  const router = Router();
  router.get('/logowanie', h.loginForm);
  router.post('/logowanie', h.login);
  router.post('/wyloguj', h.logout);
  router.get('/logowanie/kod', h.codeForm);
  router.post('/logowanie/kod', h.code);
  router.get('/nie-pamietam-hasla', p.forgotForm);
  router.post('/nie-pamietam-hasla', p.forgot);
  router.get('/ustaw-haslo', p.setForm);
  router.post('/ustaw-haslo', p.set);
  router.get(accountUrls.account(), staff, p.account);
  router.get(accountUrls.password(), staff, p.passwordForm);
  router.post(accountUrls.password(), staff, p.password);
  router.get(accountUrls.sessions(), staff, p.sessions);
  router.post(accountUrls.endOthers(), staff, p.endOthers);
  router.post('/panel/konto/sesje/:key/wyloguj', staff, p.endOne);
  router.get(TWO_FACTOR_PAGE, staff, tf.page);
  router.post(`${TWO_FACTOR_PAGE}/nowy`, staff, tf.start);
  router.post(`${TWO_FACTOR_PAGE}/wlacz`, staff, tf.enable);
  router.post(`${TWO_FACTOR_PAGE}/wylacz`, staff, tf.disable);
  // Before the users' /panel/uzytkownicy/:id routes, which would read it as an id.
  router.get(POLICY_PAGE, requirePermission('users:manage'), tf.policyForm);
  router.post(POLICY_PAGE, requirePermission('users:manage'), tf.policy);
  return router;
}
