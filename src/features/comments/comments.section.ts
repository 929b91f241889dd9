// The "Wymiana opinii" section of a consultation's page: how many comments, and the way in.
import type { Db } from '../../db/client.js';
import { statusOf, type StatusFields } from '../consultations/consultation-status.js';
import { countPublished } from './comments.service.js';
import { commentUrls } from './comments.urls.js';

export async function discussionSummary(db: Db, c: StatusFields & { id: number; slug: string }, now: Date) {
  return { count: await countPublished(db, c.id), open: statusOf(c, now) === 'OPEN', href: commentUrls.list(c), formHref: commentUrls.form(c) };
}
