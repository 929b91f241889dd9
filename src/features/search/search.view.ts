// View models of the search page: every text as segments (templates escape all of it and wrap hits in
// <mark>), links built by each feature's URL helpers, formatted values only.
import { attachmentUrls } from '../attachments/attachment-urls.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import { datesText, type Fmt } from '../consultations/consultations.view.js';
import { investmentUrls } from '../investments/investments.urls.js';
import { newsUrls } from '../news/news.urls.js';
import { surveyUrls } from '../surveys/surveys.urls.js';
import { KIND_PARAM_OF, type KindParam } from './search.schema.js';
import type { SearchItem, SearchResult } from './search.service.js';
import { SEARCH_KINDS } from './search.queries.js';
import { segments } from './search.terms.js';
import { searchUrls } from './search.urls.js';

function itemView(fmt: Fmt, item: SearchItem) {
  const base = { kind: item.kind, kindLabel: fmt.t(`search.kind.${item.kind}`), title: segments(item.hit.title), snippet: segments(item.hit.snippet) };
  switch (item.kind) {
    case 'CONSULTATION':
      return { ...base, href: consultationUrls.show(item.record), meta: [item.record.department.name, datesText(fmt, item.record)], location: '', parent: null };
    case 'NEWS':
      return { ...base, href: newsUrls.show(item.record), meta: [item.record.district?.name ?? fmt.t('news.cityWide'), item.record.publishedAt ? fmt.formatDate(item.record.publishedAt) : ''].filter(Boolean), location: '', parent: null };
    case 'INVESTMENT':
      return { ...base, href: investmentUrls.show(item.record), meta: [item.record.department.name, fmt.t(`investments.status.${item.record.status}`)], location: '', parent: null };
    case 'SURVEY':
      return { ...base, kindLabel: fmt.t(`search.kind.SURVEY.${item.record.kind}`), href: surveyUrls.show(item.record), meta: [fmt.t('search.surveyDates', { start: fmt.formatDate(item.record.opensAt), end: fmt.formatDate(item.record.closesAt) })], location: '', parent: null };
    case 'DOCUMENT': {
      const a = item.record;
      const owner = a.consultation ? { ...a.consultation, href: consultationUrls.show(a.consultation) } : a.news ? { ...a.news, href: newsUrls.show(a.news) } : a.investment ? { ...a.investment, href: investmentUrls.show(a.investment) } : null;
      const location = item.hit.page ? fmt.t('search.document.page', { page: item.hit.page }) : item.hit.section ? fmt.t('search.document.section', { section: item.hit.section }) : '';
      return { ...base, href: attachmentUrls.download(a), meta: [`${a.extension.toUpperCase()}, ${fmt.formatFileSize(a.sizeBytes)}`], location, parent: owner ? { title: owner.title, href: owner.href } : null };
    }
  }
}
export type SearchItemView = ReturnType<typeof itemView>;

/** A count that stopped at COUNT_CAP is a lower bound, and the page says so. */
const countText = (fmt: Fmt, count: number, capped: boolean) => (capped ? fmt.t('search.atLeast', { count }) : String(count));

/** The kinds as filter choices, each with its count; the chosen one marked. */
function kindChoices(fmt: Fmt, text: string, result: SearchResult, chosen: KindParam | undefined) {
  return SEARCH_KINDS.map((kind) => ({
    value: KIND_PARAM_OF[kind],
    label: fmt.t(`search.kinds.${kind}`),
    count: countText(fmt, result.counts[kind], result.capped[kind]),
    checked: KIND_PARAM_OF[kind] === chosen,
    href: searchUrls.page({ q: text, rodzaj: KIND_PARAM_OF[kind] }),
  }));
}

export function searchPageView(fmt: Fmt, text: string, chosen: KindParam | undefined, result: SearchResult) {
  return {
    q: text,
    searched: result.words.length > 0,
    total: result.total,
    totalCapped: result.totalCapped,
    totalText: countText(fmt, result.total, result.totalCapped),
    /** Only the ranked candidates can be paged: said when they are fewer than the matches. */
    rankedOnly: result.page.total < result.matching ? result.page.total : null,
    chosen: chosen ?? '',
    kinds: kindChoices(fmt, text, result, chosen),
    allHref: searchUrls.page({ q: text }),
    items: result.page.items.map((item) => itemView(fmt, item)),
    firstNumber: (result.page.page - 1) * result.page.pageSize + 1,
  };
}

