// Sign-ups to e-mail notifications are limited per IP address (per hour) and per e-mail address (per
// day), with counters in PostgreSQL's rate_limit table like login throttling, so all instances share
// them. Addresses are counted under their SHA-256, so the table holds no e-mail address.
import crypto from 'node:crypto';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';

export interface SubscribeThrottle {
  /** Counts one sign-up: seconds until this IP may sign up again (0: allowed), and whether the address had too many. */
  consume(ip: string, email: string): Promise<{ ipBlockedSeconds: number; addressExceeded: boolean }>;
}

export function createSubscribeThrottle(pool: pg.Pool, limits: Config['subscribe']): SubscribeThrottle {
  const common = { storeClient: pool, storeType: 'pool', tableName: 'rate_limit', tableCreated: true, clearExpiredByTimeout: true };
  const byIp = new RateLimiterPostgres({ ...common, keyPrefix: 'subscribe_ip', points: limits.maxPerIpPerHour, duration: 60 * 60 });
  const byAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'subscribe_address', points: limits.maxPerAddressPerDay, duration: 24 * 60 * 60 });

  /** Milliseconds until the key may act again, or 0 when this attempt is within the limit. */
  async function take(limiter: RateLimiterPostgres, key: string): Promise<number> {
    try {
      await limiter.consume(key);
      return 0;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
      throw refusal;
    }
  }

  return {
    async consume(ip, email) {
      const ipWait = await take(byIp, ip);
      if (ipWait > 0) return { ipBlockedSeconds: Math.ceil(ipWait / 1000), addressExceeded: false };
      const hashed = crypto.createHash('sha256').update(email).digest('hex');
      return { ipBlockedSeconds: 0, addressExceeded: (await take(byAddress, hashed)) > 0 };
    },
  };
}
