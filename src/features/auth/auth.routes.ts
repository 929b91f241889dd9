import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { authHandlers } from './auth.handlers.js';

export function authRoutes(deps: Deps) {
  const h = authHandlers(deps);
  const router = Router();
  router.get('/logowanie', h.loginForm);
  router.post('/logowanie', h.login);
  router.post('/wyloguj', h.logout);
  return router;
}
