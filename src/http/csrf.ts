// Synchroniser-token CSRF protection on every state-changing request (token kept in the session).
// Multipart bodies are parsed by each upload route, so their check runs after multer (see uploads);
// the global check lets a multipart request through only to such a route, recognised by its path.
import { csrfSync } from 'csrf-sync';
import type { NextFunction, Request, Response } from 'express';

const { csrfSynchronisedProtection, generateToken, invalidCsrfTokenError } = csrfSync({
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

export function verifyCsrf(baseUrl: string) {
  const ownHost = new URL(baseUrl).host;
  return (req: Request, res: Response, next: NextFunction) => {
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) && foreignOrigin(req, ownHost)) return next(invalidCsrfTokenError);
    if (req.method === 'POST' && req.is('multipart/form-data') && UPLOAD_PATH.test(req.path)) return next();
    csrfSynchronisedProtection(req, res, next);
  };
}

/** The check for an upload route, run after multer has parsed the body. */
export const verifyCsrfAfterUpload = csrfSynchronisedProtection;

export const csrfTokenFor = (req: Request) => generateToken(req);
export function isCsrfError(error: unknown): boolean {
  return error === invalidCsrfTokenError || (error as { code?: string } | null)?.code === 'EBADCSRFTOKEN';
}
