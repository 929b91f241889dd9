// Public pages of requests for consultations: how to ask, the list, one request with its supporters'
// count and the support form, the resident's submission form, and the support confirmation link.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { pageLinks, pageOf } from '../../http/pagination.js';
import { routeId } from '../../http/params.js';
import { ParticipationForm } from '../../generated/prisma/enums.js';
import { CONFIRMATION_DAYS } from '../notifications/subscriber-tokens.js';
import { tokenSchema } from '../notifications/notifications.schema.js';
import { answerDeadline } from './deadlines.js';
import { checkSupportLink, confirmSupport, supportRequest } from './request-supports.service.js';
import { REQUEST_STATE_SLUGS, requestListQuerySchema, residentRequestSchema, supportSchema } from './requests.schema.js';
import { findPublicRequest, listPublicRequests, publicConsultationOf, submitResidentRequest } from './requests.service.js';
import { requestUrls } from './requests.urls.js';
import { deadlineLine, stateTag, supportersView } from './requests.view.js';

export const PARTICIPATION_FORMS = Object.values(ParticipationForm);
const CRUMBS = [{ key: 'requests.title', href: requestUrls.list() }];

export function requestHandlers(deps: Deps) {
  const { db, config } = deps;
  const settings = config.requests;
  const now = () => deps.clock.now();

  const list: RequestHandler = async (req, res) => {
    const query = requestListQuerySchema.parse(req.query);
    const { rows, total } = await listPublicRequests(db, { state: query.stan ? REQUEST_STATE_SLUGS[query.stan] : undefined }, query.strona);
    res.render('requests/list', {
      titleKey: 'requests.title',
      breadcrumbs: [{ key: 'requests.title' }],
      rules: settings,
      selected: query.stan ?? '',
      stateOptions: Object.entries(REQUEST_STATE_SLUGS).map(([value, state]) => ({ value, label: `requests.state.${state}` })),
      items: rows.map((r) => ({
        ...r,
        href: requestUrls.show(r),
        tag: stateTag(r.state),
        consultation: publicConsultationOf(r, now()),
        supporters: r.origin === 'RESIDENTS' ? supportersView(r.supporters, settings.supportThreshold) : null,
        deadline: deadlineLine(answerDeadline(r, now(), settings.answerDays)),
      })),
      total,
      newHref: requestUrls.new(),
      pagination: pageLinks(requestUrls.list(), { stan: query.stan }, pageOf(rows, total, query.strona, 20)),
    });
  };

  async function renderShow(res: Response, id: number, form: { values?: FormValues; errors?: FieldErrors; status?: number } = {}) {
    const r = await findPublicRequest(db, id);
    const deadline = answerDeadline(r, now(), settings.answerDays);
    renderForm(res, 'requests/show', {
      r: { ...r, tag: stateTag(r.state), consultation: publicConsultationOf(r, now()), consultationPending: r.consultation !== null && publicConsultationOf(r, now()) === null },
      supporters: r.origin === 'RESIDENTS' ? supportersView(r.supporters, settings.supportThreshold) : null,
      canSupport: r.origin === 'RESIDENTS' && (r.state === 'SUBMITTED' || r.state === 'UNDER_REVIEW'),
      deadline: { ...deadline, line: deadlineLine(deadline) },
      forms: PARTICIPATION_FORMS,
      supportAction: requestUrls.support(r),
      values: form.values ?? {},
      days: CONFIRMATION_DAYS,
      breadcrumbs: [...CRUMBS, { label: r.title }],
    }, form.errors, form.status);
  }

  const show: RequestHandler = async (req, res) => renderShow(res, routeId(req.params.id));

  const support: RequestHandler = async (req, res) => {
    const id = routeId(req.params.id);
    const sent = () => res.redirect(303, requestUrls.supportSent({ id }));
    if ((req.body as Record<string, unknown>)?.strona_www) return sent();
    const parsed = parseForm(supportSchema, req.body);
    if (!parsed.ok) return renderShow(res, id, { values: parsed.values, errors: parsed.errors });
    const limit = await deps.subscribeThrottle.consume(req.ip ?? 'unknown', parsed.data.email);
    if (limit.ipBlockedSeconds > 0) {
      res.set('Retry-After', String(limit.ipBlockedSeconds));
      return renderShow(res, id, { values: safeValues(req.body), errors: { email: [`notifications.tooManyFromIp?minutes=${Math.ceil(limit.ipBlockedSeconds / 60)}`] }, status: 429 });
    }
    if (!(await withFormRefusal(async () => {
      if (!limit.addressExceeded) await supportRequest({ db, pool: deps.pool, jobs: deps.jobs, now: now(), secret: config.sessionSecret }, id, parsed.data);
    }, (errors) => renderShow(res, id, { values: safeValues(req.body), errors })))) return;
    sent();
  };

  const supportSent: RequestHandler = async (req, res) => {
    const r = await findPublicRequest(db, routeId(req.params.id));
    res.render('requests/message', { titleKey: 'requests.support.sent.title', bodyKey: 'requests.support.sent.body', params: { days: CONFIRMATION_DAYS }, back: { href: requestUrls.show(r), label: r.title }, breadcrumbs: [...CRUMBS, { label: r.title, href: requestUrls.show(r) }, { key: 'requests.support.sent.title' }] });
  };

  const tokenOf = (req: Request) => tokenSchema.parse({ t: req.query.t ?? (req.body as Record<string, unknown> | undefined)?.t }).t;

  /** The page a link leads to: a button (GET never changes anything: mail scanners open links), or why not. */
  const confirmPage: RequestHandler = async (req, res) => {
    const token = tokenOf(req);
    const outcome = await checkSupportLink(db, token, now());
    if (outcome.status === 'confirmed') return res.render('requests/confirm', { token, action: requestUrls.confirmSupport(), breadcrumbs: [...CRUMBS, { key: 'requests.support.confirm.title' }] });
    renderOutcome(res, outcome.status);
  };

  function renderOutcome(res: Response, status: 'already' | 'invalid' | 'closed') {
    const keys = { already: ['requests.support.already.title', 'requests.support.already.body', 200], invalid: ['requests.support.invalid.title', 'requests.support.invalid.body', 410], closed: ['requests.support.closed.title', 'requests.support.closed', 409] } as const;
    const [titleKey, bodyKey, code] = keys[status];
    res.status(code).render('requests/message', { titleKey, bodyKey, params: {}, back: { href: requestUrls.list(), labelKey: 'requests.backToList' }, breadcrumbs: [...CRUMBS, { key: titleKey }] });
  }

  const confirm: RequestHandler = async (req, res) => {
    const outcome = await confirmSupport(db, tokenOf(req), now());
    if (outcome.status !== 'confirmed') return renderOutcome(res, outcome.status);
    flash(req, 'requests.support.confirmed');
    res.redirect(303, requestUrls.show({ id: outcome.requestId }));
  };

  function renderNew(res: Response, values: FormValues, errors?: FieldErrors) {
    renderForm(res, 'requests/new', { values, forms: PARTICIPATION_FORMS, rules: settings, breadcrumbs: [...CRUMBS, { key: 'requests.new.title' }] }, errors);
  }

  const newForm: RequestHandler = (_req, res) => renderNew(res, {});

  const create: RequestHandler = async (req, res) => {
    // A robot filled the field people never see: it is sent away, nothing is written.
    if ((req.body as Record<string, unknown>)?.strona_www) return res.redirect(303, requestUrls.list());
    const parsed = parseForm(residentRequestSchema, req.body);
    if (!parsed.ok) return renderNew(res, parsed.values, parsed.errors);
    const created = await submitResidentRequest({ db, now: now(), ip: req.ip }, parsed.data);
    flash(req, 'requests.new.submitted');
    res.redirect(303, requestUrls.show(created));
  };

  return { list, show, support, supportSent, confirmPage, confirm, newForm, create };
}
