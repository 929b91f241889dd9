// Questions in the builder: plain forms (no JavaScript needed), move up / down buttons, removal.
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { NotFoundError, type FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { optionalText, parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { routeId } from '../../http/params.js';
import { SurveyQuestionType } from '../../generated/prisma/enums.js';
import { panelCrumbs } from './panel-surveys.handlers.js';
import { moveSchema, questionSchema } from './panel-surveys.schema.js';
import * as questions from './panel-survey-questions.service.js';
import { getForPanel, type PanelSurvey } from './panel-surveys.service.js';
import { panelSurveyUrls as urls } from './surveys.urls.js';

const hintSchema = z.object({ hint: optionalText(1000) }).catch({ hint: '' });
const typeQuery = z.object({ typ: z.enum(SurveyQuestionType).catch('SINGLE') });

export function panelSurveyQuestionsHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, actor: req.user!, ip: req.ip, now: deps.clock.now() });
  const ids = (req: Request) => ({ surveyId: routeId(req.params.id), questionId: req.params.qid === undefined ? undefined : routeId(req.params.qid) });

  function renderQuestion(res: Response, s: PanelSurvey, view: { questionId?: number; values: FormValues; errors?: FieldErrors }) {
    const position = view.questionId ? (s.questions.find((q) => q.id === view.questionId)?.position ?? 0) : Number.MAX_SAFE_INTEGER;
    // Conditions may name an option of an earlier single or multiple choice question.
    const conditions = s.questions
      .filter((q) => q.position < position && (q.type === 'SINGLE' || q.type === 'MULTIPLE'))
      .flatMap((q) => q.options.map((o) => ({ value: `${q.id}:${o.id}`, label: `${q.position}. ${q.text} – ${o.label}` })));
    renderForm(res, 'panel/surveys/question', {
      s,
      questionId: view.questionId ?? null,
      action: view.questionId ? urls.updateQuestion(s, { id: view.questionId }) : urls.createQuestion(s),
      conditions,
      values: view.values,
      breadcrumbs: panelCrumbs({ label: s.title, href: urls.show(s) }, { key: view.questionId ? 'panel.surveys.question.edit' : 'panel.surveys.question.new' }),
    }, view.errors);
  }

  async function save(req: Request, res: Response) {
    const { surveyId, questionId } = ids(req);
    const s = await getForPanel(ctx(req), surveyId);
    if (questionId && s.locked) {
      const { hint } = hintSchema.parse(req.body);
      await questions.updateHint(ctx(req), surveyId, questionId, hint);
      flash(req, 'panel.surveys.flash.questionUpdated');
      return res.redirect(303, `${urls.show(s)}#pytania`);
    }
    const parsed = parseForm(questionSchema, req.body);
    const view = questionId ? { questionId } : {};
    if (!parsed.ok) return renderQuestion(res, s, { ...view, values: parsed.values, errors: parsed.errors });
    await withFormRefusal(async () => {
      if (questionId) await questions.updateQuestion(ctx(req), surveyId, questionId, parsed.data);
      else await questions.addQuestion(ctx(req), surveyId, parsed.data);
      flash(req, questionId ? 'panel.surveys.flash.questionUpdated' : 'panel.surveys.flash.questionAdded');
      res.redirect(303, `${urls.show(s)}#pytania`);
    }, (errors) => renderQuestion(res, s, { ...view, values: safeValues(req.body), errors }));
  }

  const newForm: RequestHandler = async (req, res) => {
    const s = await getForPanel(ctx(req), ids(req).surveyId);
    const { typ } = typeQuery.parse(req.query);
    const defaults = typ === 'SCALE' ? { minValue: '1', maxValue: '5' } : typ === 'MATRIX' ? { minValue: '1', maxValue: '5' } : {};
    renderQuestion(res, s, { values: { type: s.kind === 'POLL' ? 'SINGLE' : typ, required: 'tak', ...defaults } });
  };

  const editForm: RequestHandler = async (req, res) => {
    const { surveyId, questionId } = ids(req);
    const s = await getForPanel(ctx(req), surveyId);
    const q = s.questions.find((x) => x.id === questionId);
    if (!q) throw new NotFoundError();
    renderQuestion(res, s, {
      questionId: q.id,
      values: {
        type: q.type, text: q.text, hint: q.hint, required: q.required ? 'tak' : '', allowOther: q.allowOther ? 'tak' : '', startsStep: q.startsStep ? 'tak' : '', options: q.options.map((o) => o.label).join('\n'),
        minChoices: q.minChoices ?? '', maxChoices: q.maxChoices ?? '', maxLength: q.maxLength ?? '', minValue: q.minValue ?? '', maxValue: q.maxValue ?? '',
        minLabel: q.minLabel, maxLabel: q.maxLabel, showIf: q.showIfQuestionId && q.showIfOptionId ? `${q.showIfQuestionId}:${q.showIfOptionId}` : '',
      },
    });
  };

  const move: RequestHandler = async (req, res) => {
    const { surveyId, questionId } = ids(req);
    const { kierunek } = moveSchema.catch({ kierunek: 'gora' }).parse(req.body);
    await questions.moveQuestion(ctx(req), surveyId, questionId!, kierunek);
    res.redirect(303, `${urls.show({ id: surveyId })}#pytanie-${questionId}`);
  };

  const remove: RequestHandler = async (req, res) => {
    const { surveyId, questionId } = ids(req);
    await questions.removeQuestion(ctx(req), surveyId, questionId!);
    flash(req, 'panel.surveys.flash.questionRemoved');
    res.redirect(303, `${urls.show({ id: surveyId })}#pytania`);
  };

  return { newForm, create: save, editForm, update: save, move, remove };
}
