// The annual plan: the public page by month (year switcher as a GET parameter) and the panel's
// editing, with the one-step start of an item as a draft consultation.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { routeId } from '../../http/params.js';
import { can } from '../../http/permissions.js';
import { warsawParts } from '../../lib/dates.js';
import { panelUrls as consultationPanelUrls } from '../consultations/panel-consultations.urls.js';
import { departmentOptions } from './panel-requests.service.js';
import * as service from './plan.service.js';
import { planItemSchema, yearQuerySchema } from './requests.schema.js';
import { planUrls } from './requests.urls.js';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
type PlanRow = Awaited<ReturnType<typeof service.planForYear>>[number];

/** Items grouped by month, in calendar order; empty months are left out. */
function byMonth<T extends PlanRow>(rows: T[]) {
  return MONTHS.map((month) => ({ month, items: rows.filter((r) => r.month === month) })).filter((m) => m.items.length > 0);
}

export function planHandlers(deps: Deps) {
  const { db } = deps;
  const currentYear = () => Number(warsawParts(deps.clock.now()).date.slice(0, 4));
  const ctx = (req: Request) => ({ db, actor: req.user!, ip: req.ip, now: deps.clock.now() });

  async function yearView(req: Request) {
    const { rok } = yearQuerySchema(currentYear()).parse(req.query);
    const [rows, years] = await Promise.all([service.planForYear(db, rok), service.planYears(db, currentYear())]);
    return { year: rok, years: years.includes(rok) ? years : [...years, rok].sort((a, b) => b - a), rows };
  }

  const page: RequestHandler = async (req, res) => {
    const { year, years, rows } = await yearView(req);
    const now = deps.clock.now();
    const items = rows.map((r) => ({ ...r, consultation: r.consultation?.publishedAt && r.consultation.publishedAt <= now ? r.consultation : null, started: r.consultation !== null }));
    res.render('plan/index', { year, years, months: byMonth(items), total: rows.length, breadcrumbs: [{ key: 'nav.consultations', href: '/konsultacje' }, { key: 'plan.title' }] });
  };

  const panelList: RequestHandler = async (req, res) => {
    const { year, years, rows } = await yearView(req);
    const items = rows.map((r) => ({
      ...r,
      editHref: planUrls.edit(r),
      consultationHref: r.consultation && can(req.user, 'consultations:manage', { departmentId: r.departmentId }) ? consultationPanelUrls.show(r.consultation) : null,
    }));
    res.render('panel/plan/list', { year, years, months: byMonth(items), total: rows.length, newHref: planUrls.newItem(year), urls: planUrls, breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'plan.panel.title' }] });
  };

  async function renderForm_(res: Response, view: { id?: number; values: FormValues; errors?: FieldErrors }) {
    renderForm(res, 'panel/plan/form', {
      itemId: view.id ?? null,
      action: view.id ? planUrls.update({ id: view.id }) : planUrls.create(),
      removeAction: view.id ? planUrls.remove({ id: view.id }) : null,
      departments: await departmentOptions(db),
      months: MONTHS,
      values: view.values,
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'plan.panel.title', href: planUrls.panel() }, { key: view.id ? 'plan.panel.edit' : 'plan.panel.new' }],
    }, view.errors);
  }

  const newForm: RequestHandler = async (req, res) => {
    const { rok } = yearQuerySchema(currentYear()).parse(req.query);
    await renderForm_(res, { values: { year: String(rok) } });
  };

  const editForm: RequestHandler = async (req, res) => {
    const item = await service.getItem(db, routeId(req.params.id));
    await renderForm_(res, { id: item.id, values: { title: item.title, description: item.description, departmentId: String(item.departmentId), year: String(item.year), month: String(item.month) } });
  };

  async function save(req: Request, res: Response, id?: number) {
    if (id) await service.getItem(db, id);
    const parsed = parseForm(planItemSchema, req.body);
    if (!parsed.ok) return renderForm_(res, { ...(id ? { id } : {}), values: parsed.values, errors: parsed.errors });
    if (!(await withFormRefusal(async () => {
      if (id) await service.updateItem(ctx(req), id, parsed.data);
      else await service.createItem(ctx(req), parsed.data);
    }, (errors) => renderForm_(res, { ...(id ? { id } : {}), values: safeValues(req.body), errors })))) return;
    flash(req, id ? 'plan.panel.flash.updated' : 'plan.panel.flash.created');
    res.redirect(303, planUrls.panel(parsed.data.year));
  }

  const create: RequestHandler = (req, res) => save(req, res);
  const update: RequestHandler = (req, res) => save(req, res, routeId(req.params.id));

  const remove: RequestHandler = async (req, res) => {
    const { year } = await service.deleteItem(ctx(req), routeId(req.params.id));
    flash(req, 'plan.panel.flash.removed');
    res.redirect(303, planUrls.panel(year));
  };

  const start: RequestHandler = async (req, res) => {
    const { year } = await service.startItem(ctx(req), routeId(req.params.id));
    flash(req, 'plan.panel.flash.started');
    res.redirect(303, planUrls.panel(year));
  };

  return { page, panelList, newForm, editForm, create, update, remove, start };
}
