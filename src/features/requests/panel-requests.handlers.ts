// Panel pages of requests: the coordinating office's list (deadlines, overdue first) and a request's
// page (contact data, assessment, paper lists, conversion); a councillor's form for the council's request.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { pageLinks, pageOf } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { can } from '../../http/permissions.js';
import { panelUrls as consultationPanelUrls } from '../consultations/panel-consultations.urls.js';
import { answerDeadline } from './deadlines.js';
import * as service from './panel-requests.service.js';
import { PARTICIPATION_FORMS } from './requests.handlers.js';
import { assessSchema, councilRequestSchema, departmentChoiceSchema, paperListSchema, REQUEST_STATE_SLUGS, requestListQuerySchema } from './requests.schema.js';
import { panelRequestUrls as urls, requestUrls } from './requests.urls.js';
import { deadlineLine, stateTag, supportersView } from './requests.view.js';

const crumbs = (last: { key: string } | { label: string }) => [{ key: 'panel.title', href: '/panel' }, { key: 'requests.panel.title', href: urls.list() }, last];

export function panelRequestHandlers(deps: Deps) {
  const settings = deps.config.requests;
  const ctx = (req: Request) => ({ db: deps.db, actor: req.user!, ip: req.ip, now: deps.clock.now() });

  const list: RequestHandler = async (req, res) => {
    const query = requestListQuerySchema.parse(req.query);
    const { rows, total } = await service.listForOffice(ctx(req), settings, { state: query.stan ? REQUEST_STATE_SLUGS[query.stan] : undefined }, query.strona);
    res.render('panel/requests/list', {
      rows: rows.map((r) => ({ ...r, href: urls.show(r), tag: stateTag(r.state), deadlineLine: deadlineLine(r.deadline), supporters: r.origin === 'RESIDENTS' ? supportersView(r.supporters, settings.supportThreshold) : null })),
      selected: query.stan ?? '',
      stateOptions: Object.entries(REQUEST_STATE_SLUGS).map(([value, state]) => ({ value, label: `requests.state.${state}` })),
      total,
      pagination: pageLinks(urls.list(), { stan: query.stan }, pageOf(rows, total, query.strona, 20)),
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'requests.panel.title' }],
    });
  };

  async function renderShow(req: Request, res: Response, id: number, errors: FieldErrors = {}, values: FormValues = {}) {
    const r = await service.getForOffice(ctx(req), id);
    const deadline = answerDeadline(r, deps.clock.now(), settings.answerDays);
    renderForm(res, 'panel/requests/show', {
      r: { ...r, tag: stateTag(r.state) },
      urls,
      publicHref: requestUrls.show(r),
      consultationHref: r.consultation && can(req.user, 'consultations:manage', { departmentId: r.consultation.departmentId }) ? consultationPanelUrls.show(r.consultation) : null,
      consultationPublicHref: r.consultation?.publishedAt ? consultationPanelUrls.public(r.consultation) : null,
      deadline: { ...deadline, line: deadlineLine(deadline) },
      supporters: r.origin === 'RESIDENTS' ? supportersView(r.supporters, settings.supportThreshold) : null,
      open: r.state === 'SUBMITTED' || r.state === 'UNDER_REVIEW',
      departments: await service.departmentOptions(deps.db),
      values: { state: r.state === 'SUBMITTED' ? 'UNDER_REVIEW' : r.state, answer: r.answer, ...values },
      breadcrumbs: crumbs({ label: r.title }),
    }, errors);
  }

  const show: RequestHandler = async (req, res) => renderShow(req, res, routeId(req.params.id));

  /** Runs a POST of the request's page: the form's errors come back on that page, with its values. */
  const action = (schema: Parameters<typeof parseForm>[0], run: (req: Request, id: number, data: never) => Promise<string>, flashKey: Parameters<typeof flash>[1]): RequestHandler => async (req, res) => {
    const id = routeId(req.params.id);
    await service.getForOffice(ctx(req), id); // 404 before reading the form
    const parsed = parseForm(schema, req.body);
    if (!parsed.ok) return renderShow(req, res, id, parsed.errors, parsed.values);
    await withFormRefusal(async () => {
      const next = await run(req, id, parsed.data as never);
      flash(req, flashKey);
      res.redirect(303, next);
    }, (errors) => renderShow(req, res, id, errors, safeValues(req.body)));
  };

  const assess = action(assessSchema, async (req, id, data) => {
    await service.assessRequest(ctx(req), settings, id, data);
    return urls.show({ id });
  }, 'requests.panel.flash.assessed');

  const addPaperList = action(paperListSchema, async (req, id, data) => {
    await service.addPaperList(ctx(req), id, data);
    return urls.show({ id });
  }, 'requests.panel.flash.paperList');

  const convert = action(departmentChoiceSchema, async (req, id, data: { departmentId: number }) => {
    await service.convertToConsultation(ctx(req), id, data.departmentId);
    return urls.show({ id });
  }, 'requests.panel.flash.converted');

  async function renderCouncilForm(req: Request, res: Response, values: FormValues, errors?: FieldErrors) {
    renderForm(res, 'panel/requests/council-form', {
      values,
      forms: PARTICIPATION_FORMS,
      isAdmin: req.user!.role === 'ADMIN',
      districts: await service.districtOptions(deps.db, req.user!),
      action: urls.create(),
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'requests.council.title' }],
    }, errors);
  }

  const newCouncilForm: RequestHandler = async (req, res) => renderCouncilForm(req, res, { districtId: String(req.user!.districtId ?? '') });

  const createCouncil: RequestHandler = async (req, res) => {
    const parsed = parseForm(councilRequestSchema, req.body);
    if (!parsed.ok) return renderCouncilForm(req, res, parsed.values, parsed.errors);
    await withFormRefusal(async () => {
      const created = await service.fileCouncilRequest(ctx(req), { name: req.user!.name, email: req.user!.email }, parsed.data);
      flash(req, 'requests.council.flash.filed');
      res.redirect(303, requestUrls.show(created));
    }, (errors) => renderCouncilForm(req, res, safeValues(req.body), errors));
  };

  return { list, show, assess, addPaperList, convert, newCouncilForm, createCouncil };
}
