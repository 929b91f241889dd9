// View models of the public news pages: formatted values only.
import { attachmentUrls } from '../attachments/attachment-urls.js';
import { publicDocument } from '../attachments/public-documents.js';
import { thumbnailSize } from '../attachments/images.js';
import type { Fmt } from '../consultations/consultations.view.js';
import { districtUrls } from '../districts/districts.urls.js';
import type { NewsDetail, NewsListRow } from './news.queries.js';
import { newsUrls } from './news.urls.js';

export function newsItemView(fmt: Fmt, n: NewsListRow) {
  return {
    title: n.title,
    lead: n.lead,
    href: newsUrls.show(n),
    date: n.publishedAt ? fmt.formatDate(n.publishedAt) : '',
    dateIso: n.publishedAt ? fmt.isoDate(n.publishedAt) : '',
    district: n.district ? { name: n.district.name, href: districtUrls.show(n.district) } : null,
    scope: n.district ? n.district.name : fmt.t('news.cityWide'),
  };
}
export type NewsItemView = ReturnType<typeof newsItemView>;

export function newsDetailView(fmt: Fmt, n: NewsDetail) {
  return {
    ...newsItemView(fmt, n),
    // Rendered from Markdown and sanitised when it was saved (src/lib/markdown.ts).
    bodyHtml: n.bodyHtml,
    documents: n.attachments
      .filter((a) => a.kind === 'DOCUMENT')
      .map((a) => publicDocument(a, fmt.formatFileSize)),
    images: n.attachments
      .filter((a) => a.kind === 'IMAGE')
      .map((a) => ({ href: attachmentUrls.download(a), src: a.thumbnailName ? attachmentUrls.thumbnail(a) : attachmentUrls.download(a), alt: a.altText, caption: a.title, size: thumbnailSize(a.width, a.height) })),
  };
}
