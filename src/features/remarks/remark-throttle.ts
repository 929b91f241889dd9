// Online remarks are limited per IP address, with the counters in PostgreSQL's rate_limit table like
// login throttling and sign-ups (decisions 7 and 15), so every instance shares them. A meeting in a
// hall on one network may send many, hence a generous limit.
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export const REMARKS_PER_IP_PER_HOUR = 20;

/** Seconds until this IP may submit again, or 0 when this submission is within the limit. */
export type RemarkThrottle = (ip: string) => Promise<number>;

export function createRemarkThrottle(pool: pg.Pool, points = REMARKS_PER_IP_PER_HOUR): RemarkThrottle {
  const limiter = new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'rate_limit', tableCreated: true, clearExpiredByTimeout: true, keyPrefix: 'remark_ip', points, duration: 60 * 60 });
  return async (ip) => {
    try {
      await limiter.consume(ip);
      return 0;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw refusal;
    }
  };
}
