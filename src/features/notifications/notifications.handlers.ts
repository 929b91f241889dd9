import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues, withFormRefusal } from '../../http/forms.js';
import { idParam } from '../../http/params.js';
import { manageSchema, scopeValueOf, subscribeSchema, tokenSchema } from './notifications.schema.js';
import { notificationUrls } from './notifications.urls.js';
import { CONFIRMATION_DAYS } from './subscriber-tokens.js';
import * as service from './subscriptions.service.js';

const CRUMBS = [{ key: 'notifications.title', href: notificationUrls.signUp() }];

export function notificationHandlers(deps: Deps) {
  const { db } = deps;
  const ctx = () => ({ db, pool: deps.pool, jobs: deps.jobs, now: deps.clock.now() });
  const tokenOf = (req: Request) => tokenSchema.parse({ t: req.query.t ?? (req.body as Record<string, unknown> | undefined)?.t }).t;

  async function renderSignUp(res: Response, values: FormValues, errors: FieldErrors = {}, status = 422) {
    const consultationId = idParam.safeParse(values.consultationId);
    const [options, following] = await Promise.all([service.choiceOptions(db), consultationId.success ? service.findFollowable(db, consultationId.data, deps.clock.now()) : null]);
    renderForm(res, 'notifications/subscribe', { options, following, values, days: CONFIRMATION_DAYS, breadcrumbs: [{ key: 'notifications.title' }] }, errors, status);
  }

  /** A page about a link: sent when it works, or the polite "no longer works" page (410) when not. */
  const invalidLink = (res: Response) => res.status(410).render('notifications/message', { titleKey: 'notifications.invalidLink.title', bodyKey: 'notifications.invalidLink.body', signUp: true, breadcrumbs: CRUMBS });
  const message = (titleKey: string, bodyKey: string, params: Record<string, string | number> = {}, moreKey?: string): RequestHandler => (_req, res) => {
    res.render('notifications/message', { titleKey, bodyKey, params, moreKey, breadcrumbs: [...CRUMBS, { key: titleKey }] });
  };

  const signUpForm: RequestHandler = async (req, res) => {
    const consultationId = typeof req.query.konsultacja === 'string' ? req.query.konsultacja : '';
    // From a district page ("?dzielnica=<slug>"): that district's news ticked, consultations left to choose.
    const district = typeof req.query.dzielnica === 'string' ? await service.findDistrictBySlug(db, req.query.dzielnica) : null;
    await renderSignUp(res, district ? { zakres: 'brak', newsDistrictIds: [String(district.id)], consultationId } : { zakres: 'wszystkie', consultationId });
  };

  const subscribe: RequestHandler = async (req, res) => {
    const done = () => res.redirect(303, notificationUrls.checkInbox());
    // A robot filled the field people never see: it gets the same answer, and nothing is written.
    if ((req.body as Record<string, unknown>)?.strona_www) return done();
    const parsed = parseForm(subscribeSchema, req.body);
    if (!parsed.ok) return renderSignUp(res, parsed.values, parsed.errors);
    const limit = await deps.subscribeThrottle.consume(req.ip ?? 'unknown', parsed.data.email);
    if (limit.ipBlockedSeconds > 0) {
      res.set('Retry-After', String(limit.ipBlockedSeconds));
      return renderSignUp(res, safeValues(req.body), { email: [`notifications.tooManyFromIp?minutes=${Math.ceil(limit.ipBlockedSeconds / 60)}`] }, 429);
    }
    if (!(await withFormRefusal(async () => {
      // Too many sign-ups for one address: the same answer, but no more e-mail to it.
      if (!limit.addressExceeded) await service.subscribe(ctx(), parsed.data);
    }, (errors) => renderSignUp(res, safeValues(req.body), errors)))) return;
    done();
  };

  const confirmPage: RequestHandler = async (req, res) => {
    const token = tokenOf(req);
    if (!(await service.isConfirmationLinkValid(db, token, deps.clock.now()))) return invalidLink(res);
    res.render('notifications/confirm', { token, breadcrumbs: [...CRUMBS, { key: 'notifications.confirm.title' }] });
  };

  const confirm: RequestHandler = async (req, res) => {
    if (!(await service.confirmSubscription(ctx(), tokenOf(req)))) return invalidLink(res);
    res.redirect(303, notificationUrls.confirmed());
  };

  async function renderManage(res: Response, token: string, subscriber: NonNullable<Awaited<ReturnType<typeof service.findByManageToken>>>, values?: FormValues, errors: FieldErrors = {}) {
    const options = await service.choiceOptions(db);
    const current = {
      zakres: scopeValueOf(subscriber.newConsultations),
      districtIds: subscriber.districts.map((d) => String(d.districtId)),
      topicIds: subscriber.topics.map((d) => String(d.topicId)),
      newsDistrictIds: subscriber.newsDistricts.map((d) => String(d.districtId)),
      consultationIds: subscriber.consultations.map((c) => String(c.consultation.id)),
    };
    renderForm(res, 'notifications/manage', {
      token,
      subscriber: { email: subscriber.email, confirmed: Boolean(subscriber.confirmedAt), followed: subscriber.consultations.map((c) => c.consultation) },
      options,
      values: values ?? current,
      unsubscribeUrl: notificationUrls.unsubscribe(token),
      breadcrumbs: [...CRUMBS, { key: 'notifications.manage.title' }],
    }, errors);
  }

  const managePage: RequestHandler = async (req, res) => {
    const token = tokenOf(req);
    const subscriber = await service.findByManageToken(db, token, deps.clock.now());
    if (!token || !subscriber) return invalidLink(res);
    await renderManage(res, token, subscriber);
  };

  const manage: RequestHandler = async (req, res) => {
    const token = tokenOf(req);
    const subscriber = await service.findByManageToken(db, token, deps.clock.now());
    if (!token || !subscriber) return invalidLink(res);
    const parsed = parseForm(manageSchema, req.body);
    if (!parsed.ok) return renderManage(res, token, subscriber, parsed.values, parsed.errors);
    if (!(await withFormRefusal(() => service.updateChoices(ctx(), subscriber.id, parsed.data), (errors) => renderManage(res, token, subscriber, safeValues(req.body), errors)))) return;
    flash(req, 'notifications.manage.saved');
    res.redirect(303, notificationUrls.manage(token));
  };

  const unsubscribePage: RequestHandler = async (req, res) => {
    const token = tokenOf(req);
    if (!token || !(await service.findByManageToken(db, token, deps.clock.now()))) return invalidLink(res);
    res.render('notifications/unsubscribe', { action: notificationUrls.unsubscribe(token), breadcrumbs: [...CRUMBS, { key: 'notifications.unsubscribe.title' }] });
  };

  /** The button on our page, or a mail client's one-click request (RFC 8058): the token is in the URL. */
  const unsubscribe: RequestHandler = async (req, res) => {
    // Already gone answers the same: unsubscribing twice is not an error.
    await service.unsubscribe(db, tokenOf(req), deps.clock.now());
    res.redirect(303, notificationUrls.unsubscribed());
  };

  return {
    signUpForm,
    subscribe,
    checkInbox: message('notifications.checkInbox.title', 'notifications.checkInbox.body', { days: CONFIRMATION_DAYS }, 'notifications.checkInbox.spam'),
    confirmPage,
    confirm,
    confirmed: message('notifications.confirmed.title', 'notifications.confirmed.body'),
    managePage,
    manage,
    unsubscribePage,
    unsubscribe,
    unsubscribed: message('notifications.unsubscribed.title', 'notifications.unsubscribed.body'),
  };
}
