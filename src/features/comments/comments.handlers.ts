// Residents' side of the discussion: the page with comments and the form, replies, reports, and the
// e-mail confirmation (a page with one button: mail scanners open links, they must not confirm).
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues } from '../../http/forms.js';
import { pageLinks, pageParam } from '../../http/pagination.js';
import { routeId, routeSlug } from '../../http/params.js';
import { canManageConsultation } from '../consultations/consultations.policy.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import { tokenSchema } from '../notifications/notifications.schema.js';
import { BODY_MAX, commentSchema, fragmentQuery, NAME_MAX, officialReplySchema, reportSchema, REASON_MAX } from './comments.schema.js';
import * as service from './comments.service.js';
import { commentUrls } from './comments.urls.js';
import { commentView } from './comments.view.js';

type Discussion = service.DiscussionConsultation;
const isRobot = (req: Request) => Boolean((req.body as Record<string, unknown> | undefined)?.strona_www);

export function commentHandlers(deps: Deps) {
  const { db, clock } = deps;
  const load = (req: Request) => service.findDiscussion(db, routeSlug(req.params.slug), clock.now());
  const crumbs = (c: Discussion, last?: string) => [
    { key: 'nav.consultations', href: '/konsultacje' },
    { label: c.title, href: consultationUrls.show(c) },
    ...(last ? [{ key: 'comments.title', href: commentUrls.list(c) }, { key: last }] : [{ key: 'comments.title' }]),
  ];
  const common = (req: Request, c: Discussion) => ({
    c: { title: c.title, slug: c.slug, href: consultationUrls.show(c), listHref: commentUrls.list(c) },
    open: service.isOpenForComments(c, clock.now()),
    startsAt: c.startsAt,
    planned: c.startsAt > clock.now(),
    premoderated: c.commentsPremoderated,
    canAnswer: canManageConsultation(req.user, c),
    limits: { body: BODY_MAX, name: NAME_MAX, reason: REASON_MAX },
  });

  async function renderList(req: Request, res: Response, c: Discussion, values: FormValues, errors: FieldErrors = {}, status = 422) {
    const page = pageParam.parse(req.query.strona);
    const threads = await service.listThreads(db, c.id, page);
    const open = service.isOpenForComments(c, clock.now());
    const fragment = typeof values.fragment === 'string' ? values.fragment : '';
    renderForm(res, 'comments/list', {
      ...common(req, c),
      title: c.title,
      threads: threads.items.map((t) => ({ ...commentView(c, t, open), replies: t.replies.map((r) => commentView(c, r, open)) })),
      total: threads.total,
      pagination: pageLinks(commentUrls.list(c), { fragment: fragment || undefined }, threads),
      action: commentUrls.list(c),
      values,
      breadcrumbs: crumbs(c),
    }, errors, status);
  }

  async function renderReply(req: Request, res: Response, c: Discussion, parentId: number, values: FormValues, errors: FieldErrors = {}, status = 422) {
    const parent = await service.findPublishedComment(db, c.id, parentId, { topLevel: true });
    renderForm(res, 'comments/reply', { ...common(req, c), parent: commentView(c, parent, false), action: commentUrls.reply(c, parentId), values, breadcrumbs: crumbs(c, 'comments.reply.title') }, errors, status);
  }

  /** A resident's comment or reply: honeypot, form, rate limits, then the confirmation e-mail. */
  async function residentSubmit(req: Request, res: Response, c: Discussion, parentId: number | null, rerender: (values: FormValues, errors: FieldErrors, status?: number) => Promise<void>) {
    service.assertOpen(c, clock.now());
    const done = () => res.redirect(303, commentUrls.checkInbox(c));
    // A robot filled the field people never see: it gets the same answer, and nothing is written.
    if (isRobot(req)) return done();
    const parsed = parseForm(commentSchema, req.body);
    if (!parsed.ok) return rerender(parsed.values, parsed.errors);
    const limit = await deps.commentThrottle.comment.consume(req.ip ?? 'unknown', parsed.data.email);
    if (limit.ipBlockedSeconds > 0 || limit.addressExceeded) {
      if (limit.ipBlockedSeconds > 0) res.set('Retry-After', String(limit.ipBlockedSeconds));
      const message = limit.ipBlockedSeconds > 0 ? `comments.tooManyFromIp?minutes=${Math.ceil(limit.ipBlockedSeconds / 60)}` : 'comments.tooManyForAddress';
      return rerender(safeValues(req.body), { [limit.ipBlockedSeconds > 0 ? 'body' : 'email']: [message] }, 429);
    }
    await service.submitComment(ctx(), c, parsed.data, parentId);
    done();
  }
  const ctx = () => ({ db, pool: deps.pool, jobs: deps.jobs, now: clock.now() });

  const list: RequestHandler = async (req, res) => {
    const c = await load(req);
    await renderList(req, res, c, { fragment: fragmentQuery.parse(req.query).fragment ?? '' });
  };

  const create: RequestHandler = async (req, res) => {
    const c = await load(req);
    await residentSubmit(req, res, c, null, (values, errors, status) => renderList(req, res, c, values, errors, status));
  };

  const replyForm: RequestHandler = async (req, res) => {
    const c = await load(req);
    await renderReply(req, res, c, routeId(req.params.id), {});
  };

  const reply: RequestHandler = async (req, res) => {
    const c = await load(req);
    const parentId = routeId(req.params.id);
    if (!canManageConsultation(req.user, c)) return residentSubmit(req, res, c, parentId, (values, errors, status) => renderReply(req, res, c, parentId, values, errors, status));
    // Staff of the consultation's department answer for the city, without e-mail confirmation.
    const parsed = parseForm(officialReplySchema, req.body);
    if (!parsed.ok) return renderReply(req, res, c, parentId, parsed.values, parsed.errors);
    const id = await service.answerAsCity(db, req.user!, c, parentId, parsed.data.body, { now: clock.now(), ip: req.ip, cityHall: deps.config.cityHallName });
    flash(req, 'comments.answer.saved');
    res.redirect(303, commentUrls.comment(c, id));
  };

  async function renderReport(req: Request, res: Response, c: Discussion, id: number, values: FormValues, errors: FieldErrors = {}, status = 422) {
    const comment = await service.findPublishedComment(db, c.id, id, { topLevel: false });
    renderForm(res, 'comments/report', { ...common(req, c), comment: commentView(c, comment, false), action: commentUrls.report(c, id), values, breadcrumbs: crumbs(c, 'comments.report.title') }, errors, status);
  }

  const reportForm: RequestHandler = async (req, res) => {
    const c = await load(req);
    await renderReport(req, res, c, routeId(req.params.id), {});
  };

  const report: RequestHandler = async (req, res) => {
    const c = await load(req);
    const id = routeId(req.params.id);
    const done = () => {
      flash(req, 'comments.report.saved');
      res.redirect(303, commentUrls.list(c));
    };
    if (isRobot(req)) return done();
    const parsed = parseForm(reportSchema, req.body);
    if (!parsed.ok) return renderReport(req, res, c, id, parsed.values, parsed.errors);
    const wait = await deps.commentThrottle.report(req.ip ?? 'unknown');
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return renderReport(req, res, c, id, safeValues(req.body), { reason: [`comments.tooManyReports?minutes=${Math.ceil(wait / 60)}`] }, 429);
    }
    await service.reportComment(db, c.id, id, parsed.data.reason, clock.now());
    done();
  };

  const checkInbox: RequestHandler = async (req, res) => {
    const c = await load(req);
    res.render('comments/message', { ...common(req, c), titleKey: 'comments.checkInbox.title', bodyKey: 'comments.checkInbox.body', params: { hours: service.CONFIRMATION_HOURS }, breadcrumbs: crumbs(c, 'comments.checkInbox.title') });
  };

  const tokenOf = (req: Request) => tokenSchema.parse({ t: req.query.t ?? (req.body as Record<string, unknown> | undefined)?.t }).t;
  const invalidLink = (res: Response) => res.status(410).render('comments/message', { titleKey: 'comments.invalidLink.title', bodyKey: 'comments.invalidLink.body', params: { hours: service.CONFIRMATION_HOURS } });

  const confirmPage: RequestHandler = async (req, res) => {
    const token = tokenOf(req);
    if (!(await service.isConfirmationLinkValid(db, token, clock.now()))) return invalidLink(res);
    res.render('comments/confirm', { token, action: commentUrls.confirm() });
  };

  const confirm: RequestHandler = async (req, res) => {
    const confirmed = await service.confirmComment(db, tokenOf(req), clock.now());
    if (!confirmed) return invalidLink(res);
    flash(req, confirmed.status === 'PUBLISHED' ? 'comments.confirmed.published' : 'comments.confirmed.pending');
    res.redirect(303, confirmed.status === 'PUBLISHED' ? commentUrls.comment(confirmed, confirmed.id) : commentUrls.list(confirmed));
  };

  return { list, create, replyForm, reply, reportForm, report, checkInbox, confirmPage, confirm };
}
