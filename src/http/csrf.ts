// Synchroniser-token CSRF protection on every state-changing request (token kept in the session).
import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';

const { csrfSynchronisedProtection, generateToken, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const body = req.body as Record<string, unknown> | undefined;
    const token = body?._csrf ?? req.get('x-csrf-token');
    return typeof token === 'string' ? token : undefined;
  },
});

export const verifyCsrf = csrfSynchronisedProtection;
export const csrfTokenFor = (req: Request) => generateToken(req);
export function isCsrfError(error: unknown): boolean {
  return error === invalidCsrfTokenError || (error as { code?: string } | null)?.code === 'EBADCSRFTOKEN';
}
