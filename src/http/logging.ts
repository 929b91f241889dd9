// JSON logs with one request id per request; secrets (cookies, passwords, tokens) never logged.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config.js';

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.passwordHash', '*._csrf'], censor: '[redacted]' },
    ...(config.logPretty ? { transport: { target: 'pino-pretty' } } : {}),
  });
}

export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = crypto.randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Query strings may carry tokens (password reset, e-mail confirmation): log the path only.
    serializers: {
      req: (req: IncomingMessage & { id?: string; raw?: IncomingMessage }) => ({ id: req.id, method: req.method, url: (req.url ?? '').split('?')[0] }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/healthz' || (req.url ?? '').startsWith('/public/') },
  });
}
