import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, safeValues } from '../../http/forms.js';
import { safeLocalPath } from '../../http/urls.js';
import { loginQuerySchema, loginSchema } from './auth.schema.js';
import { findSessionUser } from '../users/users.service.js';
import { recordFailedLogin, recordLogout, recordSuccessfulLogin } from './auth.service.js';

const VIEW = 'auth/login';

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
    await deps.loginThrottle.recordSuccess(email);
    await new Promise<void>((resolve, reject) => req.logIn(user as Express.User, (error) => (error ? reject(error) : resolve())));
    const previousLogin = await recordSuccessfulLogin(deps.db, user.id, ip, deps.clock.now());
    if (previousLogin) req.session.previousLoginAt = previousLogin.toISOString();
    const found = await findSessionUser(deps.db, user.id);
    flash(req, 'auth.loggedIn', { name: found?.name ?? '' });
    res.redirect(303, safeLocalPath(next, '/panel'));
  };

  const logout: RequestHandler = async (req, res) => {
    const userId = req.user?.id;
    await new Promise<void>((resolve, reject) => req.logOut((error) => (error ? reject(error) : resolve())));
    if (userId) await recordLogout(deps.db, userId, req.ip);
    flash(req, 'auth.loggedOut', undefined, 'info');
    res.redirect(303, '/');
  };

  return { loginForm, login, logout };
}
