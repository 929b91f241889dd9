// The duty pages the portal knows: their addresses, titles and panel URLs. Their content is data.
import type { MessageKey } from '../../i18n/pl.js';

export const CONTENT_PAGES = {
  'polityka-prywatnosci': { titleKey: 'page.privacy' },
  regulamin: { titleKey: 'page.rules' },
  kontakt: { titleKey: 'page.contact' },
  'o-platformie': { titleKey: 'page.about' },
  // The consultation rules: the council's resolution and a plain-language summary (issue 13).
  zasady: { titleKey: 'page.consultationRules' },
} as const satisfies Record<string, { titleKey: MessageKey }>;

export type ContentSlug = keyof typeof CONTENT_PAGES;
export const CONTENT_SLUGS = Object.keys(CONTENT_PAGES) as ContentSlug[];

export const STATEMENT_PATH = '/deklaracja-dostepnosci';

export const contentUrls = {
  page: (slug: ContentSlug) => `/${slug}`,
  statement: () => STATEMENT_PATH,
  panelList: () => '/panel/strony',
  panelPage: (slug: ContentSlug) => `/panel/strony/${slug}`,
  panelStatement: () => '/panel/strony/deklaracja-dostepnosci',
};
