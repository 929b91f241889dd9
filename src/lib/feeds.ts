// RSS 2.0 and Atom feeds (the `feed` package) with absolute links, stable ids and escaped plain text,
// shared by the news, consultation and investment feeds.
import type { Response } from 'express';
import { Feed } from 'feed';

export type FeedFormat = 'rss' | 'atom';

export interface FeedSpec {
  baseUrl: string;
  siteName: string;
  locale: string;
  title: string;
  /** The page the feed follows (its link and id). */
  page: string;
  rss: string;
  atom: string;
  /** When nothing is in the feed: the feed's own "updated". */
  now: Date;
  items: readonly FeedItem[];
}

export interface FeedItem {
  /** Plain text (escaped here). */
  title: string;
  /** Path of the item's page; its absolute URL is its link. */
  path: string;
  /** A distinct id when one page has several entries (a status change of a consultation); defaults to the link. */
  id?: string;
  updated: Date;
  published: Date;
  /** Plain text (escaped here). */
  description?: string | undefined;
  /** HTML sanitised on save. */
  contentHtml?: string | undefined;
  categories?: string[];
}

const absolute = (baseUrl: string, path: string) => new URL(path, baseUrl).href;

// The library writes Atom titles and summaries as type="html" and RSS ones in CDATA, which readers
// also treat as HTML: plain text from staff is escaped so that "<" stays a character, never markup.
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function buildFeed(spec: FeedSpec): Feed {
  const feed = new Feed({
    title: spec.title,
    description: spec.title,
    id: absolute(spec.baseUrl, spec.page),
    link: absolute(spec.baseUrl, spec.page),
    language: spec.locale,
    // The newest change, so readers see an unchanged feed as unchanged.
    updated: spec.items.reduce<Date | undefined>((latest, i) => (!latest || i.updated > latest ? i.updated : latest), undefined) ?? spec.now,
    generator: spec.siteName,
    copyright: spec.siteName,
    feedLinks: { rss: absolute(spec.baseUrl, spec.rss), atom: absolute(spec.baseUrl, spec.atom) },
  });
  for (const item of spec.items) {
    const link = absolute(spec.baseUrl, item.path);
    feed.addItem({
      title: escapeHtml(item.title),
      id: item.id ? absolute(spec.baseUrl, item.id) : link,
      link,
      date: item.updated,
      published: item.published,
      description: item.description ? escapeHtml(item.description) : undefined,
      content: item.contentHtml,
      category: (item.categories ?? []).map((name) => ({ name })),
    });
  }
  return feed;
}

export function sendFeed(res: Response, format: FeedFormat, feed: Feed) {
  if (format === 'rss') res.type('application/rss+xml; charset=utf-8').send(feed.rss2());
  else res.type('application/atom+xml; charset=utf-8').send(feed.atom1());
}
