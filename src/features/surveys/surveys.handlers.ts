// Residents' pages: the list, the form (or why it is not shown), submission, the e-mail link, thanks, results.
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { BadRequestError, ConflictError, NotFoundError, TooManyRequestsError, type FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { email, parseForm, renderForm, safeValues, type FormValues } from '../../http/forms.js';
import { localeOf } from '../../http/locals.js';
import { pageLinks, pageOf, pageParam } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { listDistricts } from '../districts/districts.queries.js';
import { parseAnswers, type AnswerRow } from './survey-answers.js';
import { browserIdOf, createSurveyThrottle, ensureBrowserId } from './survey-participation.js';
import * as responses from './survey-responses.service.js';
import { surveyResults } from './survey-results.js';
import { fieldsOf, openAnswers, questionsOfStep, sealAnswers, stepsOf, visibleSteps } from './survey-steps.js';
import { closedSurveys, openSurveys, phaseOf, publicDefinition, resultsArePublic, type SurveyDefinition } from './surveys.queries.js';
import { surveyUrls } from './surveys.urls.js';
import { formQuestionsView, listItemView, resultsView, surveyHeaderView } from './surveys.view.js';

const CLOSED_PAGE_SIZE = 10;
const emailSchema = z.object({ email: email() });
const tokenField = z.object({ token: z.string().max(100).optional() });

export function surveysHandlers(deps: Deps) {
  const throttle = createSurveyThrottle(deps.pool);
  const secret = deps.config.sessionSecret;
  const ctx = () => ({ db: deps.db, pool: deps.pool, now: deps.clock.now(), secret });
  const fmtOf = (req: Request) => viewFormat(localeOf(req));
  // The definition (questions, options) is read from public tables only: kept per content version like a
  // cached page, so a submission does not read it again (decision 49).
  const load = (req: Request) => {
    const id = routeId(req.params.id);
    return deps.pageCache.memo(`survey:${id}`, () => publicDefinition(deps.db, id, deps.clock.now()));
  };
  const crumbs = (survey: { title: string }) => [{ key: 'nav.surveys', href: surveyUrls.list() }, { label: survey.title }];

  /** A survey in steps: more than one, and not a poll (one question, one click). */
  const inSteps = (survey: SurveyDefinition) => survey.kind !== 'POLL' && stepsOf(survey).length > 1;

  /** The respondent's district when the survey asks: null (not given), an id, or a field error. */
  async function districtOf(survey: SurveyDefinition, body: Record<string, unknown>): Promise<{ id: number | null } | { errors: FieldErrors }> {
    const raw = body.dzielnica;
    if (!survey.askDistrict || raw === undefined || raw === '') return { id: null };
    const district = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? await deps.db.district.findUnique({ where: { id: Number(raw) }, select: { id: true } }) : null;
    return district ? { id: district.id } : { errors: { dzielnica: ['surveys.validation.district'] } };
  }

  async function renderSurveyForm(req: Request, res: Response, survey: SurveyDefinition, opts: { values?: FormValues; errors?: FieldErrors; token?: string; step?: number } = {}) {
    const fmt = fmtOf(req);
    const values = opts.values ?? {};
    let questions = formQuestionsView(fmt, survey, values);
    let step = null;
    if (inSteps(survey)) {
      // One step's questions; the answers of the others travel in the signed hidden field.
      const index = opts.step ?? 0;
      const shown = questionsOfStep(survey, index, values);
      const byId = new Map(questions.map((q) => [q.id, q]));
      questions = shown.map(({ question, fromEarlierStep }) => ({ ...byId.get(question.id)!, ...(fromEarlierStep ? { condition: null } : {}) }));
      const visible = visibleSteps(survey, values, index);
      const position = Math.max(0, visible.indexOf(index));
      const here = new Set(shown.map((x) => x.question.id));
      step = {
        index,
        number: position + 1,
        total: visible.length,
        first: position === 0,
        last: position === visible.length - 1,
        state: sealAnswers(secret, survey.id, fieldsOf(survey.questions.filter((q) => !here.has(q.id)), values)),
      };
    }
    // Asked once, with the last questions (a survey in steps: on its last step).
    const districts = survey.askDistrict && (!step || step.last) ? (await listDistricts(deps.db)).map((d) => ({ value: d.id, label: d.name })) : null;
    renderForm(res, 'surveys/form', {
      survey: surveyHeaderView(fmt, survey, deps.clock.now()),
      questions,
      step,
      districts,
      token: opts.token ?? null,
      action: surveyUrls.submit(survey),
      values: opts.values ?? {},
      breadcrumbs: crumbs(survey),
    }, opts.errors);
  }

  const list: RequestHandler = async (req, res) => {
    const now = deps.clock.now();
    const page = pageParam.parse(req.query.strona);
    const fmt = fmtOf(req);
    const [open, closed] = await Promise.all([openSurveys(deps.db, now), closedSurveys(deps.db, now, page, CLOSED_PAGE_SIZE)]);
    res.render('surveys/list', {
      open: open.map((s) => listItemView(fmt, s, now)),
      closed: closed.rows.map((s) => ({ ...listItemView(fmt, s, now), resultsPublic: resultsArePublic(s, now) })),
      pagination: pageLinks(surveyUrls.list(), {}, pageOf(closed.rows, closed.total, page, CLOSED_PAGE_SIZE)),
      breadcrumbs: [{ key: 'nav.surveys' }],
    });
  };

  /** The form; or, depending on the phase and the rule, the e-mail step or a note why not. */
  const show: RequestHandler = async (req, res) => {
    const survey = await load(req);
    const now = deps.clock.now();
    const header = surveyHeaderView(fmtOf(req), survey, now);
    if (phaseOf(survey, now) === 'closed') return res.render('surveys/closed', { survey: header, resultsPublic: resultsArePublic(survey, now), breadcrumbs: crumbs(survey) });
    if (survey.participation === 'ONE_PER_EMAIL') return renderForm(res, 'surveys/email', { survey: header, breadcrumbs: crumbs(survey) });
    if (await responses.answeredFromBrowser(ctx(), survey, browserIdOf(req, secret))) {
      return res.render('surveys/answered', { survey: header, resultsPublic: resultsArePublic(survey, now), breadcrumbs: crumbs(survey) });
    }
    renderSurveyForm(req, res, survey);
  };

  const submit: RequestHandler = async (req, res) => {
    const survey = await load(req);
    responses.assertOpen(survey, deps.clock.now());
    const token = tokenField.catch({}).parse(req.body).token;
    if (inSteps(survey)) return submitStep(req, res, survey, token);
    await throttleSubmission(req, survey);
    const parsed = parseAnswers(survey, req.body ?? {});
    const district = await districtOf(survey, req.body ?? {});
    if (!parsed.ok || 'errors' in district) return renderSurveyForm(req, res, survey, { values: safeValues(req.body), errors: { ...(parsed.ok ? {} : parsed.errors), ...('errors' in district ? district.errors : {}) }, ...(token ? { token } : {}) });
    await store(req, res, survey, parsed.rows, token, district.id);
  };

  async function throttleSubmission(req: Request, survey: SurveyDefinition) {
    if (survey.participation !== 'ONE_PER_BROWSER') return;
    const wait = await throttle.submission(req.ip ?? '', survey.id);
    if (wait > 0) throw new TooManyRequestsError('surveys.refused.tooMany', wait);
  }

  /**
   * One step of a survey in steps: "Wstecz" keeps what was typed and goes back; "Dalej" checks this
   * step (with the earlier answers, for conditions) and shows the next step that has questions; the
   * last one checks everything and stores it. A step with mistakes comes back with its own summary.
   */
  async function submitStep(req: Request, res: Response, survey: SurveyDefinition, token: string | undefined) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const steps = stepsOf(survey);
    const earlier = body.stan === undefined ? {} : openAnswers(secret, survey.id, body.stan);
    if (earlier === null) throw new BadRequestError('surveys.steps.badState');
    const index = Math.min(Math.max(0, Number.parseInt(String(body.krok ?? '0'), 10) || 0), steps.length - 1);
    const current = new Set(steps[index]!.map((q) => q.id));
    const values: FormValues = { ...fieldsOf(survey.questions.filter((q) => !current.has(q.id)), earlier), ...fieldsOf(steps[index]!, body) };
    const withToken = token ? { token } : {};
    // Going on, this step is passed too: its answers decide which later steps apply.
    const visible = visibleSteps(survey, values, index + 1);
    if (body.akcja === 'wstecz') return renderSurveyForm(req, res, survey, { values, ...withToken, step: [...visible].reverse().find((i) => i < index) ?? visible[0] ?? 0 });
    const stepOfError = (errors: FieldErrors) => steps.findIndex((step) => step.some((q) => errors[`q${q.id}`]));
    const checked = parseAnswers({ questions: steps.slice(0, index + 1).flat() }, values);
    const next = visible.find((i) => i > index);
    const parsed = checked.ok && next === undefined ? parseAnswers(survey, values) : checked;
    if (!parsed.ok) {
      const at = stepOfError(parsed.errors);
      const own = Object.fromEntries(Object.entries(parsed.errors).filter(([name]) => steps[at]!.some((q) => name === `q${q.id}`)));
      return renderSurveyForm(req, res, survey, { values, errors: own, ...withToken, step: at });
    }
    if (next !== undefined) return renderSurveyForm(req, res, survey, { values, ...withToken, step: next });
    const district = await districtOf(survey, body);
    if ('errors' in district) return renderSurveyForm(req, res, survey, { values: { ...values, dzielnica: body.dzielnica }, errors: district.errors, ...withToken, step: index });
    await throttleSubmission(req, survey);
    await store(req, res, survey, parsed.rows, token, district.id);
  }

  async function store(req: Request, res: Response, survey: SurveyDefinition, rows: AnswerRow[], token: string | undefined, districtId: number | null = null) {
    const browserId = survey.participation === 'ONE_PER_BROWSER' ? ensureBrowserId(req, res, secret) : null;
    await responses.submitResponse(ctx(), survey, rows, { browserId, emailToken: token ?? null, districtId });
    if (survey.kind === 'POLL' && resultsArePublic(survey, deps.clock.now())) {
      flash(req, 'surveys.poll.thanks');
      return res.redirect(303, surveyUrls.results(survey));
    }
    res.redirect(303, surveyUrls.thanks(survey));
  }

  const thanks: RequestHandler = async (req, res) => {
    const survey = await load(req);
    const now = deps.clock.now();
    res.render('surveys/thanks', { survey: surveyHeaderView(fmtOf(req), survey, now), thankYou: survey.thankYou, resultsPublic: resultsArePublic(survey, now), breadcrumbs: crumbs(survey) });
  };

  const requestLink: RequestHandler = async (req, res) => {
    const survey = await load(req);
    if (survey.participation !== 'ONE_PER_EMAIL') throw new NotFoundError();
    responses.assertOpen(survey, deps.clock.now());
    const header = surveyHeaderView(fmtOf(req), survey, deps.clock.now());
    const parsed = parseForm(emailSchema, req.body);
    if (!parsed.ok) return renderForm(res, 'surveys/email', { survey: header, values: parsed.values, breadcrumbs: crumbs(survey) }, parsed.errors);
    const wait = await throttle.emailLink(req.ip ?? '');
    if (wait > 0) throw new TooManyRequestsError('surveys.refused.tooMany', wait);
    await responses.requestEmailLink({ ...ctx(), jobs: deps.jobs }, survey, parsed.data.email);
    res.render('surveys/email-sent', { survey: header, hours: responses.EMAIL_LINK_HOURS, breadcrumbs: crumbs(survey) });
  };

  const fromEmail: RequestHandler = async (req, res) => {
    const survey = await load(req);
    responses.assertOpen(survey, deps.clock.now());
    const token = String(req.params.token);
    const state = await responses.emailLinkState(deps.db, survey.id, token, deps.clock.now());
    if (state === 'unknown') throw new NotFoundError();
    if (state !== 'valid') throw new ConflictError(state === 'used' ? 'surveys.refused.linkUsed' : 'surveys.refused.linkExpired');
    renderSurveyForm(req, res, survey, { token });
  };

  const results: RequestHandler = async (req, res) => {
    const survey = await load(req);
    const now = deps.clock.now();
    if (!resultsArePublic(survey, now)) return res.status(403).render('surveys/results-hidden', { survey: surveyHeaderView(fmtOf(req), survey, now), visibility: survey.resultsVisibility, breadcrumbs: crumbs(survey) });
    const fmt = fmtOf(req);
    res.render('surveys/results', {
      survey: surveyHeaderView(fmt, survey, now),
      results: resultsView(fmt, await surveyResults(deps.db, survey, {}, { public: true })),
      staff: false,
      breadcrumbs: [...crumbs(survey).slice(0, 1), { label: survey.title, href: surveyUrls.show(survey) }, { key: 'surveys.results.title' }],
    });
  };

  return { list, show, submit, thanks, requestLink, fromEmail, results };
}
