// Panel pages of investments: list, editor, the investment's page (publish, archive, progress, files), preview.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { localeOf } from '../../http/locals.js';
import type { MessageKey } from '../../i18n/pl.js';
import { pageLinks, pageOf } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { STATUSES } from './investment-status.js';
import { findInvestmentForPreview } from './investments.queries.js';
import { investmentUrls, panelInvestmentUrls as urls } from './investments.urls.js';
import { investmentDetailView } from './investments.view.js';
import { investmentSchema, listQuerySchema, progressSchema } from './panel-investments.schema.js';
import * as service from './panel-investments.service.js';

const crumbs = (last: { key: string } | { label: string; href?: string }, ...more: { key: string }[]) => [{ key: 'panel.title', href: '/panel' }, { key: 'panel.investments.title', href: urls.list() }, last, ...more];

export function panelInvestmentHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, actor: req.user!, ip: req.ip, now: deps.clock.now() });
  const idOf = (req: Request) => routeId(req.params.id);
  const schema = investmentSchema(deps.config.map.bounds);
  const map = { tiles: deps.config.map.tileUrl, attribution: deps.config.map.tileAttribution, bounds: deps.config.map.bounds, picker: 'latitude,longitude' };

  async function renderEditor(req: Request, res: Response, view: { id?: number; values: FormValues; errors?: FieldErrors }) {
    renderForm(res, 'panel/investments/form', {
      investmentId: view.id ?? null,
      action: view.id ? urls.update({ id: view.id }) : urls.create(),
      isAdmin: req.user!.role === 'ADMIN',
      options: await service.formOptions(deps.db, req.user!),
      statuses: STATUSES,
      map,
      values: view.values,
      breadcrumbs: crumbs({ key: view.id ? 'panel.investments.edit' : 'panel.investments.new' }),
    }, view.errors);
  }

  async function save(req: Request, res: Response, id: number | undefined) {
    const parsed = parseForm(schema, req.body);
    if (!parsed.ok) return renderEditor(req, res, { ...(id ? { id } : {}), values: parsed.values, errors: parsed.errors });
    await withFormRefusal(async () => {
      const saved = id ? (await service.updateInvestment(ctx(req), id, parsed.data), { id }) : await service.createInvestment(ctx(req), parsed.data);
      flash(req, id ? 'panel.investments.flash.updated' : 'panel.investments.flash.created');
      res.redirect(303, urls.show(saved));
    }, (errors) => renderEditor(req, res, { ...(id ? { id } : {}), values: safeValues(req.body), errors }));
  }

  async function renderShow(req: Request, res: Response, id: number, errors: FieldErrors = {}) {
    const i = await service.getForPanel(ctx(req), id);
    const publicUrl = i.publication === 'PUBLISHED' ? investmentUrls.show(i) : null;
    renderForm(res, 'panel/investments/show', { i, urls, publicUrl, values: safeValues(req.body), breadcrumbs: crumbs({ label: i.title }) }, errors);
  }

  const list: RequestHandler = async (req, res) => {
    const { strona } = listQuerySchema.parse(req.query);
    const { rows, total } = await service.listForStaff(ctx(req), strona);
    res.render('panel/investments/list', {
      rows: rows.map((row) => ({ ...row, href: urls.show(row) })),
      newHref: urls.new(),
      pagination: pageLinks(urls.list(), {}, pageOf(rows, total, strona, 20)),
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'panel.investments.title' }],
    });
  };

  const newForm: RequestHandler = async (req, res) => renderEditor(req, res, { values: { status: 'PLANNED', departmentId: String(req.user!.departmentId ?? '') } });
  const create: RequestHandler = async (req, res) => save(req, res, undefined);
  const show: RequestHandler = async (req, res) => renderShow(req, res, idOf(req));

  const editForm: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await renderEditor(req, res, { id, values: service.formValues(await service.getForPanel(ctx(req), id)) });
  };

  const update: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.getForPanel(ctx(req), id); // 404 / 403 before reading the form
    await save(req, res, id);
  };

  /** Publish, withdraw, archive, restore: no form fields, a flash and back to the page. */
  const stateChange = (change: (c: ReturnType<typeof ctx>, id: number) => Promise<void>, message: MessageKey): RequestHandler => async (req, res) => {
    const id = idOf(req);
    await change(ctx(req), id);
    flash(req, message);
    res.redirect(303, urls.show({ id }));
  };

  const addUpdate: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.getForPanel(ctx(req), id);
    const parsed = parseForm(progressSchema, req.body);
    if (!parsed.ok) return renderShow(req, res, id, parsed.errors);
    if (!(await withFormRefusal(() => service.addProgressUpdate(ctx(req), id, parsed.data), (errors) => renderShow(req, res, id, errors)))) return;
    flash(req, 'panel.investments.flash.progressAdded');
    res.redirect(303, `${urls.show({ id })}#postepy`);
  };

  const removeUpdate: RequestHandler = async (req, res) => {
    const id = idOf(req);
    const { title } = await service.removeProgressUpdate(ctx(req), id, routeId(req.params.updateId));
    flash(req, 'panel.investments.flash.progressRemoved', { title });
    res.redirect(303, `${urls.show({ id })}#postepy`);
  };

  /** The public page of a draft or archived investment, for its department only. */
  const preview: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.getForPanel(ctx(req), id);
    const now = deps.clock.now();
    const view = investmentDetailView(viewFormat(localeOf(req)), await findInvestmentForPreview(deps.db, id), now);
    res.set('Cache-Control', 'private, no-store').render('investments/show', {
      i: view,
      preview: true,
      map: view.point ? { ...map, picker: undefined, point: view.point, label: view.title } : null,
      breadcrumbs: crumbs({ label: view.title, href: urls.show({ id }) }, { key: 'panel.investments.preview' }),
    });
  };

  return {
    list, newForm, create, show, editForm, update, addUpdate, removeUpdate, preview,
    publish: stateChange(service.publishInvestment, 'panel.investments.flash.published'),
    unpublish: stateChange(service.unpublishInvestment, 'panel.investments.flash.unpublished'),
    archive: stateChange(service.archiveInvestment, 'panel.investments.flash.archived'),
    restore: stateChange(service.restoreInvestment, 'panel.investments.flash.restored'),
  };
}
