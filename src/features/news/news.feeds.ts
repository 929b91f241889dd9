// RSS 2.0 and Atom feeds of news (all, or one district's), with absolute links and stable ids.
import { Feed } from 'feed';
import type { Site } from '../consultations/calendar.view.js';
import type { Fmt } from '../consultations/consultations.view.js';
import type { NewsFeedRow } from './news.queries.js';
import { newsUrls } from './news.urls.js';

export type FeedFormat = 'rss' | 'atom';

const absolute = (site: Site, path: string) => new URL(path, site.baseUrl).href;

// The library writes Atom titles and summaries as type="html" and RSS ones in CDATA, which readers
// also treat as HTML: plain text from staff is escaped so that "<" stays a character, never markup.
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function newsFeed(fmt: Fmt, site: Site & { siteName: string }, rows: readonly NewsFeedRow[], district: { slug: string; name: string } | null, now: Date): Feed {
  const title = district ? fmt.t('news.feed.districtTitle', { district: district.name, site: site.siteName }) : fmt.t('news.feed.title', { site: site.siteName });
  const page = district ? `/dzielnice/${encodeURIComponent(district.slug)}` : newsUrls.list();
  const feed = new Feed({
    title,
    description: title,
    id: absolute(site, page),
    link: absolute(site, page),
    language: fmt.locale,
    // The newest change, so readers see an unchanged feed as unchanged.
    updated: rows.reduce<Date | undefined>((latest, n) => (!latest || n.updatedAt > latest ? n.updatedAt : latest), undefined) ?? now,
    generator: site.siteName,
    copyright: site.siteName,
    feedLinks: { rss: absolute(site, newsUrls.rss(district)), atom: absolute(site, newsUrls.atom(district)) },
  });
  for (const n of rows) {
    const link = absolute(site, newsUrls.show(n));
    feed.addItem({
      title: escapeHtml(n.title),
      id: link,
      link,
      date: n.updatedAt,
      published: n.publishedAt!,
      description: n.lead ? escapeHtml(n.lead) : undefined,
      content: n.bodyHtml,
      category: [{ name: n.district?.name ?? fmt.t('news.cityWide') }],
    });
  }
  return feed;
}
