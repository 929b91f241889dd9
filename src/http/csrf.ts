// CSRF protection on every state-changing request: a synchroniser token kept in the session, or for a
// visitor without a session a double-submit token in a cookie of its own (docs/decisions.md 49), so an
// anonymous GET of a page with a form writes no session row. Multipart bodies are parsed by each upload
// route, so their check runs after multer (see uploads); the global check lets a multipart request
// through only to such a route, recognised by its path.
import crypto from 'node:crypto';
import { csrfSync } from 'csrf-sync';
import type { NextFunction, Request, Response } from 'express';
import { sessionHoldsData } from './session.js';

const { csrfSynchronisedProtection, generateToken, getTokenFromRequest, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const body = req.body as Record<string, unknown> | undefined;
    const token = body?._csrf ?? req.get('x-csrf-token');
    return typeof token === 'string' ? token : undefined;
  },
});

/** Upload routes end in /pliki (e.g. POST /panel/konsultacje/7/dokumenty/pliki). */
export const UPLOAD_PATH = /\/pliki$/;

/**
 * A browser names the site a form came from (Origin); one from another site is refused even with a
 * token. The portal's own host is the request's Host or BASE_URL's (a proxy may rewrite Host).
 */
function foreignOrigin(req: Request, ownHost: string): boolean {
  const origin = req.get('origin');
  if (!origin || origin === 'null') return false;
  try {
    const host = new URL(origin).host;
    return host !== req.get('host') && host !== ownHost;
  } catch {
    return true;
  }
}

/**
 * The visitor's token cookie. Over HTTPS it has the __Host- prefix: the browser then takes it only from
 * this host (Secure, Path=/, no Domain), so a neighbouring subdomain cannot plant a token of its own.
 */
const VISITOR_COOKIE = { secure: '__Host-konsultacje.csrf', plain: 'konsultacje.csrf' } as const;
const VISITOR_TOKEN = /^[0-9a-f]{64}$/;

function visitorCookieToken(req: Request): string | undefined {
  const cookies = req.cookies as Record<string, string> | undefined;
  // The unprefixed name is read only over plain HTTP (development and tests): over HTTPS it could come from a subdomain.
  const token = cookies?.[req.secure ? VISITOR_COOKIE.secure : VISITOR_COOKIE.plain];
  return token && VISITOR_TOKEN.test(token) ? token : undefined;
}

/** The request carries the visitor's cookie token in its body (or header): a page of this site sent that form. */
function matchesVisitorToken(req: Request): boolean {
  const expected = visitorCookieToken(req);
  const given = getTokenFromRequest(req);
  return expected !== undefined && typeof given === 'string' && given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

export function verifyCsrf(baseUrl: string) {
  const ownHost = new URL(baseUrl).host;
  return (req: Request, res: Response, next: NextFunction) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) && foreignOrigin(req, ownHost)) return next(invalidCsrfTokenError);
    if (req.method === 'POST' && req.is('multipart/form-data') && UPLOAD_PATH.test(req.path)) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD' && matchesVisitorToken(req)) return next();
    csrfSynchronisedProtection(req, res, next);
  };
}

/** The check for an upload route, run after multer has parsed the body. */
export const verifyCsrfAfterUpload = csrfSynchronisedProtection;

/**
 * The token for a form on this page: the session's when the visitor has a session with anything in
 * it (signed in, a message, a token already), otherwise the visitor's cookie token, set here when
 * missing, so that reading a page with a form starts no session.
 */
export function csrfTokenFor(req: Request): string {
  if (sessionHoldsData(req)) return generateToken(req);
  const existing = visitorCookieToken(req);
  if (existing) return existing;
  const token = crypto.randomBytes(32).toString('hex');
  const name = req.secure ? VISITOR_COOKIE.secure : VISITOR_COOKIE.plain;
  req.res!.cookie(name, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
  // Several forms on one page share the token made for the first.
  (req.cookies as Record<string, string>)[name] = token;
  return token;
}
export function isCsrfError(error: unknown): boolean {
  return error === invalidCsrfTokenError || (error as { code?: string } | null)?.code === 'EBADCSRFTOKEN';
}
