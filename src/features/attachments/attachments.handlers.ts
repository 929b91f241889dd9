// Panel pages of the documents and gallery of a record (a consultation, a news article): the list with
// its upload form, editing, replacing, reordering and deleting a file. One set of handlers serves both
// lists (a Section each) of every owner (an AttachmentHost each).
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { AttachmentKind } from '../../generated/prisma/enums.js';
import { BadRequestError, FormError, type FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues } from '../../http/forms.js';
import { routeId } from '../../http/params.js';
import { discardUploads, throwIfUploadRefused, uploadedFiles } from '../../http/uploads.js';
import type { MessageKey } from '../../i18n/pl.js';
import { ConflictError } from '../../http/errors.js';
import { findManageableConsultation } from '../consultations/consultations.policy.js';
import { panelUrls } from '../consultations/panel-consultations.urls.js';
import { attachmentUrlsUnder, type SectionPath } from './attachment-urls.js';
import { documentDetailsSchema, imageDetailsSchema, moveSchema } from './attachments.schema.js';
import * as service from './attachments.service.js';
import { acceptAttribute, typeLabels } from './file-types.js';
import { allowedTypes } from './incoming.js';
import { queueDocumentHtml } from '../documents/document-html.service.js';

export interface Section {
  kind: AttachmentKind;
  path: SectionPath;
  /** The upload form's file input: several documents at once, or one photo with its details. */
  fileField: 'files' | 'file';
  maxFiles: number;
  view: string;
  titleKey: MessageKey;
}

export const SECTIONS = {
  documents: { kind: 'DOCUMENT', path: 'dokumenty', fileField: 'files', maxFiles: 10, view: 'panel/attachments/documents', titleKey: 'attachments.documents.title' },
  gallery: { kind: 'IMAGE', path: 'galeria', fileField: 'file', maxFiles: 1, view: 'panel/attachments/gallery', titleKey: 'attachments.gallery.title' },
} as const satisfies Record<string, Section>;

interface Crumb {
  key?: MessageKey;
  label?: string;
  href?: string;
}

/** The record whose files these are: loaded and authorised from the request (404 / 403), and where it lives. */
export interface AttachmentHost<R extends { id: number; title: string } = { id: number; title: string }> {
  load(req: Request): Promise<R>;
  owner(record: R): service.AttachmentOwner;
  /** The panel path the lists hang under, e.g. /panel/konsultacje/5. */
  base(record: R): string;
  /** "Konsultacja" / "Aktualność" before the record's title. */
  labelKey: MessageKey;
  showUrl(record: R): string;
  /** Breadcrumbs up to and including the record. */
  breadcrumbs(record: R): Crumb[];
}

type Consultation = Awaited<ReturnType<typeof findManageableConsultation>>;

export function consultationAttachmentHost(deps: Deps): AttachmentHost<Consultation> {
  return {
    load: async (req) => {
      const consultation = await findManageableConsultation(deps.db, req.user!, routeId(req.params.id));
      // An archived consultation is a closed record: its files can be seen but not changed.
      if (req.method === 'POST' && consultation.archivedAt) throw new ConflictError('panel.consultations.archivedReadOnly');
      return consultation;
    },
    owner: (c) => ({ consultationId: c.id }),
    base: (c) => `/panel/konsultacje/${c.id}`,
    labelKey: 'attachments.consultation',
    showUrl: (c) => panelUrls.show(c),
    breadcrumbs: (c) => [{ key: 'panel.title', href: '/panel' }, { key: 'panel.consultations.title', href: panelUrls.list() }, { label: c.title, href: panelUrls.show(c) }],
  };
}

export function attachmentHandlers<R extends { id: number; title: string }>(deps: Deps, section: Section, host: AttachmentHost<R>) {
  type Consultation = R;
  const urls = (c: R) => attachmentUrlsUnder(host.base(c));
  const ctx = { db: deps.db, storage: deps.storage };
  const acting = (req: Request): service.Acting => ({ userId: req.user!.id, ip: req.ip });
  const isImage = section.kind === 'IMAGE';
  const detailsSchema = isImage ? imageDetailsSchema : documentDetailsSchema;
  const types = allowedTypes(section.kind);
  const limits = { formats: typeLabels(types), accept: acceptAttribute(types), maxFileBytes: deps.config.uploads.maxFileBytes, maxFiles: section.maxFiles };
  const listUrl = (c: Consultation) => urls(c).list(section.path);

  const loadConsultation = (req: Request) => host.load(req);
  async function loadFile(req: Request) {
    const consultation = await loadConsultation(req);
    const file = await service.findAttachment(deps.db, host.owner(consultation), section.kind, routeId(req.params.fileId));
    return { consultation, file };
  }

  const page = (c: Consultation, last?: MessageKey) => ({
    consultation: { id: c.id, title: c.title, url: host.showUrl(c), labelKey: host.labelKey },
    sections: [
      { key: 'attachments.documents.title', href: urls(c).list('dokumenty'), current: section.path === 'dokumenty' },
      { key: 'attachments.gallery.title', href: urls(c).list('galeria'), current: section.path === 'galeria' },
    ],
    limits,
    breadcrumbs: [
      ...host.breadcrumbs(c),
      { key: section.titleKey, href: listUrl(c) },
      ...(last ? [{ key: last }] : []),
    ],
  });

  async function renderList(res: Response, c: Consultation, values: FormValues = {}, errors: FieldErrors = {}, status = 422) {
    const files = await service.listAttachments(deps.db, host.owner(c), section.kind);
    const rows = files.map((f, i) => ({ ...f, editUrl: urls(c).edit(section.path, f), moveUrl: urls(c).move(section.path, f), removeUrl: urls(c).remove(section.path, f), first: i === 0, last: i === files.length - 1 }));
    renderForm(res, section.view, { ...page(c), files: rows, uploadUrl: urls(c).upload(section.path), fileField: section.fileField, values }, errors, status);
  }

  function renderEdit(res: Response, c: Consultation, file: service.AttachmentRow, values: FormValues, errors: FieldErrors = {}, status = 422) {
    const links = { update: urls(c).update(section.path, file), replace: urls(c).replace(section.path, file), remove: urls(c).remove(section.path, file), list: listUrl(c) };
    const titleKey = isImage ? 'attachments.edit.imageTitle' : 'attachments.edit.documentTitle';
    renderForm(res, 'panel/attachments/edit', { ...page(c, titleKey), titleKey, isImage, file: service.attachmentView(file), links, values }, errors, status);
  }

  const detailsOf = (file: service.AttachmentRow) => ({ title: file.title, description: file.description, altText: file.altText });

  const list: RequestHandler = async (req, res) => {
    await renderList(res, await loadConsultation(req));
  };

  const upload: RequestHandler = async (req, res) => {
    const consultation = await loadConsultation(req);
    try {
      throwIfUploadRefused(req);
      const files = uploadedFiles(req);
      // A photo comes with its details; documents are described after upload.
      const details = isImage ? parseForm(imageDetailsSchema, req.body) : ({ ok: true, data: undefined } as const);
      // In the order of the form: a photo's details come before its file.
      const errors: FieldErrors = details.ok ? {} : { ...details.errors };
      if (files.length === 0) errors[section.fileField] = [isImage ? 'attachments.error.noFile' : 'attachments.error.noFiles'];
      if (Object.keys(errors).length > 0) throw new FormError(errors);
      const added = await service.addAttachments(ctx, acting(req), host.owner(consultation), section.kind, files, section.fileField, details.ok ? details.data : undefined);
      if (!isImage) await queueDocumentHtml(deps.jobs, added);
      if (added.length === 1) flash(req, 'attachments.flash.added', { name: added[0]!.originalName });
      else flash(req, 'attachments.flash.addedMany', { count: String(added.length) });
      res.redirect(303, listUrl(consultation));
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      await discardUploads(req);
      await renderList(res, consultation, safeValues(req.body), error.fieldErrors, error.status);
    }
  };

  const editForm: RequestHandler = async (req, res) => {
    const { consultation, file } = await loadFile(req);
    renderEdit(res, consultation, file, detailsOf(file));
  };

  const update: RequestHandler = async (req, res) => {
    const { consultation, file } = await loadFile(req);
    const parsed = parseForm(detailsSchema, req.body);
    if (!parsed.ok) return renderEdit(res, consultation, file, parsed.values, parsed.errors);
    await service.updateDetails(ctx, acting(req), file, parsed.data);
    flash(req, 'attachments.flash.updated');
    res.redirect(303, listUrl(consultation));
  };

  const replace: RequestHandler = async (req, res) => {
    const { consultation, file } = await loadFile(req);
    try {
      throwIfUploadRefused(req);
      const [upload] = uploadedFiles(req);
      if (!upload) throw new FormError({ file: ['attachments.error.noFile'] });
      const replaced = await service.replaceFile(ctx, acting(req), file, upload, 'file');
      if (file.kind === 'DOCUMENT') await queueDocumentHtml(deps.jobs, [{ id: file.id, originalName: replaced.originalName }]);
      flash(req, 'attachments.flash.replaced', { name: replaced.originalName });
      res.redirect(303, listUrl(consultation));
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      await discardUploads(req);
      renderEdit(res, consultation, file, detailsOf(file), error.fieldErrors, error.status);
    }
  };

  const move: RequestHandler = async (req, res) => {
    const { consultation, file } = await loadFile(req);
    const parsed = moveSchema.safeParse(req.body);
    if (!parsed.success) throw new BadRequestError();
    if (await service.moveAttachment(ctx, acting(req), file, parsed.data.direction)) flash(req, 'attachments.flash.moved');
    res.redirect(303, `${listUrl(consultation)}#plik-${file.id}`);
  };

  const removeForm: RequestHandler = async (req, res) => {
    const { consultation, file } = await loadFile(req);
    res.render('panel/attachments/remove', { ...page(consultation, 'attachments.remove.heading'), file: service.attachmentView(file), links: { remove: urls(consultation).remove(section.path, file), list: listUrl(consultation) } });
  };

  const remove: RequestHandler = async (req, res) => {
    const { consultation, file } = await loadFile(req);
    await service.deleteAttachment(ctx, acting(req), file);
    flash(req, 'attachments.flash.deleted', { name: file.originalName });
    res.redirect(303, listUrl(consultation));
  };

  return { list, upload, editForm, update, replace, move, removeForm, remove };
}
