// View models of the public investment pages: every value formatted for the resident's language.
import { attachmentUrls } from '../attachments/attachment-urls.js';
import { publicDocument } from '../attachments/public-documents.js';
import { thumbnailSize } from '../attachments/images.js';
import type { Fmt } from '../consultations/consultations.view.js';
import { consultationUrls } from '../consultations/consultations.urls.js';
import { districtUrls } from '../districts/districts.urls.js';
import type { InvestmentStatus } from '../../generated/prisma/enums.js';
import { paramOfStatus } from './investment-status.js';
import { formatAmount, formatBudget, formatDegrees, sharePercent } from './investments.format.js';
import type { InvestmentDetail, InvestmentListRow } from './investments.queries.js';
import { investmentUrls } from './investments.urls.js';

export function statusLabel(fmt: Fmt, status: InvestmentStatus) {
  return { label: fmt.t(`investments.status.${status}`), modifier: paramOfStatus(status) };
}

/** "3 marca 2025 – 30 czerwca 2026", "od 3 marca 2025", "do 30 czerwca 2026", or null. */
export function rangeText(fmt: Fmt, start: Date | null, end: Date | null): string | null {
  if (start && end) return fmt.t('investments.dates.range', { start: fmt.formatDate(start), end: fmt.formatDate(end) });
  if (start) return fmt.t('investments.dates.from', { start: fmt.formatDate(start) });
  if (end) return fmt.t('investments.dates.until', { end: fmt.formatDate(end) });
  return null;
}

function fundingText(fmt: Fmt, i: Pick<InvestmentListRow, 'budgetGrosze' | 'euFundingGrosze'>): string | null {
  if (i.euFundingGrosze === null || i.euFundingGrosze === 0n) return null;
  const share = sharePercent(i.euFundingGrosze, i.budgetGrosze);
  const amount = formatBudget(i.euFundingGrosze, fmt.locale);
  return share === null ? fmt.t('investments.funding.eu', { amount }) : fmt.t('investments.funding.euShare', { amount, share: String(share) });
}

export function investmentItemView(fmt: Fmt, i: InvestmentListRow) {
  return {
    title: i.title,
    href: investmentUrls.show(i),
    summary: i.summary,
    status: statusLabel(fmt, i.status),
    department: i.department.name,
    districts: i.districts.map((d) => ({ name: d.district.name, href: districtUrls.show(d.district) })),
    budget: i.budgetGrosze === null ? null : formatBudget(i.budgetGrosze, fmt.locale),
    budgetExact: i.budgetGrosze === null ? null : formatAmount(i.budgetGrosze, fmt.locale),
    funding: fundingText(fmt, i),
    planned: rangeText(fmt, i.plannedStart, i.plannedEnd),
    actual: rangeText(fmt, i.actualStart, i.actualEnd),
    address: i.address,
    onMap: i.latitude !== null && i.longitude !== null,
  };
}
export type InvestmentItemView = ReturnType<typeof investmentItemView>;

const imageView = (a: InvestmentDetail['attachments'][number]) => ({
  href: attachmentUrls.download(a),
  src: a.thumbnailName ? attachmentUrls.thumbnail(a) : attachmentUrls.download(a),
  alt: a.altText,
  caption: a.title,
  size: thumbnailSize(a.width, a.height),
});

export function investmentDetailView(fmt: Fmt, i: InvestmentDetail, now: Date) {
  const images = i.attachments.filter((a) => a.kind === 'IMAGE');
  return {
    ...investmentItemView(fmt, i),
    // Rendered from Markdown and sanitised when it was saved (src/lib/markdown.ts).
    descriptionHtml: i.descriptionHtml,
    fundingSources: i.fundingSources.split('\n').map((l) => l.trim()).filter(Boolean),
    point: i.latitude !== null && i.longitude !== null ? { lat: i.latitude, lon: i.longitude } : null,
    coordinates: i.latitude !== null && i.longitude !== null ? fmt.t('investments.show.coordinates', { lat: formatDegrees(i.latitude, fmt.locale), lon: formatDegrees(i.longitude, fmt.locale) }) : null,
    contact: { name: i.contactName, email: i.contactEmail, phone: i.contactPhone },
    consultation: i.consultation && i.consultation.publishedAt && i.consultation.publishedAt <= now ? { title: i.consultation.title, href: consultationUrls.show(i.consultation) } : null,
    updates: i.updates.map((u) => ({
      id: u.id,
      date: fmt.formatDate(u.date),
      dateIso: u.date.toISOString().slice(0, 10),
      title: u.title,
      bodyHtml: u.bodyHtml,
      photos: images.filter((a) => a.investmentUpdateId === u.id).map(imageView),
    })),
    // Photos not shown with an update form the gallery.
    images: images.filter((a) => a.investmentUpdateId === null).map(imageView),
    documents: i.attachments
      .filter((a) => a.kind === 'DOCUMENT')
      .map((a) => publicDocument(a, fmt.formatFileSize)),
  };
}
