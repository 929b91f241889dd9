// Server-side sessions in PostgreSQL, so any instance serves any user.
import connectPgSimple from 'connect-pg-simple';
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

declare module 'express-session' {
  interface SessionData {
    previousLoginAt?: string;
    flash?: { kind: 'success' | 'info'; key: string; params?: Record<string, string> }[];
  }
}
