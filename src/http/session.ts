// Server-side sessions in PostgreSQL, so any instance serves any user. Two limits (docs/decisions.md 25):
// an idle timeout (the rolling cookie and row expiry) and an absolute one counted from the login.
import connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import type pg from 'pg';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'konsultacje.sid';

export function sessionMiddleware(config: Config, pool: pg.Pool) {
  const PgStore = connectPgSimple(session);
  return session({
    name: SESSION_COOKIE,
    store: new PgStore({ pool, tableName: 'session', createTableIfMissing: false, pruneSessionInterval: 15 * 60 }),
    secret: config.sessionSecret,
    resave: false,
    // Anonymous visitors get no session (and no cookie) until a form needs a CSRF token.
    saveUninitialized: false,
    rolling: true,
    proxy: config.isProduction,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.isProduction, maxAge: config.sessionMaxAgeMs },
  });
}

/** The session has something to keep besides its cookie (a login, a message, a form token). */
export function sessionHoldsData(req: Request): boolean {
  const session = req.session as object | undefined;
  return session !== undefined && Object.keys(session).some((key) => key !== 'cookie');
}

/**
 * A redirect waits until the session row is saved. express-session sends the response headers before its
 * own save finishes, and a browser follows a 303 as soon as the headers arrive: the next page could then
 * read the old session (still signed out after a login, a flash message missing).
 */
export function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction) {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    // Nothing but the cookie: nothing to save, and no row for an anonymous visitor.
    if (!sessionHoldsData(req)) return redirect(...args);
    req.session.save((error) => (error ? next(error) : redirect(...args)));
  }) as Response['redirect'];
  next();
}

/** Ends a signed-in session older than the absolute limit (or one without a login time): the visitor is anonymous again. */
export function sessionLimits(config: Config, clock: { now(): Date }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next();
    const started = req.session.authenticatedAt ? Date.parse(req.session.authenticatedAt) : NaN;
    if (Number.isFinite(started) && clock.now().getTime() - started < config.sessionAbsoluteMs) return next();
    req.session.regenerate((error) => {
      req.user = undefined;
      next(error);
    });
  };
}

/** Pages of the panel and of signing in are never kept by a browser's or proxy's cache (shared computers, back button after logout). */
const PRIVATE_PREFIXES = ['/panel', '/logowanie', '/nie-pamietam-hasla', '/ustaw-haslo'];
export function noStoreForStaff(req: Request, res: Response, next: NextFunction) {
  if (req.user || PRIVATE_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) res.set('Cache-Control', 'no-store');
  next();
}

declare module 'express-session' {
  interface SessionData {
    /** A resident who used a "Twoje dane" link: whose data this browser may see, and until when. */
    personalData?: { email: string; until: string };
    previousLoginAt?: string;
    /** Written by passport: the signed-in user's id. */
    passport?: { user?: number };
    /** When the password (and second factor) were last given: the start of the absolute timeout. */
    authenticatedAt?: string;
    userAgent?: string;
    ip?: string;
    /** Password checked, second factor still to come: the user id waiting for its TOTP code. */
    pendingTwoFactor?: { userId: number; email: string; next: string; at: string };
    /** Signed in, but the role requires two-factor login and it is not on yet: only enrolment is open. */
    twoFactorMissing?: boolean;
    /** A TOTP secret shown as a QR code, waiting for its first code. */
    totpEnrolment?: string;
    flash?: { kind: 'success' | 'info'; key: string; params?: Record<string, string> }[];
  }
}
