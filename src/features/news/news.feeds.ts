// The news feeds (all, or one district's): the shared feed builder with the news' own titles and items.
import { buildFeed } from '../../lib/feeds.js';
import type { Site } from '../consultations/calendar.view.js';
import type { Fmt } from '../consultations/consultations.view.js';
import type { NewsFeedRow } from './news.queries.js';
import { newsUrls } from './news.urls.js';

export function newsFeed(fmt: Fmt, site: Site & { siteName: string }, rows: readonly NewsFeedRow[], district: { slug: string; name: string } | null, now: Date) {
  const title = district ? fmt.t('news.feed.districtTitle', { district: district.name, site: site.siteName }) : fmt.t('news.feed.title', { site: site.siteName });
  return buildFeed({
    ...site,
    locale: fmt.locale,
    title,
    page: district ? `/dzielnice/${encodeURIComponent(district.slug)}` : newsUrls.list(),
    rss: newsUrls.rss(district),
    atom: newsUrls.atom(district),
    now,
    items: rows.map((n) => ({
      title: n.title,
      path: newsUrls.show(n),
      updated: n.updatedAt,
      published: n.publishedAt!,
      description: n.lead || undefined,
      contentHtml: n.bodyHtml,
      categories: [n.district?.name ?? fmt.t('news.cityWide')],
    })),
  });
}
