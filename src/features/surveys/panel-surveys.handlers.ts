// The survey builder in the panel: list, settings, the survey's page with its questions, close and copy.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { pageLinks, pageOf, pageParam } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { surveySchema } from './panel-surveys.schema.js';
import * as service from './panel-surveys.service.js';
import { resultsArePublic } from './surveys.queries.js';
import { panelSurveyUrls as urls, surveyUrls } from './surveys.urls.js';

export const panelCrumbs = (last?: { key: string } | { label: string; href?: string }, more?: { key: string } | { label: string }) =>
  [{ key: 'panel.title', href: '/panel' }, { key: 'panel.surveys.title', href: urls.list() }, ...(last ? [last] : []), ...(more ? [more] : [])];

export function panelSurveysHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, actor: req.user!, ip: req.ip, now: deps.clock.now() });
  const idOf = (req: Request) => routeId(req.params.id);

  async function renderSettings(req: Request, res: Response, view: { id?: number; values: FormValues; errors?: FieldErrors; locked?: boolean }) {
    const actor = req.user!;
    renderForm(res, 'panel/surveys/settings', {
      surveyId: view.id ?? null,
      action: view.id ? urls.update({ id: view.id }) : urls.create(),
      locked: view.locked ?? false,
      isAdmin: actor.role === 'ADMIN',
      departments: await service.departmentOptions(deps.db, actor),
      consultations: await service.consultationOptions(deps.db, actor),
      districts: await service.districtOptions(deps.db),
      values: view.values,
      breadcrumbs: panelCrumbs({ key: view.id ? 'panel.surveys.settings' : 'panel.surveys.new' }),
    }, view.errors);
  }

  async function save(req: Request, res: Response, id: number | undefined) {
    const parsed = parseForm(surveySchema, req.body);
    const locked = id ? (await service.getForPanel(ctx(req), id)).locked : false;
    if (!parsed.ok) return renderSettings(req, res, { ...(id ? { id } : {}), values: parsed.values, errors: parsed.errors, locked });
    await withFormRefusal(async () => {
      const saved = id ? (await service.updateSurvey(ctx(req), id, parsed.data), { id }) : await service.createSurvey(ctx(req), parsed.data);
      flash(req, id ? 'panel.surveys.flash.updated' : 'panel.surveys.flash.created');
      res.redirect(303, urls.show(saved));
    }, (errors) => renderSettings(req, res, { ...(id ? { id } : {}), values: safeValues(req.body), errors: errors, locked }));
  }

  const list: RequestHandler = async (req, res) => {
    const page = pageParam.parse(req.query.strona);
    const { rows, total } = await service.listForStaff(ctx(req), page);
    res.render('panel/surveys/list', {
      rows: rows.map((r) => ({ ...r, href: urls.show(r) })),
      newHref: urls.new(),
      pagination: pageLinks(urls.list(), {}, pageOf(rows, total, page, 20)),
      breadcrumbs: panelCrumbs(),
    });
  };

  const newForm: RequestHandler = async (req, res) =>
    renderSettings(req, res, { values: { kind: 'SURVEY', participation: 'ONE_PER_BROWSER', resultsVisibility: 'AFTER_CLOSE', departmentId: String(req.user!.departmentId ?? '') } });
  const create: RequestHandler = (req, res) => save(req, res, undefined);

  const editForm: RequestHandler = async (req, res) => {
    const s = await service.getForPanel(ctx(req), idOf(req));
    await renderSettings(req, res, { id: s.id, values: service.formValues(s), locked: s.locked });
  };
  const update: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.getForPanel(ctx(req), id); // 404 / 403 before reading the form
    await save(req, res, id);
  };

  const show: RequestHandler = async (req, res) => {
    const s = await service.getForPanel(ctx(req), idOf(req));
    const now = deps.clock.now();
    res.render('panel/surveys/show', {
      s,
      urls,
      publicUrl: surveyUrls.show(s),
      publicResultsUrl: resultsArePublic(s, now) ? surveyUrls.results(s) : null,
      breadcrumbs: panelCrumbs({ label: s.title }),
    });
  };

  const close: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.closeSurvey(ctx(req), id);
    flash(req, 'panel.surveys.flash.closed');
    res.redirect(303, urls.show({ id }));
  };

  const copy: RequestHandler = async (req, res) => {
    const copied = await service.copySurvey(ctx(req), idOf(req));
    flash(req, 'panel.surveys.flash.copied');
    res.redirect(303, urls.show(copied));
  };

  return { list, newForm, create, editForm, update, show, close, copy };
}
