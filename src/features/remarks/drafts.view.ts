// The view model of the draft page: every fragment with its label, counts and links, formatted.
import type { Fmt } from '../consultations/consultations.view.js';
import type { currentDraft, draftVersions } from './drafts.service.js';
import { remarkUrls } from './remarks.urls.js';

type Draft = NonNullable<Awaited<ReturnType<typeof currentDraft>>>;

interface DraftPage {
  c: { slug: string; title: string; open: boolean };
  draft: Draft;
  current: boolean;
  versions: Awaited<ReturnType<typeof draftVersions>>;
  remarks: Map<string, number>;
  comments: Map<string, number>;
}

/** versionInAddress: the page was opened by its version's own address, so its title names the version (titles stay unique). */
export function draftPageView(fmt: Fmt, { c, draft, current, versions, remarks, comments }: DraftPage, versionInAddress = false) {
  // Remarks and comments are taken on the current version only, while the consultation is open.
  const linksOn = current && c.open;
  return {
    title: versionInAddress ? fmt.t('drafts.page.titleVersion', { title: c.title, version: draft.version }) : fmt.t('drafts.page.title', { title: c.title }),
    c: { title: c.title, href: remarkUrls.consultation(c) },
    heading: draft.title || fmt.t('drafts.page.heading'),
    versionText: fmt.t('drafts.page.version', { version: draft.version, date: fmt.formatDate(draft.createdAt) }),
    current,
    currentHref: remarkUrls.draft(c),
    open: c.open,
    otherVersions: versions.filter((v) => v.version !== draft.version).map((v) => ({ label: fmt.t('drafts.page.version', { version: v.version, date: fmt.formatDate(v.createdAt) }), href: remarkUrls.draftVersion(c, v.version) })),
    fragments: draft.fragments.map((f) => ({
      anchor: f.anchor,
      level: f.level,
      label: f.label,
      // Rendered from Markdown with HTML disabled when staff saved the draft (src/lib/markdown.ts).
      html: f.html,
      heading: f.level === 0,
      counts: fmt.t('drafts.page.counts', { remarks: fmt.formatNumber(remarks.get(f.anchor) ?? 0), comments: fmt.formatNumber(comments.get(f.anchor) ?? 0) }),
      remarkHref: linksOn ? remarkUrls.form(c, f.anchor) : null,
      commentHref: linksOn ? `${remarkUrls.consultation(c)}/dyskusja?fragment=${encodeURIComponent(f.anchor)}` : null,
    })),
    breadcrumbs: [{ key: 'nav.consultations', href: '/konsultacje' }, { label: c.title, href: remarkUrls.consultation(c) }, { key: 'drafts.page.crumb' }],
  };
}
