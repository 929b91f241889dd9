import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { pageLinks, pageOf } from '../../http/pagination.js';
import { ParticipationForm } from '../../generated/prisma/enums.js';
import { routeId } from '../../http/params.js';
import { consultationSchema, listQuerySchema, publishSchema, stateSchema } from './panel-consultations.schema.js';
import * as service from './panel-consultations.service.js';
import { panelUrls } from './panel-consultations.urls.js';

const FORMS = Object.values(ParticipationForm);

export function panelConsultationHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, actor: req.user!, ip: req.ip, now: deps.clock.now() });
  const idOf = (req: Request) => routeId(req.params.id);

  async function renderEditor(req: Request, res: Response, view: { id?: number; values: FormValues; errors?: FieldErrors }) {
    const options = await service.formOptions(deps.db);
    renderForm(res, 'panel/consultations/form', {
      consultationId: view.id ?? null,
      isAdmin: req.user!.role === 'ADMIN',
      options: { ...options, forms: FORMS },
      values: view.values,
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'panel.consultations.title', href: panelUrls.list() }, { key: view.id ? 'panel.consultations.edit' : 'panel.consultations.new' }],
    }, view.errors);
  }

  const list: RequestHandler = async (req, res) => {
    const { strona } = listQuerySchema.parse(req.query);
    const { rows, total } = await service.listForStaff(ctx(req), strona);
    res.render('panel/consultations/list', {
      rows: rows.map((row) => ({ ...row, href: panelUrls.show(row) })),
      pagination: pageLinks(panelUrls.list(), {}, pageOf(rows, total, strona, 20)),
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'panel.consultations.title' }],
    });
  };

  const newForm: RequestHandler = async (req, res) => {
    await renderEditor(req, res, { values: { scope: 'miasto', forms: ['ONLINE_FORM'], departmentId: String(req.user!.departmentId ?? '') } });
  };

  const create: RequestHandler = async (req, res) => {
    const parsed = parseForm(consultationSchema, req.body);
    if (!parsed.ok) return renderEditor(req, res, { values: parsed.values, errors: parsed.errors });
    await withFormRefusal(async () => {
      const { id } = await service.createConsultation(ctx(req), parsed.data);
      flash(req, 'panel.consultations.created');
      res.redirect(303, panelUrls.show({ id }));
    }, (errors) => renderEditor(req, res, { values: safeValues(req.body), errors }));
  };

  const show: RequestHandler = async (req, res) => {
    const consultation = await service.getForPanel(ctx(req), idOf(req));
    res.render('panel/consultations/show', {
      c: consultation,
      urls: panelUrls,
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'panel.consultations.title', href: panelUrls.list() }, { label: consultation.title }],
    });
  };

  const editForm: RequestHandler = async (req, res) => {
    const id = idOf(req);
    const consultation = await service.getForPanel(ctx(req), id);
    await renderEditor(req, res, { id, values: service.formValues(consultation) });
  };

  const update: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.getForPanel(ctx(req), id); // 404 / 403 before reading the form
    const parsed = parseForm(consultationSchema, req.body);
    if (!parsed.ok) return renderEditor(req, res, { id, values: parsed.values, errors: parsed.errors });
    await withFormRefusal(async () => {
      await service.updateConsultation(ctx(req), id, parsed.data);
      flash(req, 'panel.consultations.updated');
      res.redirect(303, panelUrls.show({ id }));
    }, (errors) => renderEditor(req, res, { id, values: safeValues(req.body), errors }));
  };

  /** Forms on the consultation's panel page (publish, state) re-render that page with their errors. */
  async function renderShowWithErrors(req: Request, res: Response, id: number, errors: FieldErrors) {
    const consultation = await service.getForPanel(ctx(req), id);
    res.status(422).render('panel/consultations/show', {
      c: consultation,
      urls: panelUrls,
      errors,
      values: safeValues(req.body),
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'panel.consultations.title', href: panelUrls.list() }, { label: consultation.title }],
    });
  }

  const publish: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.getForPanel(ctx(req), id);
    const parsed = parseForm(publishSchema, req.body);
    if (!parsed.ok) return renderShowWithErrors(req, res, id, parsed.errors);
    if (!(await withFormRefusal(() => service.publishConsultation(ctx(req), id, parsed.data), (errors) => renderShowWithErrors(req, res, id, errors)))) return;
    flash(req, parsed.data.when === 'teraz' ? 'panel.consultations.published' : 'panel.consultations.scheduled');
    res.redirect(303, panelUrls.show({ id }));
  };

  const unpublish: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.unpublishConsultation(ctx(req), id);
    flash(req, 'panel.consultations.unpublished');
    res.redirect(303, panelUrls.show({ id }));
  };

  const setState: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.getForPanel(ctx(req), id);
    const parsed = parseForm(stateSchema, req.body);
    if (!parsed.ok) return renderShowWithErrors(req, res, id, parsed.errors);
    await service.setConsultationState(ctx(req), id, parsed.data);
    flash(req, 'panel.consultations.stateChanged');
    res.redirect(303, panelUrls.show({ id }));
  };

  const archive: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.archiveConsultation(ctx(req), id);
    flash(req, 'panel.consultations.archived');
    res.redirect(303, panelUrls.show({ id }));
  };

  return { list, newForm, create, show, editForm, update, publish, unpublish, setState, archive };
}
