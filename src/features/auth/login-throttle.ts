// Failed logins slow down, then are refused for a while, per account and per IP. Counters live in
// PostgreSQL so every instance sees them; the account window starts at its first failure.
import type pg from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';

export interface LoginThrottle {
  /** Seconds the caller must wait, or 0; and a delay to apply before checking the password. */
  check(ip: string, email: string): Promise<{ blockedSeconds: number; delayMs: number }>;
  recordFailure(ip: string, email: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

export function createLoginThrottle(pool: pg.Pool, login: Config['login']): LoginThrottle {
  const common = { storeClient: pool, storeType: 'pool', tableName: 'rate_limit', tableCreated: true, clearExpiredByTimeout: true };
  const byAccount = new RateLimiterPostgres({ ...common, keyPrefix: 'login_account', points: login.maxFailuresPerAccount, duration: login.blockSeconds });
  const byIp = new RateLimiterPostgres({ ...common, keyPrefix: 'login_ip', points: login.maxFailuresPerIp, duration: 60 * 60 });
  const secondsLeft = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    async check(ip, email) {
      const [account, address] = await Promise.all([byAccount.get(email), byIp.get(ip)]);
      const accountFailures = account?.consumedPoints ?? 0;
      if (account && accountFailures >= login.maxFailuresPerAccount) return { blockedSeconds: secondsLeft(account.msBeforeNext), delayMs: 0 };
      if (address && address.consumedPoints >= login.maxFailuresPerIp) return { blockedSeconds: secondsLeft(address.msBeforeNext), delayMs: 0 };
      // After two failures each further try waits longer, up to a few seconds.
      const delayMs = accountFailures >= 2 ? Math.min(login.slowdownMs * (accountFailures - 1), 3000) : 0;
      return { blockedSeconds: 0, delayMs };
    },
    async recordFailure(ip, email) {
      await Promise.all([byAccount.penalty(email, 1), byIp.penalty(ip, 1)]);
    },
    async recordSuccess(email) {
      await byAccount.delete(email);
    },
  };
}
