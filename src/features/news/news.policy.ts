// Who may manage which news: councillors their own district's, administrators any (city-wide ones
// too). Department staff and moderators may not post news (docs/decisions.md, 15).
import type { Db } from '../../db/client.js';
import { ForbiddenError, NotFoundError } from '../../http/errors.js';
import { can, type Actor } from '../../http/permissions.js';

export function canManageNews(user: Actor | null | undefined, news: { districtId: number | null }): boolean {
  return can(user, 'news:manage', { districtId: news.districtId });
}

/** Loads a news article the user may manage: 404 when missing, 403 when another district's. */
export async function findManageableNews(db: Db, user: Actor, id: number) {
  const news = await db.news.findUnique({ where: { id }, select: { id: true, slug: true, title: true, districtId: true, publishedAt: true } });
  if (!news) throw new NotFoundError();
  if (!canManageNews(user, news)) throw new ForbiddenError();
  return news;
}
