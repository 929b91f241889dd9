// The report: the public page (a preview for the consultation's staff until it is published) and,
// in the panel, the staff-written parts and publication.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, type FormValues, withFormRefusal } from '../../http/forms.js';
import { localeOf } from '../../http/locals.js';
import { routeId, routeSlug } from '../../http/params.js';
import { contentDisposition } from '../../http/content-disposition.js';
import { streamTabular, type TabularFormat } from '../../lib/tabular-export.js';
import { panelUrls } from '../consultations/panel-consultations.urls.js';
import { statusOf } from '../consultations/consultation-status.js';
import { viewFormat } from '../consultations/consultations.view.js';
import { reportSchema } from './remarks.schema.js';
import { findReport, publicRemarkRows, publishReport, reportFigures, reportForPanel, saveReport } from './reports.service.js';
import { reportContent } from './report-content.js';
import { storedReportPdf } from './report-pdf.service.js';
import { sendStored } from '../../http/send-file.js';
import { writeReportPdf } from './reports.pdf.js';
import { remarkColumns, remarkRowView, reportView } from './reports.view.js';
import { panelRemarkUrls, remarkUrls } from './remarks.urls.js';
import { reportDueDate } from './remarks.view.js';

export function reportHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, pool: deps.pool, jobs: deps.jobs, actor: req.user!, ip: req.ip, now: deps.clock.now() });
  const fmtOf = (req: Request) => viewFormat(localeOf(req));

  /** The report's content for the page and the downloads. */
  async function load(req: Request) {
    const { c, preview } = await findReport(deps.db, routeSlug(req.params.slug), deps.clock.now(), req.user);
    return { c, preview, view: await reportContent(deps.db, fmtOf(req), c, deps.clock.now()) };
  }

  /** Whether the published report's PDF is ready (a preview's is made on request). */
  const pdfState = async (c: { id: number }, preview: boolean) => (preview ? 'ready' : (await storedReportPdf(deps.db, deps.jobs, deps.pool, c.id)).state);

  const page: RequestHandler = async (req, res) => {
    const { c, preview, view } = await load(req);
    const pdfReady = (await pdfState(c, preview)) === 'ready';
    res.render('remarks/report', {
      r: { ...view, downloads: view.downloads.map((d) => ({ ...d, pending: d.format === 'PDF' && !pdfReady })) },
      preview: preview ? { back: panelRemarkUrls.report(c) } : null,
      title: view.title,
      breadcrumbs: [{ key: 'nav.consultations', href: '/konsultacje' }, { label: c.title, href: remarkUrls.consultation(c) }, { key: 'report.crumb' }],
    });
  };

  /** The published report's stored PDF, or a page saying it is being made; a staff preview is made on request. */
  const pdf: RequestHandler = async (req, res) => {
    const { c, preview } = await findReport(deps.db, routeSlug(req.params.slug), deps.clock.now(), req.user);
    const disposition = contentDisposition('attachment', `raport-${c.slug}.pdf`);
    if (preview) {
      const { view } = await load(req);
      // A preview must not be cached anywhere: it is not public yet.
      res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': disposition, 'Cache-Control': 'no-store' });
      return writeReportPdf(res, fmtOf(req), view, { name: deps.config.siteName, cityHall: deps.config.cityHallName });
    }
    const stored = await storedReportPdf(deps.db, deps.jobs, deps.pool, c.id);
    if (stored.state === 'pending') {
      res.status(202).set({ 'Retry-After': '30', 'Cache-Control': 'no-store' });
      return res.render('remarks/report-pdf-pending', { title: fmtOf(req).t('report.pdf.pendingTitle'), reportHref: remarkUrls.report(c), breadcrumbs: [{ key: 'nav.consultations', href: '/konsultacje' }, { label: c.title, href: remarkUrls.consultation(c) }, { key: 'report.crumb', href: remarkUrls.report(c) }, { key: 'report.pdf.pendingCrumb' }] });
    }
    await sendStored(res, deps.storage.pathOf(stored.storedName), { 'Content-Type': 'application/pdf', 'Content-Disposition': disposition, 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' });
  };

  /** The table of remarks, streamed from the database in batches, private persons anonymised. */
  const table =
    (format: TabularFormat): RequestHandler =>
    async (req, res) => {
      const { c } = await findReport(deps.db, routeSlug(req.params.slug), deps.clock.now(), req.user);
      const fmt = fmtOf(req);
      async function* rows() {
        for await (const r of publicRemarkRows(deps.db, c.id)) {
          const v = remarkRowView(fmt, r);
          yield [v.number, v.reference, v.who, v.received, v.part, v.content, v.proposal, v.justification, v.position, v.answer];
        }
      }
      await streamTabular(res, format, { fileName: `zestawienie-uwag-${c.slug}`, columns: remarkColumns(fmt), rows: rows(), sheetName: fmt.t('report.section.table') });
    };

  async function renderPanel(req: Request, res: Response, values: FormValues | null, errors: FieldErrors = {}) {
    const c = await reportForPanel(ctx(req), routeId(req.params.id));
    const [figures, unanswered] = await Promise.all([reportFigures(deps.db, c.id), deps.db.remark.count({ where: { consultationId: c.id, position: null } })]);
    const fmt = fmtOf(req);
    renderForm(res, 'panel/remarks/report', {
      c,
      status: statusOf(c, deps.clock.now()),
      due: fmt.formatDate(reportDueDate(c)),
      figures: reportView(fmt, c, figures, []).figures,
      unanswered,
      values: values ?? { informed: c.report?.informedMd ?? '', conclusions: c.report?.conclusionsMd ?? '', decision: c.report?.decisionMd ?? '' },
      urls: panelRemarkUrls,
      publicHref: remarkUrls.report(c),
      breadcrumbs: [
        { key: 'panel.title', href: '/panel' },
        { key: 'panel.consultations.title', href: panelUrls.list() },
        { label: c.title, href: panelUrls.show(c) },
        { key: 'report.panel.title' },
      ],
    }, errors);
  }

  const editForm: RequestHandler = (req, res) => renderPanel(req, res, null);

  const save: RequestHandler = async (req, res) => {
    const id = routeId(req.params.id);
    await reportForPanel(ctx(req), id);
    const parsed = parseForm(reportSchema, req.body);
    if (!parsed.ok) return renderPanel(req, res, parsed.values, parsed.errors);
    await saveReport(ctx(req), id, parsed.data);
    flash(req, 'report.panel.saved');
    res.redirect(303, panelRemarkUrls.report({ id }));
  };

  const publish: RequestHandler = async (req, res) => {
    const id = routeId(req.params.id);
    if (!(await withFormRefusal(async () => {
      const queued = await publishReport(ctx(req), id);
      flash(req, 'report.panel.published', { count: String(queued) });
    }, (errors) => renderPanel(req, res, null, errors)))) return;
    res.redirect(303, panelRemarkUrls.report({ id }));
  };

  return { page, pdf, csv: table('csv'), xlsx: table('xlsx'), editForm, save, publish };
}
