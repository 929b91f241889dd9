// "Twoje dane" (/twoje-dane): an address -> a single-use link by e-mail -> a page open for a while in this
// browser's session listing what the portal holds, with export (JSON, CSV) and erasure.
import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues, type FormValues } from '../../http/forms.js';
import type { FieldErrors } from '../../http/errors.js';
import { createIpAndAddressThrottle } from '../../http/rate-limits.js';
import { streamTabular } from '../../lib/tabular-export.js';
import { eraseSchema, linkRequestSchema } from './personal-data.schema.js';
import * as service from './personal-data.service.js';

export const personalDataUrls = {
  start: () => '/twoje-dane',
  sent: () => '/twoje-dane/wyslano',
  open: (token?: string) => (token ? `/twoje-dane/dostep?t=${encodeURIComponent(token)}` : '/twoje-dane/dostep'),
  data: () => '/twoje-dane/dane',
  exportJson: () => '/twoje-dane/dane.json',
  exportCsv: () => '/twoje-dane/dane.csv',
  erase: () => '/twoje-dane/usun',
  erased: () => '/twoje-dane/usunieto',
};

/** A person asks a few times; a robot probing addresses many. Per IP and hour, per address and day. */
const LIMITS = { maxPerIpPerHour: 10, maxPerAddressPerDay: 3 };
const CRUMBS = [{ key: 'personalData.title', href: personalDataUrls.start() }];

export function personalDataHandlers(deps: Deps) {
  const { db, clock } = deps;
  const throttle = createIpAndAddressThrottle(deps.pool, 'personal_data', LIMITS);
  const secret = deps.config.sessionSecret;

  const renderStart = (res: Response, values: FormValues, errors: FieldErrors = {}, status = 422) =>
    renderForm(res, 'personal-data/start', { values, minutes: service.LINK_MINUTES, breadcrumbs: [{ key: 'personalData.title' }] }, errors, status);

  /** The address this browser may see now (the link was used less than ACCESS_MINUTES ago), or null. */
  function accessOf(req: Request): string | null {
    const access = req.session.personalData;
    if (!access) return null;
    if (Date.parse(access.until) <= clock.now().getTime()) {
      delete req.session.personalData;
      return null;
    }
    return access.email;
  }

  /** The pages behind the link: without access, back to the start with a note. */
  function withAccess(handler: (req: Request, res: Response, email: string) => Promise<void>): RequestHandler {
    return async (req, res) => {
      const email = accessOf(req);
      if (!email) {
        flash(req, 'personalData.expired', { minutes: String(service.ACCESS_MINUTES) }, 'info');
        return res.redirect(303, personalDataUrls.start());
      }
      await handler(req, res, email);
    };
  }

  const start: RequestHandler = async (_req, res) => renderStart(res, {});

  const requestLink: RequestHandler = async (req, res) => {
    const done = () => res.redirect(303, personalDataUrls.sent());
    // A robot filled the field people never see: the same answer, nothing written.
    if ((req.body as Record<string, unknown> | undefined)?.strona_www) return done();
    const parsed = parseForm(linkRequestSchema, req.body);
    if (!parsed.ok) return renderStart(res, parsed.values, parsed.errors);
    const limit = await throttle.consume(req.ip ?? 'unknown', parsed.data.email);
    if (limit.ipBlockedSeconds > 0) {
      res.set('Retry-After', String(limit.ipBlockedSeconds));
      return renderStart(res, safeValues(req.body), { email: [`personalData.tooMany?minutes=${Math.ceil(limit.ipBlockedSeconds / 60)}`] }, 429);
    }
    // Too many links for one address: the same answer, no more e-mail to it.
    if (!limit.addressExceeded) await service.requestLink({ db, pool: deps.pool, jobs: deps.jobs, now: clock.now() }, parsed.data.email);
    done();
  };

  const sent: RequestHandler = (_req, res) => {
    res.render('personal-data/message', { titleKey: 'personalData.sent.title', bodyKey: 'personalData.sent.body', params: { minutes: service.LINK_MINUTES }, breadcrumbs: [...CRUMBS, { key: 'personalData.sent.title' }] });
  };

  const invalid = (res: Response) =>
    res.status(410).render('personal-data/message', { titleKey: 'personalData.invalid.title', bodyKey: 'personalData.invalid.body', params: {}, again: true, breadcrumbs: [...CRUMBS, { key: 'personalData.invalid.title' }] });

  const tokenOf = (req: Request): unknown => req.query.t ?? (req.body as Record<string, unknown> | undefined)?.t;

  /** The link's page: a button, since mail scanners open links and must not use them up. */
  const openPage: RequestHandler = async (req, res) => {
    const token = tokenOf(req);
    if (!(await service.isLinkValid(db, token, clock.now()))) return invalid(res);
    res.render('personal-data/open', { token, minutes: service.ACCESS_MINUTES, breadcrumbs: [...CRUMBS, { key: 'personalData.open.title' }] });
  };

  const open: RequestHandler = async (req, res) => {
    const email = await service.useLink({ db, now: clock.now() }, tokenOf(req), req.ip);
    if (!email) return invalid(res);
    // A new session id: the page shows personal data, so whoever knew the old id must not see it.
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    req.session.personalData = { email, until: new Date(clock.now().getTime() + service.ACCESS_MINUTES * 60_000).toISOString() };
    res.redirect(303, personalDataUrls.data());
  };

  const page = withAccess(async (req, res, email) => {
    const data = await service.collect(db, secret, email);
    // Personal data: never kept by a browser's or proxy's cache.
    res.set('Cache-Control', 'private, no-store');
    renderForm(res, 'personal-data/data', {
      data,
      empty: service.isEmpty(data),
      until: new Date(req.session.personalData!.until),
      urls: personalDataUrls,
      breadcrumbs: [...CRUMBS, { key: 'personalData.open.title' }],
    });
  });

  const exportJson = withAccess(async (req, res, email) => {
    const data = await service.collect(db, secret, email);
    await service.auditExport(db, 'json', req.ip);
    res.set('Content-Type', 'application/json; charset=utf-8');
    res.set('Content-Disposition', 'attachment; filename="twoje-dane.json"');
    res.set('Cache-Control', 'private, no-store');
    res.send(JSON.stringify(data, null, 2));
  });

  const exportCsv = withAccess(async (req, res, email) => {
    const data = await service.collect(db, secret, email);
    await service.auditExport(db, 'csv', req.ip);
    res.set('Cache-Control', 'private, no-store');
    const t = res.locals.t as (key: string) => string;
    await streamTabular(res, 'csv', { fileName: 'twoje-dane', columns: ['type', t('personalData.column.when'), t('personalData.column.what')], rows: service.exportRows(data) });
  });

  const erase = withAccess(async (req, res, email) => {
    const parsed = parseForm(eraseSchema, req.body);
    if (!parsed.ok) {
      const data = await service.collect(db, secret, email);
      return renderForm(res, 'personal-data/data', { data, empty: service.isEmpty(data), until: new Date(req.session.personalData!.until), urls: personalDataUrls, breadcrumbs: [...CRUMBS, { key: 'personalData.open.title' }] }, parsed.errors);
    }
    await service.erase({ db, pool: deps.pool, now: clock.now(), secret }, email, req.ip);
    delete req.session.personalData;
    res.redirect(303, personalDataUrls.erased());
  });

  const erased: RequestHandler = (_req, res) => {
    res.render('personal-data/message', { titleKey: 'personalData.erased.title', bodyKey: 'personalData.erased.body', params: {}, breadcrumbs: [...CRUMBS, { key: 'personalData.erased.title' }] });
  };

  return { start, requestLink, sent, openPage, open, page, exportJson, exportCsv, erase, erased };
}
