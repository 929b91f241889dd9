// Comments and replies are limited per IP address (per hour) and per e-mail address (per day), reports
// per IP address (per hour), with the shared counters of src/http/rate-limits.ts. No CAPTCHA: it
// would shut out blind residents.
import type pg from 'pg';
import type { Config } from '../../config.js';
import { createIpAndAddressThrottle, createRateLimit, type IpAndAddressThrottle } from '../../http/rate-limits.js';

export interface CommentThrottle {
  comment: IpAndAddressThrottle;
  /** Seconds until this IP may report again, 0 when allowed. */
  report(ip: string): Promise<number>;
}

export function createCommentThrottle(pool: pg.Pool, limits: Config['comments']): CommentThrottle {
  const reports = createRateLimit(pool, 'comment_report_ip', limits.reportsPerIpPerHour, 60 * 60);
  return {
    comment: createIpAndAddressThrottle(pool, 'comment', limits),
    report: async (ip) => Math.ceil((await reports.take(ip)) / 1000),
  };
}
