import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { MessageKey } from '../../i18n/pl.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues } from '../../http/forms.js';
import { safeLocalPath } from '../../http/urls.js';
import { loginQuerySchema, loginSchema, secondFactorSchema } from './auth.schema.js';
import { checkSecondFactor, remainingRecoveryCodes, twoFactorRequiredFor } from './two-factor.service.js';
import { findSessionUser } from '../users/users.service.js';
import { recordFailedLogin, recordLogout, recordSuccessfulLogin } from './auth.service.js';

const VIEW = 'auth/login';
/** The second step must follow the password within five minutes. */
const PENDING_MS = 5 * 60_000;
export const TWO_FACTOR_PAGE = '/panel/konto/dwuetapowe';

const regenerate = (req: Request) => new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));

async function hasTwoFactor(db: Deps['db'], userId: number): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(user?.totpEnabledAt);
}

function authenticate(deps: Deps, req: Request, res: Response): Promise<{ id: number } | false> {
  return new Promise((resolve, reject) => {
    deps.passport.authenticate('local', (error: unknown, user: { id: number } | false) => (error ? reject(error) : resolve(user)))(req, res, reject);
  });
}

export function authHandlers(deps: Deps) {
  const loginForm: RequestHandler = (req, res) => {
    if (req.user) return res.redirect(303, '/panel');
    const { next } = loginQuerySchema.parse(req.query);
    renderForm(res, VIEW, { values: { next: safeLocalPath(next, '') } });
  };

  const login: RequestHandler = async (req, res) => {
    const parsed = parseForm(loginSchema, req.body);
    if (!parsed.ok) return renderForm(res, VIEW, { values: parsed.values }, parsed.errors);
    const { email, next } = parsed.data;
    const ip = req.ip ?? 'unknown';
    const throttle = await deps.loginThrottle.check(ip, email);
    if (throttle.blockedSeconds > 0) {
      const minutes = String(Math.ceil(throttle.blockedSeconds / 60));
      res.set('Retry-After', String(throttle.blockedSeconds));
      return renderForm(res, VIEW, { values: safeValues(req.body) }, { email: [`auth.login.blocked?minutes=${minutes}`] }, 429);
    }
    if (throttle.delayMs > 0) await deps.sleep(throttle.delayMs);
    const user = await authenticate(deps, req, res);
    if (!user) {
      await Promise.all([deps.loginThrottle.recordFailure(ip, email), recordFailedLogin(deps.db, email, ip)]);
      // One neutral message whichever of the two was wrong.
      return renderForm(res, VIEW, { values: safeValues(req.body) }, { email: ['auth.login.failed'] }, 401);
    }
    // With two-factor login on, the password only opens the second step (a fresh session, no user yet).
    if (await hasTwoFactor(deps.db, user.id)) {
      await regenerate(req);
      req.session.pendingTwoFactor = { userId: user.id, email, next: safeLocalPath(next, '/panel'), at: deps.clock.now().toISOString() };
      return res.redirect(303, '/logowanie/kod');
    }
    await completeLogin(req, res, user.id, email, safeLocalPath(next, '/panel'));
  };

  /** Signs the user in (a new session id), records it, and sends them on; enrolment first where their role requires two-factor login. */
  async function completeLogin(req: Request, res: Response, userId: number, email: string, next: string, notice?: { key: MessageKey; params: Record<string, string> }) {
    const ip = req.ip ?? 'unknown';
    await deps.loginThrottle.recordSuccess(email);
    await new Promise<void>((resolve, reject) => req.logIn({ id: userId } as Express.User, (error) => (error ? reject(error) : resolve())));
    const now = deps.clock.now();
    const previousLogin = await recordSuccessfulLogin(deps.db, userId, ip, now);
    if (previousLogin) req.session.previousLoginAt = previousLogin.toISOString();
    // Shown on "Twoje sesje"; the login time starts the absolute timeout.
    req.session.authenticatedAt = now.toISOString();
    req.session.userAgent = (req.get('user-agent') ?? '').slice(0, 200);
    req.session.ip = ip;
    const found = await findSessionUser(deps.db, userId);
    flash(req, 'auth.loggedIn', { name: found?.name ?? '' });
    // After logIn, which starts a new session (a flash set before it would be lost).
    if (notice) flash(req, notice.key, notice.params, 'info');
    if (found && !(await hasTwoFactor(deps.db, userId)) && (await twoFactorRequiredFor(deps, found.role))) {
      req.session.twoFactorMissing = true;
      flash(req, 'security.twoFactor.mustEnable', undefined, 'info');
      return res.redirect(303, TWO_FACTOR_PAGE);
    }
    res.redirect(303, next);
  }

  const pendingOf = (req: Request) => {
    const pending = req.session.pendingTwoFactor;
    if (!pending || deps.clock.now().getTime() - Date.parse(pending.at) > PENDING_MS) return null;
    return pending;
  };

  const codeForm: RequestHandler = (req, res) => {
    if (!pendingOf(req)) return res.redirect(303, '/logowanie');
    renderForm(res, 'auth/second-factor', {});
  };

  const code: RequestHandler = async (req, res) => {
    const pending = pendingOf(req);
    if (!pending) return res.redirect(303, '/logowanie');
    const parsed = parseForm(secondFactorSchema, req.body);
    if (!parsed.ok) return renderForm(res, 'auth/second-factor', {}, parsed.errors);
    const ip = req.ip ?? 'unknown';
    // Codes are throttled like passwords, on the same account counter.
    const throttle = await deps.loginThrottle.check(ip, pending.email);
    if (throttle.blockedSeconds > 0) {
      res.set('Retry-After', String(throttle.blockedSeconds));
      return renderForm(res, 'auth/second-factor', {}, { code: [`auth.login.blocked?minutes=${Math.ceil(throttle.blockedSeconds / 60)}`] }, 429);
    }
    const kind = await checkSecondFactor(deps, pending.userId, parsed.data.code);
    if (!kind) {
      await Promise.all([deps.loginThrottle.recordFailure(ip, pending.email), recordFailedLogin(deps.db, pending.email, ip, 'second_factor')]);
      return renderForm(res, 'auth/second-factor', {}, { code: ['security.twoFactor.codeWrong'] }, 401);
    }
    delete req.session.pendingTwoFactor;
    const notice = kind === 'recovery' ? { key: 'security.twoFactor.recoveryUsed' as const, params: { count: String(await remainingRecoveryCodes(deps, pending.userId)) } } : undefined;
    await completeLogin(req, res, pending.userId, pending.email, pending.next, notice);
  };

  const logout: RequestHandler = async (req, res) => {
    const userId = req.user?.id;
    await new Promise<void>((resolve, reject) => req.logOut((error) => (error ? reject(error) : resolve())));
    if (userId) await recordLogout(deps.db, userId, req.ip);
    flash(req, 'auth.loggedOut', undefined, 'info');
    res.redirect(303, '/');
  };

  return { loginForm, login, logout, codeForm, code };
}
