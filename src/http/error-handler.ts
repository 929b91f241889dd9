// The one error handler: maps every error to a status and a Polish page in the frame.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { MessageKey } from '../i18n/pl.js';
import { isCsrfError } from './csrf.js';
import { AppError, NotFoundError, TooManyRequestsError, UnauthenticatedError } from './errors.js';

const TITLES: Record<number, MessageKey> = {
  400: 'errors.badRequest.title',
  403: 'errors.forbidden.title',
  404: 'errors.notFound.title',
  409: 'errors.conflict.title',
  413: 'errors.payloadTooLarge.title',
  429: 'errors.tooManyRequests.title',
  503: 'errors.unavailable.title',
};

interface Mapped {
  status: number;
  messageKey: MessageKey | string;
}

export function mapError(error: unknown): Mapped {
  if (error instanceof AppError) return { status: error.status, messageKey: error.messageKey };
  if (isCsrfError(error)) return { status: 403, messageKey: 'errors.csrf.body' };
  const e = error as { status?: number; statusCode?: number; type?: string; code?: string; name?: string };
  if (e?.name === 'PrismaClientKnownRequestError' && e.code === 'P2025') return { status: 404, messageKey: 'errors.notFound.body' };
  if (e?.name === 'PrismaClientKnownRequestError' && e.code === 'P2002') return { status: 409, messageKey: 'errors.conflict.body' };
  if (e?.code === 'LIMIT_FILE_SIZE' || e?.type === 'entity.too.large') return { status: 413, messageKey: 'errors.payloadTooLarge.body' };
  const status = e?.status ?? e?.statusCode;
  // Errors raised by body parsing and routing (malformed body, bad encoding, too many fields).
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, messageKey: status === 404 ? 'errors.notFound.body' : 'errors.badRequest.body' };
  return { status: 500, messageKey: 'errors.server.body' };
}

export const notFound: RequestHandler = () => {
  throw new NotFoundError();
};

export interface ErrorHandlerOptions {
  showStack: boolean;
  /** Told of every refused request (403): the audit log records permission denials and CSRF refusals. */
  onForbidden?: (req: Request, reason: string) => Promise<void>;
}

export function errorHandler(logger: Logger, options: ErrorHandlerOptions): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof UnauthenticatedError) {
      const back = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      return res.redirect(303, `/logowanie${back}`);
    }
    const { status, messageKey } = mapError(error);
    const log = { err: error, reqId: req.id, userId: req.user?.id, status };
    if (status >= 500) logger.error(log, 'request failed');
    else logger.info({ reqId: req.id, userId: req.user?.id, status, reason: messageKey }, 'request refused');
    if (error instanceof TooManyRequestsError && error.retryAfterSeconds) res.set('Retry-After', String(error.retryAfterSeconds));
    res.status(status);
    const render = () => renderFor(res, error, status, messageKey);
    if (status === 403 && options.onForbidden) {
      // Recorded before the answer goes out; a failure to record never hides the answer.
      return options.onForbidden(req, messageKey).then(
        () => render(),
        (auditError: unknown) => {
          logger.error({ err: auditError, reqId: req.id }, 'could not record a refused request');
          render();
        },
      );
    }
    render();
  };

  function renderFor(res: Response, error: unknown, status: number, messageKey: string) {
    // An error before the locals middleware (e.g. a malformed body) still gets a page.
    const t = res.locals.t as ((key: string) => string) | undefined;
    if (!t) return res.type('text/plain').send(`${status}`);
    res.render('errors/error', {
      status,
      titleKey: TITLES[status] ?? (status >= 500 ? 'errors.server.title' : 'errors.title'),
      messageKey,
      stack: options.showStack && status >= 500 ? (error as Error)?.stack : undefined,
    });
  }
}
