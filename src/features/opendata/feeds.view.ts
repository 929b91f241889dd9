// The consultation and investment feeds: each consultation gives an entry for each change a resident
// could notice (publication, start, end, report, cancellation, postponement); an investment one entry.
import type { FeedItem, FeedSpec } from '../../lib/feeds.js';
import type { Fmt } from '../consultations/consultations.view.js';
import type { ConsultationFeedRow } from '../consultations/consultations.queries.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import type { InvestmentFeedRow } from '../investments/investments.queries.js';
import { investmentUrls } from '../investments/investments.urls.js';
import { opendataUrls } from './opendata.urls.js';

type Site = Pick<FeedSpec, 'baseUrl' | 'siteName'>;
export const FEED_SIZE = 30;

type Change = 'published' | 'opened' | 'closed' | 'report' | 'cancelled' | 'postponed';

function changesOf(c: ConsultationFeedRow, now: Date): { change: Change; at: Date }[] {
  const published = c.publishedAt!;
  const changes: { change: Change; at: Date }[] = [{ change: 'published', at: published }];
  // A change before publication was never news: the "new consultation" entry already says it.
  const after = (at: Date | null) => at !== null && at > published && at <= now;
  if (c.state === 'ACTIVE' && after(c.startsAt)) changes.push({ change: 'opened', at: c.startsAt });
  if (c.state === 'ACTIVE' && after(c.endsAt)) changes.push({ change: 'closed', at: c.endsAt });
  if (after(c.reportPublishedAt)) changes.push({ change: 'report', at: c.reportPublishedAt! });
  if (c.state === 'CANCELLED') changes.push({ change: 'cancelled', at: c.updatedAt });
  if (c.state === 'POSTPONED') changes.push({ change: 'postponed', at: c.updatedAt });
  return changes;
}

export function consultationsFeedSpec(fmt: Fmt, site: Site, rows: readonly ConsultationFeedRow[], now: Date): FeedSpec {
  const items: FeedItem[] = rows
    .flatMap((c) =>
      changesOf(c, now).map((ch) => ({
        title: fmt.t(`opendata.feed.consultation.${ch.change}`, { title: c.title }),
        path: consultationUrls.show(c),
        // One page, several entries: each change has an id of its own, so readers show each once.
        id: `${consultationUrls.show(c)}#${ch.change}`,
        updated: ch.at,
        published: ch.at,
        description: c.summary || undefined,
        categories: [c.department.name],
      })),
    )
    .sort((a, b) => b.updated.getTime() - a.updated.getTime())
    .slice(0, FEED_SIZE);
  const feeds = opendataUrls.feeds.consultations;
  return { ...site, locale: fmt.locale, title: fmt.t('opendata.feed.consultations.title', { site: site.siteName }), page: consultationUrls.list(), rss: feeds.rss, atom: feeds.atom, now, items };
}

export function investmentsFeedSpec(fmt: Fmt, site: Site, rows: readonly InvestmentFeedRow[], now: Date): FeedSpec {
  const feeds = opendataUrls.feeds.investments;
  return {
    ...site,
    locale: fmt.locale,
    title: fmt.t('opendata.feed.investments.title', { site: site.siteName }),
    page: investmentUrls.list(),
    rss: feeds.rss,
    atom: feeds.atom,
    now,
    items: rows.map((i) => ({
      title: fmt.t('opendata.feed.investment.item', { title: i.title, status: fmt.t(`investments.status.${i.status}`) }),
      path: investmentUrls.show(i),
      // Edited before it was published: the publication is its first change.
      updated: i.updatedAt > i.publishedAt! ? i.updatedAt : i.publishedAt!,
      published: i.publishedAt!,
      description: i.summary || undefined,
      categories: [i.department.name],
    })),
  };
}
