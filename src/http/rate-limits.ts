// Counters for "at most N per window" limits on residents' forms (sign-ups, comments, reports), kept in
// PostgreSQL's rate_limit table like login throttling so all instances share them. E-mail addresses
// are counted under their SHA-256, so the table holds no address.
import crypto from 'node:crypto';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimit {
  /** Counts one attempt: milliseconds until the key may act again, or 0 when this one is within the limit. */
  take(key: string): Promise<number>;
}

export function createRateLimit(pool: pg.Pool, keyPrefix: string, points: number, durationSeconds: number): RateLimit {
  const limiter = new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: 'rate_limit', tableCreated: true, clearExpiredByTimeout: true, keyPrefix, points, duration: durationSeconds });
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return 0;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
        throw refusal;
      }
    },
  };
}

/** The key an e-mail address is counted under. */
export const addressKey = (email: string) => crypto.createHash('sha256').update(email).digest('hex');

export interface IpAndAddressThrottle {
  /** Counts one attempt: seconds until this IP may try again (0: allowed), and whether the address had too many. */
  consume(ip: string, email: string): Promise<{ ipBlockedSeconds: number; addressExceeded: boolean }>;
}

/** A limit per IP address per hour and per e-mail address per day; the address counts only when the IP passed. */
export function createIpAndAddressThrottle(pool: pg.Pool, prefix: string, limits: { maxPerIpPerHour: number; maxPerAddressPerDay: number }): IpAndAddressThrottle {
  const byIp = createRateLimit(pool, `${prefix}_ip`, limits.maxPerIpPerHour, 60 * 60);
  const byAddress = createRateLimit(pool, `${prefix}_address`, limits.maxPerAddressPerDay, 24 * 60 * 60);
  return {
    async consume(ip, email) {
      const ipWait = await byIp.take(ip);
      if (ipWait > 0) return { ipBlockedSeconds: Math.ceil(ipWait / 1000), addressExceeded: false };
      return { ipBlockedSeconds: 0, addressExceeded: (await byAddress.take(addressKey(email))) > 0 };
    },
  };
}
