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

export function verifyCsrf(req: Request, res: Response, next: NextFunction) {
  if (req.method === 'POST' && req.is('multipart/form-data') && UPLOAD_PATH.test(req.path)) return next();
  csrfSynchronisedProtection(req, res, next);
}

/** The check for an upload route, run after multer has parsed the body. */
export const verifyCsrfAfterUpload = csrfSynchronisedProtection;

export const csrfTokenFor = (req: Request) => generateToken(req);
export function isCsrfError(error: unknown): boolean {
  return error === invalidCsrfTokenError || (error as { code?: string } | null)?.code === 'EBADCSRFTOKEN';
}
