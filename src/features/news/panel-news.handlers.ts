// Panel pages of news: list, editor with preview, the article's page (publish, withdraw, files), delete.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { pageLinks, pageOf } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { newsUrls, panelNewsUrls as urls } from './news.urls.js';
import { listQuerySchema, newsSchema, publishSchema } from './panel-news.schema.js';
import * as service from './panel-news.service.js';

const crumbs = (last: { key: string } | { label: string }) => [{ key: 'panel.title', href: '/panel' }, { key: 'panel.news.title', href: urls.list() }, last];

export function panelNewsHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, actor: req.user!, ip: req.ip, now: deps.clock.now() });
  const idOf = (req: Request) => routeId(req.params.id);

  async function renderEditor(req: Request, res: Response, view: { id?: number; values: FormValues; errors?: FieldErrors; preview?: ReturnType<typeof service.previewOf> }) {
    renderForm(res, 'panel/news/form', {
      newsId: view.id ?? null,
      action: view.id ? urls.update({ id: view.id }) : urls.create(),
      isAdmin: req.user!.role === 'ADMIN',
      districts: await service.districtOptions(deps.db, req.user!),
      preview: view.preview ?? null,
      values: view.values,
      breadcrumbs: crumbs({ key: view.id ? 'panel.news.edit' : 'panel.news.new' }),
    }, view.errors);
  }

  /** Saves (create or update) or, for the preview button, shows the rendered article without saving. */
  async function save(req: Request, res: Response, id: number | undefined) {
    const parsed = parseForm(newsSchema, req.body);
    if (!parsed.ok) return renderEditor(req, res, { ...(id ? { id } : {}), values: parsed.values, errors: parsed.errors });
    if (parsed.data.action === 'podglad') return renderEditor(req, res, { ...(id ? { id } : {}), values: safeValues(req.body), preview: service.previewOf(parsed.data) });
    await withFormRefusal(async () => {
      const saved = id ? (await service.updateNews(ctx(req), id, parsed.data), { id }) : await service.createNews(ctx(req), parsed.data);
      flash(req, id ? 'panel.news.flash.updated' : 'panel.news.flash.created');
      res.redirect(303, urls.show(saved));
    }, (errors) => renderEditor(req, res, { ...(id ? { id } : {}), values: safeValues(req.body), errors }));
  }

  async function renderShow(req: Request, res: Response, id: number, errors: FieldErrors = {}) {
    const n = await service.getForPanel(ctx(req), id);
    renderForm(res, 'panel/news/show', { n, urls, publicUrl: n.status === 'PUBLISHED' ? newsUrls.show(n) : null, values: safeValues(req.body), breadcrumbs: crumbs({ label: n.title }) }, errors);
  }

  const list: RequestHandler = async (req, res) => {
    const { strona } = listQuerySchema.parse(req.query);
    const { rows, total } = await service.listForStaff(ctx(req), strona);
    res.render('panel/news/list', {
      rows: rows.map((row) => ({ ...row, href: urls.show(row) })),
      newHref: urls.new(),
      pagination: pageLinks(urls.list(), {}, pageOf(rows, total, strona, 20)),
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'panel.news.title' }],
    });
  };

  const newForm: RequestHandler = async (req, res) => renderEditor(req, res, { values: { districtId: String(req.user!.districtId ?? '') } });
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

  const publish: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.getForPanel(ctx(req), id);
    const parsed = parseForm(publishSchema, req.body);
    if (!parsed.ok) return renderShow(req, res, id, parsed.errors);
    if (!(await withFormRefusal(() => service.publishNews(ctx(req), id, parsed.data), (errors) => renderShow(req, res, id, errors)))) return;
    flash(req, parsed.data.when === 'teraz' ? 'panel.news.flash.published' : 'panel.news.flash.scheduled');
    res.redirect(303, urls.show({ id }));
  };

  const unpublish: RequestHandler = async (req, res) => {
    const id = idOf(req);
    await service.unpublishNews(ctx(req), id);
    flash(req, 'panel.news.flash.unpublished');
    res.redirect(303, urls.show({ id }));
  };

  const removeForm: RequestHandler = async (req, res) => {
    const n = await service.getForPanel(ctx(req), idOf(req));
    res.render('panel/news/remove', { n, urls, breadcrumbs: crumbs({ label: n.title }) });
  };

  const remove: RequestHandler = async (req, res) => {
    const { title } = await service.deleteNews({ ...ctx(req), storage: deps.storage }, idOf(req));
    flash(req, 'panel.news.flash.removed', { title });
    res.redirect(303, urls.list());
  };

  return { list, newForm, create, show, editForm, update, publish, unpublish, removeForm, remove };
}
