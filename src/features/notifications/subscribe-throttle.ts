// Sign-ups to e-mail notifications are limited per IP address (per hour) and per e-mail address (per
// day) with the shared counters of src/http/rate-limits.ts.
import type pg from 'pg';
import type { Config } from '../../config.js';
import { createIpAndAddressThrottle, type IpAndAddressThrottle } from '../../http/rate-limits.js';

export type SubscribeThrottle = IpAndAddressThrottle;

export function createSubscribeThrottle(pool: pg.Pool, limits: Config['subscribe']): SubscribeThrottle {
  return createIpAndAddressThrottle(pool, 'subscribe', limits);
}
