// "Poproś o dokument w innym formacie": the residents' form next to every public document, and the
// panel list of requests for the staff who own the documents.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues } from '../../http/forms.js';
import { pageLinks, pageOf, pageParam } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { createRateLimit } from '../../http/rate-limits.js';
import { AlternativeFormat } from '../../generated/prisma/enums.js';
import { formatRequestSchema } from './format-requests.schema.js';
import * as service from './format-requests.service.js';

/** A person asks for a few documents at a time; a robot for hundreds. Per IP address and hour. */
export const MAX_REQUESTS_PER_IP_PER_HOUR = 10;
const PAGE_SIZE = 20;

export const formatRequestUrls = {
  form: (attachment: { id: number }) => `/dokumenty/${attachment.id}/inny-format`,
  sent: (attachment: { id: number }) => `/dokumenty/${attachment.id}/inny-format/wyslano`,
  panelList: () => '/panel/prosby-o-format',
  handled: (r: { id: number }) => `/panel/prosby-o-format/${r.id}/zalatwiona`,
};

const isRobot = (req: Request) => Boolean((req.body as Record<string, unknown> | undefined)?.strona_www);

export function formatRequestHandlers(deps: Deps) {
  const { db, clock } = deps;
  const perIp = createRateLimit(deps.pool, 'format_request_ip', MAX_REQUESTS_PER_IP_PER_HOUR, 60 * 60);
  const load = (req: Request) => service.requestedDocument(db, routeId(req.params.id), clock.now());

  function renderRequestForm(res: Response, doc: service.RequestedDocument, values: FormValues, errors: FieldErrors = {}, status = 422) {
    renderForm(res, 'format-requests/form', {
      doc,
      action: formatRequestUrls.form(doc),
      formats: Object.values(AlternativeFormat),
      values,
      breadcrumbs: [{ key: 'formatRequest.document', href: doc.pageUrl }, { key: 'formatRequest.title' }],
    }, errors, status);
  }

  const form: RequestHandler = async (req, res) => {
    renderRequestForm(res, await load(req), { contact: 'email' });
  };

  const submit: RequestHandler = async (req, res) => {
    const doc = await load(req);
    const done = (withEmail: boolean) => res.redirect(303, `${formatRequestUrls.sent(doc)}${withEmail ? '?email=1' : ''}`);
    // A robot filled the field people never see: it gets the same answer, and nothing is written.
    if (isRobot(req)) return done(false);
    const parsed = parseForm(formatRequestSchema, req.body);
    if (!parsed.ok) return renderRequestForm(res, doc, parsed.values, parsed.errors);
    const wait = await perIp.take(req.ip ?? 'unknown');
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      res.set('Retry-After', String(seconds));
      return renderRequestForm(res, doc, safeValues(req.body), { format: [`formatRequest.tooMany?minutes=${Math.ceil(seconds / 60)}`] }, 429);
    }
    await service.submitFormatRequest({ db, pool: deps.pool, jobs: deps.jobs, now: clock.now() }, doc, parsed.data);
    done(parsed.data.email !== null);
  };

  const sent: RequestHandler = async (req, res) => {
    const doc = await load(req);
    res.render('format-requests/sent', { doc, withEmail: req.query.email === '1', breadcrumbs: [{ key: 'formatRequest.document', href: doc.pageUrl }, { key: 'formatRequest.sent.title' }] });
  };

  const panelList: RequestHandler = async (req, res) => {
    const page = pageParam.parse(req.query.strona);
    const { items, total } = await service.listRequests(db, req.user!, page, PAGE_SIZE);
    const now = clock.now();
    const rows = items.map((r) => ({ ...r, overdue: !r.handledAt && r.dueAt < now, handledUrl: formatRequestUrls.handled(r) }));
    res.render('panel/format-requests/list', {
      rows,
      pagination: pageLinks(formatRequestUrls.panelList(), {}, pageOf(rows, total, page, PAGE_SIZE)),
      breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'panel.formatRequests.title' }],
    });
  };

  const markHandled: RequestHandler = async (req, res) => {
    await service.markHandled({ db, actor: req.user!, ip: req.ip, now: clock.now() }, routeId(req.params.id));
    flash(req, 'panel.formatRequests.marked');
    res.redirect(303, formatRequestUrls.panelList());
  };

  return { form, submit, sent, panelList, markHandled };
}
