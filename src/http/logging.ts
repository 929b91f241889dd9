// JSON logs with one request id per request; secrets (cookies, passwords, tokens) never logged.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { pino, type Level, type Logger } from 'pino';
import type { Config } from '../config.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request id, also sent to the browser as X-Request-Id. */
    id?: string;
  }
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.passwordHash', '*._csrf'], censor: '[redacted]' },
    ...(config.logPretty ? { transport: { target: 'pino-pretty' } } : {}),
  });
}

const levelOf = (status: number): Level => (status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info');
const unlogged = (url: string) => url === '/healthz' || url.startsWith('/public/');

/**
 * One line per request once it is answered (or abandoned by the client), with what identifies it and
 * nothing else: no headers (cookies, Set-Cookie) and the path without the query string, which may carry
 * tokens (password reset, e-mail confirmation). Written by hand rather than with pino-http, whose child
 * logger per request was a sixth of the CPU of a page answered from the render cache (docs/decisions.md 53).
 */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = crypto.randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    const url = req.url;
    if (!unlogged(url)) {
      const started = performance.now();
      const done = () => {
        res.removeListener('finish', done);
        res.removeListener('close', done);
        logCompleted(logger, req, res, id, url, performance.now() - started);
      };
      res.on('finish', done);
      res.on('close', done);
    }
    next();
  };
}

function logCompleted(logger: Logger, req: IncomingMessage, res: ServerResponse, id: string, url: string, ms: number) {
  const aborted = !res.writableFinished;
  const level: Level = aborted ? 'warn' : levelOf(res.statusCode);
  if (!logger.isLevelEnabled(level)) return;
  const entry = { req: { id, method: req.method, url: url.split('?')[0] }, res: { statusCode: res.statusCode }, responseTime: Math.round(ms) };
  logger[level](entry, aborted ? 'request aborted' : 'request completed');
}
