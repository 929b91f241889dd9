// What a list page offers of its data: its feeds (also announced with <link rel="alternate">) and
// its CSV with the page's own filters. Used by the consultation, news, investment and calendar pages.
import type { Fmt } from '../consultations/consultations.view.js';
import { opendataUrls } from './opendata.urls.js';

type Query = Record<string, string | number | undefined>;

export const openDataLinks = {
  consultations: (fmt: Fmt, query: Query) => ({
    feeds: { ...opendataUrls.feeds.consultations, rssTitle: fmt.t('opendata.feed.consultations.rss'), atomTitle: fmt.t('opendata.feed.consultations.atom') },
    csv: opendataUrls.csv.consultations(query),
  }),
  investments: (fmt: Fmt, query: Query) => ({
    feeds: { ...opendataUrls.feeds.investments, rssTitle: fmt.t('opendata.feed.investments.rss'), atomTitle: fmt.t('opendata.feed.investments.atom') },
    csv: opendataUrls.csv.investments(query),
  }),
  news: (query: Query) => ({ csv: opendataUrls.csv.news(query) }),
  meetings: () => ({ csv: opendataUrls.csv.meetings() }),
};
