import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { calendarHandlers } from './calendar.handlers.js';
import { consultationHandlers } from './consultations.handlers.js';

/** What residents read: no login, GET only. */
export function consultationsRoutes(deps: Deps) {
  const router = Router();
  const consultations = consultationHandlers(deps);
  const calendar = calendarHandlers(deps);
  router.get('/konsultacje', consultations.list);
  router.get('/konsultacje/:slug', consultations.show);
  router.get('/konsultacje/:slug/kalendarz.ics', consultations.calendar);
  router.get('/konsultacje/:slug/spotkania/:id.ics', consultations.meeting);
  router.get('/kalendarz', calendar.page);
  router.get('/kalendarz.ics', calendar.feed);
  return router;
}
