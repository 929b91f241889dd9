// The draft document: the public page with numbered fragments (each with its remarks and comments and a
// plain link to the remarks form), earlier versions, and the panel form where staff paste a new version.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import { NotFoundError, type FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, type FormValues } from '../../http/forms.js';
import { localeOf } from '../../http/locals.js';
import { routeId, routeSlug } from '../../http/params.js';
import { panelUrls } from '../consultations/panel-consultations.urls.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { draftPageView } from './drafts.view.js';
import { commentCountsByFragment, currentDraft, draftTextFromFile, draftVersion, draftVersions, publishDraft, remarkCountsByFragment } from './drafts.service.js';
import { discardUploads, throwIfUploadRefused, uploadedFiles } from '../../http/uploads.js';
import { FormError } from '../../http/errors.js';
import { draftSchema, DRAFT_MAX } from './remarks.schema.js';
import { findConsultationForRemarks, manageableConsultation } from './remarks.service.js';
import { panelRemarkUrls } from './remarks.urls.js';

const VERSION = /^wersja-([1-9]\d{0,4})$/;

export function draftHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, pool: deps.pool, actor: req.user!, ip: req.ip, now: deps.clock.now() });

  async function renderDraft(req: Request, res: Response, version?: number) {
    const c = await findConsultationForRemarks(deps.db, routeSlug(req.params.slug), deps.clock.now());
    const [current, versions] = await Promise.all([currentDraft(deps.db, c.id), draftVersions(deps.db, c.id)]);
    const draft = version === undefined || version === current?.version ? current : await draftVersion(deps.db, c.id, version);
    if (!draft || !current) throw new NotFoundError();
    const [remarks, comments] = await Promise.all([remarkCountsByFragment(deps.db, draft.id), commentCountsByFragment(deps.db, c.id)]);
    res.render('remarks/draft', draftPageView(viewFormat(localeOf(req)), { c, draft, current: draft.version === current.version, versions, remarks, comments }, version !== undefined));
  }

  const page: RequestHandler = (req, res) => renderDraft(req, res);

  const oldVersion: RequestHandler = async (req, res) => {
    const match = VERSION.exec(String(req.params.version));
    if (!match) throw new NotFoundError();
    await renderDraft(req, res, Number(match[1]));
  };

  async function renderEditor(req: Request, res: Response, values: FormValues | null, errors: FieldErrors = {}) {
    const c = await manageableConsultation(ctx(req), routeId(req.params.id));
    const [current, versions] = await Promise.all([currentDraft(deps.db, c.id), draftVersions(deps.db, c.id)]);
    renderForm(res, 'panel/remarks/draft', {
      c,
      versions,
      current: current ? { version: current.version, fragments: current.fragments.length } : null,
      values: values ?? { draftTitle: current?.title ?? '', draftSource: current?.sourceMd ?? '' },
      maxLength: DRAFT_MAX,
      urls: panelRemarkUrls,
      breadcrumbs: [
        { key: 'panel.title', href: '/panel' },
        { key: 'panel.consultations.title', href: panelUrls.list() },
        { label: c.title, href: panelUrls.show(c) },
        { key: 'drafts.panel.title' },
      ],
    }, errors);
  }

  const editForm: RequestHandler = (req, res) => renderEditor(req, res, null);

  const publish: RequestHandler = async (req, res) => {
    const c = await manageableConsultation(ctx(req), routeId(req.params.id), { write: true });
    const parsed = parseForm(draftSchema, req.body);
    if (!parsed.ok) return renderEditor(req, res, parsed.values, parsed.errors);
    const version = await publishDraft(ctx(req), c.id, parsed.data);
    flash(req, 'drafts.panel.published', { version: String(version) });
    res.redirect(303, panelRemarkUrls.draft(c));
  };

  /** A DOCX's or ODT's text put into the editor for staff to check and publish; nothing is saved, the file is deleted. */
  const importFile: RequestHandler = async (req, res) => {
    // The file goes before anything is answered, so none of it outlives the request.
    let outcome: { consultationId: number; text: string } | { errors: FieldErrors };
    try {
      const c = await manageableConsultation(ctx(req), routeId(req.params.id), { write: true });
      throwIfUploadRefused(req);
      const [file] = uploadedFiles(req);
      outcome = file ? { consultationId: c.id, text: await draftTextFromFile(file) } : { errors: { draftFile: ['drafts.validation.docxMissing'] } };
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      outcome = { errors: error.fieldErrors };
    } finally {
      await discardUploads(req);
    }
    if ('errors' in outcome) return renderEditor(req, res, null, outcome.errors);
    const current = await currentDraft(deps.db, outcome.consultationId);
    res.locals.flashMessages = [{ kind: 'info', key: 'drafts.panel.imported' }];
    await renderEditor(req, res, { draftTitle: current?.title ?? '', draftSource: outcome.text });
  };

  return { page, oldVersion, editForm, publish, importFile };
}
