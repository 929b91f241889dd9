// Administrators edit the duty pages: the structured accessibility statement and the Markdown pages
// (with a preview that saves nothing).
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, type FormValues } from '../../http/forms.js';
import { AccessibilityStatus } from '../../generated/prisma/enums.js';
import { CONTENT_PAGES, CONTENT_SLUGS, contentUrls, type ContentSlug } from './content-pages.js';
import { slugOf } from './content.handlers.js';
import { pageSchema, statementSchema } from './content.schema.js';
import * as service from './content.service.js';

const PANEL_CRUMBS = [{ key: 'panel.title', href: '/panel' }, { key: 'panel.content.title', href: contentUrls.panelList() }];

export function panelContentHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, actor: req.user!, ip: req.ip, now: deps.clock.now() });

  const list: RequestHandler = async (_req, res) => {
    const updates = await service.lastUpdates(deps.db);
    const pages = [
      { titleKey: 'page.accessibility', href: contentUrls.panelStatement(), publicHref: contentUrls.statement(), updatedAt: updates.statement },
      ...CONTENT_SLUGS.map((slug) => ({ titleKey: CONTENT_PAGES[slug].titleKey, href: contentUrls.panelPage(slug), publicHref: contentUrls.page(slug), updatedAt: updates.pages[slug] })),
    ];
    res.render('panel/content/list', { pages, breadcrumbs: [PANEL_CRUMBS[0], { key: 'panel.content.title' }] });
  };

  function renderStatementForm(res: Response, values: FormValues, errors?: FieldErrors) {
    renderForm(res, 'panel/content/statement-form', { values, statuses: Object.values(AccessibilityStatus), breadcrumbs: [...PANEL_CRUMBS, { key: 'page.accessibility' }] }, errors);
  }

  const statementForm: RequestHandler = async (_req, res) => {
    renderStatementForm(res, service.statementFormValues(await service.getStatement(deps.db, deps.clock.now())));
  };

  const updateStatement: RequestHandler = async (req, res) => {
    const parsed = parseForm(statementSchema, req.body);
    if (!parsed.ok) return renderStatementForm(res, parsed.values, parsed.errors);
    await service.updateStatement(ctx(req), parsed.data);
    flash(req, 'panel.statement.saved');
    res.redirect(303, contentUrls.statement());
  };

  function renderPageForm(res: Response, slug: ContentSlug, view: { values: FormValues; errors?: FieldErrors; previewHtml?: string }) {
    const titleKey = CONTENT_PAGES[slug].titleKey;
    renderForm(res, 'panel/content/page-form', {
      titleKey,
      action: contentUrls.panelPage(slug),
      publicHref: contentUrls.page(slug),
      values: view.values,
      previewHtml: view.previewHtml ?? null,
      breadcrumbs: [...PANEL_CRUMBS, { key: titleKey }],
    }, view.errors);
  }

  const pageForm: RequestHandler = async (req, res) => {
    const slug = slugOf(req.params.slug);
    const { bodyMd } = await service.getPage(deps.db, slug);
    renderPageForm(res, slug, { values: { bodyMd } });
  };

  const updatePage: RequestHandler = async (req, res) => {
    const slug = slugOf(req.params.slug);
    const parsed = parseForm(pageSchema, req.body);
    if (!parsed.ok) return renderPageForm(res, slug, { values: parsed.values, errors: parsed.errors });
    if (parsed.data.action === 'podglad') return renderPageForm(res, slug, { values: { bodyMd: parsed.data.bodyMd }, previewHtml: service.previewPage(parsed.data.bodyMd) });
    await service.updatePage(ctx(req), slug, parsed.data);
    flash(req, 'panel.content.saved');
    res.redirect(303, contentUrls.page(slug));
  };

  return { list, statementForm, updateStatement, pageForm, updatePage };
}
