// Who is answering, as far as the participation rule needs to know and no further: a random browser
// id in a signed cookie, and keyed HMACs (never the id or the address itself) stored with responses.
// Keys are per survey, so responses to two surveys cannot be linked through them.
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export const BROWSER_COOKIE = 'ankiety';
const COOKIE_MAX_AGE_MS = 2 * 365 * 24 * 3600 * 1000;

export function hmac(secret: string, label: string): string {
  return crypto.createHmac('sha256', secret).update(label).digest('hex');
}

export const surveyKeys = (secret: string) => ({
  browser: (surveyId: number, browserId: string) => hmac(secret, `survey-browser:${surveyId}:${browserId}`),
  email: (surveyId: number, email: string) => hmac(secret, `survey-email:${surveyId}:${email.trim().toLowerCase()}`),
});

const sign = (secret: string, id: string) => hmac(secret, `survey-cookie:${id}`).slice(0, 32);

/** The browser id from a cookie we signed, or null (none, or tampered with). */
export function browserIdOf(req: Request, secret: string): string | null {
  const raw: unknown = req.cookies?.[BROWSER_COOKIE];
  if (typeof raw !== 'string') return null;
  const [id, signature] = raw.split('.');
  if (!id || !signature || !/^[A-Za-z0-9_-]{22}$/.test(id)) return null;
  const expected = sign(secret, id);
  return signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected)) ? id : null;
}

/** The browser's id, set as a new signed cookie when it has none (a functional cookie, see the privacy page). */
export function ensureBrowserId(req: Request, res: Response, secret: string): string {
  const existing = browserIdOf(req, secret);
  if (existing) return existing;
  const id = crypto.randomBytes(16).toString('base64url');
  res.cookie(BROWSER_COOKIE, `${id}.${sign(secret, id)}`, { maxAge: COOKIE_MAX_AGE_MS, httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/ankiety' });
  return id;
}

export interface SurveyThrottle {
  /** Counts one submission from this IP to this survey; seconds to wait, or 0. */
  submission(ip: string, surveyId: number): Promise<number>;
  /** Counts one request for an e-mail link from this IP; seconds to wait, or 0. */
  emailLink(ip: string): Promise<number>;
}

// Clearing cookies defeats "one per browser"; the per-IP limit bounds what that gains (shared
// addresses, e.g. a school, still get a generous number).
export function createSurveyThrottle(pool: pg.Pool, limits = { submissionsPerIpPerHour: 30, linksPerIpPerHour: 10 }): SurveyThrottle {
  const common = { storeClient: pool, storeType: 'pool', tableName: 'rate_limit', tableCreated: true, clearExpiredByTimeout: true };
  const submissions = new RateLimiterPostgres({ ...common, keyPrefix: 'survey_submit', points: limits.submissionsPerIpPerHour, duration: 3600 });
  const links = new RateLimiterPostgres({ ...common, keyPrefix: 'survey_link', points: limits.linksPerIpPerHour, duration: 3600 });
  async function take(limiter: RateLimiterPostgres, key: string): Promise<number> {
    try {
      await limiter.consume(key);
      return 0;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw refusal;
    }
  }
  return {
    submission: (ip, surveyId) => take(submissions, `${surveyId}:${ip}`),
    emailLink: (ip) => take(links, ip),
  };
}
