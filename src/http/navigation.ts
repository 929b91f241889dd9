// The site's navigation, used by the layout and the site map page.
import type { MessageKey } from '../i18n/pl.js';

export interface NavItem {
  key: MessageKey;
  href: string;
}

export const MAIN_NAV: readonly NavItem[] = [
  { key: 'nav.consultations', href: '/konsultacje' },
  { key: 'nav.news', href: '/aktualnosci' },
  { key: 'nav.districts', href: '/dzielnice' },
  { key: 'nav.surveys', href: '/ankiety' },
  { key: 'nav.investments', href: '/inwestycje' },
  { key: 'nav.calendar', href: '/kalendarz' },
  { key: 'nav.search', href: '/szukaj' },
];

export const FOOTER_NAV: readonly NavItem[] = [
  { key: 'footer.accessibility', href: '/deklaracja-dostepnosci' },
  { key: 'footer.privacy', href: '/polityka-prywatnosci' },
  { key: 'footer.personalData', href: '/twoje-dane' },
  { key: 'footer.rules', href: '/regulamin' },
  { key: 'page.consultationRules', href: '/zasady' },
  { key: 'footer.contact', href: '/kontakt' },
  { key: 'footer.about.link', href: '/o-platformie' },
  { key: 'page.knowledge', href: '/baza-wiedzy' },
  { key: 'nav.notifications', href: '/powiadomienia' },
  { key: 'opendata.title', href: '/otwarte-dane' },
  { key: 'footer.sitemap', href: '/mapa-strony' },
];

/** The main-nav entry a path belongs to, for aria-current. */
export function sectionOf(path: string): string | undefined {
  return MAIN_NAV.find((item) => path === item.href || path.startsWith(item.href + '/'))?.href;
}
