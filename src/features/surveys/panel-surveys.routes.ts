import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requirePermission } from '../../http/guards.js';
import { panelSurveyQuestionsHandlers } from './panel-survey-questions.handlers.js';
import { panelSurveyResultsHandlers } from './panel-survey-results.handlers.js';
import { panelSurveysHandlers } from './panel-surveys.handlers.js';

export function panelSurveyRoutes(deps: Deps) {
  const h = panelSurveysHandlers(deps);
  const q = panelSurveyQuestionsHandlers(deps);
  const r = panelSurveyResultsHandlers(deps);
  const manage = requirePermission('surveys:manage');
  const router = Router();
  router.get('/panel/ankiety', manage, h.list);
  router.get('/panel/ankiety/nowa', manage, h.newForm);
  router.post('/panel/ankiety', manage, h.create);
  router.get('/panel/ankiety/:id', manage, h.show);
  router.get('/panel/ankiety/:id/ustawienia', manage, h.editForm);
  router.post('/panel/ankiety/:id/ustawienia', manage, h.update);
  router.post('/panel/ankiety/:id/zamknij', manage, h.close);
  router.post('/panel/ankiety/:id/kopia', manage, h.copy);
  router.get('/panel/ankiety/:id/pytania/nowe', manage, q.newForm);
  router.post('/panel/ankiety/:id/pytania', manage, q.create);
  router.get('/panel/ankiety/:id/pytania/:qid', manage, q.editForm);
  router.post('/panel/ankiety/:id/pytania/:qid', manage, q.update);
  router.post('/panel/ankiety/:id/pytania/:qid/przesun', manage, q.move);
  router.post('/panel/ankiety/:id/pytania/:qid/usun', manage, q.remove);
  router.get('/panel/ankiety/:id/wyniki', manage, r.results);
  router.get('/panel/ankiety/:id/wyniki/pytania/:qid', manage, r.texts);
  router.get('/panel/ankiety/:id/eksport.csv', manage, r.exportCsv);
  router.get('/panel/ankiety/:id/eksport.xlsx', manage, r.exportXlsx);
  return router;
}
