// "Nie pamiętam hasła", the set-password page of invitation and reset links, and the signed-in
// user's own pages: change password, "Twoje sesje" with sign-out elsewhere.
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, withFormRefusal } from '../../http/forms.js';
import { TooManyRequestsError, NotFoundError } from '../../http/errors.js';
import { audit } from '../audit/audit.service.js';
import { newPasswordSchema } from './password-policy.js';
import { changePassword, checkSetPasswordLink, requestPasswordReset, setPasswordWithLink } from './passwords.service.js';
import { changePasswordSchema, forgotSchema, sessionKeySchema } from './passwords.schema.js';
import { TOKEN_LIFETIME_MINUTES } from './staff-tokens.js';
import { endUserSession, endUserSessions, listUserSessions } from './user-sessions.js';

export const accountUrls = {
  account: () => '/panel/konto',
  password: () => '/panel/konto/haslo',
  sessions: () => '/panel/konto/sesje',
  endOthers: () => '/panel/konto/sesje/wyloguj-pozostale',
  endOne: (key: string) => `/panel/konto/sesje/${key}/wyloguj`,
};

const accountCrumbs = (last: string) => [{ key: 'panel.title', href: '/panel' }, { key: 'security.account.title', href: accountUrls.account() }, { key: last }];

export function passwordHandlers(deps: Deps) {
  const forgotForm: RequestHandler = (_req, res) => renderForm(res, 'auth/forgot', { minutes: TOKEN_LIFETIME_MINUTES.RESET });

  const forgot: RequestHandler = async (req, res) => {
    const parsed = parseForm(forgotSchema, req.body);
    if (!parsed.ok) return renderForm(res, 'auth/forgot', { minutes: TOKEN_LIFETIME_MINUTES.RESET, values: parsed.values }, parsed.errors);
    const { ipBlockedSeconds } = await requestPasswordReset(deps, parsed.data.email, req.ip ?? 'unknown');
    if (ipBlockedSeconds > 0) throw new TooManyRequestsError('security.forgot.tooMany', ipBlockedSeconds);
    // The same answer whether or not the address has an account.
    res.render('auth/forgot-sent', { minutes: TOKEN_LIFETIME_MINUTES.RESET, breadcrumbs: [{ key: 'security.forgot.title' }] });
  };

  const setForm: RequestHandler = async (req, res) => {
    const link = await checkSetPasswordLink(deps, req.query.t);
    if (!link) return res.status(410).render('auth/link-invalid', { breadcrumbs: [{ key: 'security.setPassword.invalidTitle' }] });
    renderForm(res, 'auth/set-password', { link: { purpose: link.purpose, email: link.user.email, name: link.user.name }, token: req.query.t });
  };

  const set: RequestHandler = async (req, res) => {
    const token: unknown = (req.body as Record<string, unknown> | undefined)?.t;
    const link = await checkSetPasswordLink(deps, token);
    if (!link) return res.status(410).render('auth/link-invalid', { breadcrumbs: [{ key: 'security.setPassword.invalidTitle' }] });
    const parsed = parseForm(newPasswordSchema(() => ({ email: link.user.email })), req.body);
    const view = { link: { purpose: link.purpose, email: link.user.email, name: link.user.name }, token };
    if (!parsed.ok) return renderForm(res, 'auth/set-password', { ...view, values: {} }, parsed.errors);
    const done = await setPasswordWithLink(deps, token, parsed.data.password, req.ip);
    if (!done) return res.status(410).render('auth/link-invalid', { breadcrumbs: [{ key: 'security.setPassword.invalidTitle' }] });
    flash(req, 'security.setPassword.done');
    res.redirect(303, '/logowanie');
  };

  const account: RequestHandler = (req, res) => {
    res.render('panel/account/index', { urls: accountUrls, user: req.user, breadcrumbs: [{ key: 'panel.title', href: '/panel' }, { key: 'security.account.title' }] });
  };

  const passwordForm: RequestHandler = (_req, res) => renderForm(res, 'panel/account/password', { breadcrumbs: accountCrumbs('security.password.title') });

  const password: RequestHandler = async (req, res) => {
    const user = req.user!;
    const parsed = parseForm(changePasswordSchema(() => ({ email: user.email })), req.body);
    const view = { breadcrumbs: accountCrumbs('security.password.title') };
    if (!parsed.ok) return renderForm(res, 'panel/account/password', { ...view, values: {} }, parsed.errors);
    if (!(await withFormRefusal(() => changePassword(deps, user, parsed.data, req.sessionID, req.ip), (errors) => renderForm(res, 'panel/account/password', { ...view, values: {} }, errors)))) return;
    // A new session id for the new credentials; the login time stays.
    const kept = { ...req.session };
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    req.session.passport = kept.passport;
    for (const key of ['authenticatedAt', 'userAgent', 'ip', 'previousLoginAt'] as const) if (kept[key]) req.session[key] = kept[key];
    flash(req, 'security.password.changed');
    res.redirect(303, accountUrls.account());
  };

  const sessions: RequestHandler = async (req, res) => {
    const rows = await listUserSessions(deps.pool, req.user!.id, req.sessionID, deps.clock.now());
    res.render('panel/account/sessions', { sessions: rows, urls: accountUrls, breadcrumbs: accountCrumbs('security.sessions.title') });
  };

  const endOthers: RequestHandler = async (req, res) => {
    const count = await endUserSessions(deps.pool, req.user!.id, req.sessionID);
    await audit(deps.db, { userId: req.user!.id, action: 'auth.sessions_ended', entityType: 'User', entityId: req.user!.id, details: { count }, ip: req.ip });
    flash(req, 'security.sessions.endedOthers', { count: String(count) });
    res.redirect(303, accountUrls.sessions());
  };

  const endOne: RequestHandler = async (req, res) => {
    const key = sessionKeySchema.safeParse(req.params.key);
    if (!key.success || !(await endUserSession(deps.pool, req.user!.id, key.data))) throw new NotFoundError();
    await audit(deps.db, { userId: req.user!.id, action: 'auth.sessions_ended', entityType: 'User', entityId: req.user!.id, details: { count: 1 }, ip: req.ip });
    flash(req, 'security.sessions.endedOne');
    res.redirect(303, accountUrls.sessions());
  };

  return { forgotForm, forgot, setForm, set, account, passwordForm, password, sessions, endOthers, endOne };
}
