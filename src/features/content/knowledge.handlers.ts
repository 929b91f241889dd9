// The knowledge base: the public list and guide pages, and the administrators' editor (with preview).
// A guide's files are the shared attachments pages under /panel/baza-wiedzy/:id (knowledge.routes).
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, type FormValues } from '../../http/forms.js';
import { routeId, routeSlug } from '../../http/params.js';
import type { MessageKey } from '../../i18n/pl.js';
import type { AttachmentHost } from '../attachments/attachments.handlers.js';
import { publicDocuments } from '../attachments/attachments.service.js';
import { guideSchema } from './knowledge.schema.js';
import * as service from './knowledge.service.js';

export const knowledgeUrls = {
  list: () => '/baza-wiedzy',
  guide: (g: { slug: string }) => `/baza-wiedzy/${g.slug}`,
  panelList: () => '/panel/baza-wiedzy',
  panelNew: () => '/panel/baza-wiedzy/nowy',
  panelGuide: (g: { id: number }) => `/panel/baza-wiedzy/${g.id}`,
};

const PANEL_CRUMBS: { key: MessageKey; href: string }[] = [{ key: 'panel.title', href: '/panel' }, { key: 'panel.knowledge.title', href: knowledgeUrls.panelList() }];

type Guide = Awaited<ReturnType<typeof service.guideById>>;

/** The guide as the owner of its files, for the shared attachments pages. */
export function guideAttachmentHost(deps: Deps): AttachmentHost<Guide> {
  return {
    load: (req) => service.guideById(deps.db, routeId(req.params.id)),
    owner: (g) => ({ guideId: g.id }),
    base: (g) => knowledgeUrls.panelGuide(g),
    labelKey: 'panel.knowledge.owner',
    showUrl: (g) => knowledgeUrls.panelGuide(g),
    breadcrumbs: (g) => [...PANEL_CRUMBS, { label: g.title, href: knowledgeUrls.panelGuide(g) }],
  };
}

export function knowledgeHandlers(deps: Deps) {
  const { db } = deps;
  const ctx = (req: Request) => ({ db, actor: req.user!, ip: req.ip });

  const byAudience = async () => {
    const guides = await service.listGuides(db);
    return service.GUIDE_AUDIENCES.map((audience) => ({ audience, guides: guides.filter((g) => g.audience === audience) }));
  };

  const list: RequestHandler = async (_req, res) => {
    const sections = (await byAudience()).map((s) => ({ ...s, guides: s.guides.map((g) => ({ ...g, href: knowledgeUrls.guide(g) })) }));
    res.render('content/knowledge', { sections, breadcrumbs: [{ key: 'page.knowledge' }] });
  };

  const guide: RequestHandler = async (req, res) => {
    const g = await service.guideBySlug(db, routeSlug(req.params.slug));
    const documents = await publicDocuments(db, { guideId: g.id }, res.locals.formatFileSize as (bytes: number) => string);
    res.render('content/page', {
      title: g.title,
      bodyHtml: g.bodyHtml,
      updatedAt: g.updatedAt,
      documents,
      back: { href: knowledgeUrls.list(), key: 'knowledge.back' },
      breadcrumbs: [{ key: 'page.knowledge', href: knowledgeUrls.list() }, { label: g.title }],
    });
  };

  const panelList: RequestHandler = async (_req, res) => {
    const sections = (await byAudience()).map((s) => ({ ...s, guides: s.guides.map((g) => ({ ...g, href: knowledgeUrls.panelGuide(g), filesHref: `${knowledgeUrls.panelGuide(g)}/dokumenty`, publicHref: knowledgeUrls.guide(g) })) }));
    res.render('panel/content/knowledge-list', { sections, newHref: knowledgeUrls.panelNew(), breadcrumbs: [PANEL_CRUMBS[0], { key: 'panel.knowledge.title' }] });
  };

  interface FormView {
    guide: Guide | null;
    values: FormValues;
    errors?: FieldErrors | undefined;
    previewHtml?: string | undefined;
  }

  function renderGuideForm(res: Response, view: FormView) {
    const heading = view.guide ? res.locals.t('panel.knowledge.editTitle', { title: view.guide.title }) : res.locals.t('panel.knowledge.newTitle');
    renderForm(
      res,
      'panel/content/page-form',
      {
        formHeading: heading,
        action: view.guide ? knowledgeUrls.panelGuide(view.guide) : knowledgeUrls.panelList(),
        cancelHref: knowledgeUrls.panelList(),
        guideFields: { audiences: service.GUIDE_AUDIENCES, filesHref: view.guide ? `${knowledgeUrls.panelGuide(view.guide)}/dokumenty` : null },
        values: view.values,
        previewHtml: view.previewHtml ?? null,
        breadcrumbs: [...PANEL_CRUMBS, view.guide ? { label: view.guide.title } : { key: 'panel.knowledge.newTitle' }],
      },
      view.errors,
    );
  }

  const newForm: RequestHandler = (_req, res) => {
    renderGuideForm(res, { guide: null, values: { audience: 'RESIDENTS' } });
  };

  const editForm: RequestHandler = async (req, res) => {
    const g = await service.guideById(db, routeId(req.params.id));
    renderGuideForm(res, { guide: g, values: { title: g.title, audience: g.audience, summary: g.summary, bodyMd: g.bodyMd } });
  };

  const create: RequestHandler = async (req, res) => {
    const parsed = parseForm(guideSchema, req.body);
    if (!parsed.ok) return renderGuideForm(res, { guide: null, values: parsed.values, errors: parsed.errors });
    if (parsed.data.action === 'podglad') return renderGuideForm(res, { guide: null, values: parsed.data, previewHtml: service.previewGuide(parsed.data.bodyMd) });
    const created = await service.createGuide(ctx(req), parsed.data);
    flash(req, 'panel.knowledge.created', { title: created.title });
    res.redirect(303, `${knowledgeUrls.panelGuide(created)}/dokumenty`);
  };

  const update: RequestHandler = async (req, res) => {
    const g = await service.guideById(db, routeId(req.params.id));
    const parsed = parseForm(guideSchema, req.body);
    if (!parsed.ok) return renderGuideForm(res, { guide: g, values: parsed.values, errors: parsed.errors });
    if (parsed.data.action === 'podglad') return renderGuideForm(res, { guide: g, values: parsed.data, previewHtml: service.previewGuide(parsed.data.bodyMd) });
    await service.updateGuide(ctx(req), g.id, parsed.data);
    flash(req, 'panel.knowledge.saved', { title: parsed.data.title });
    res.redirect(303, knowledgeUrls.guide(g));
  };

  return { list, guide, panelList, newForm, editForm, create, update };
}
