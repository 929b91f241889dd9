// Translation and locale formatting; one `t` per request, bound to the visitor's language.
import { en } from './en.js';
import { pl, type MessageKey } from './pl.js';

export const LOCALES = ['pl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'pl';

const catalogues: Record<Locale, Record<MessageKey, string>> = { pl, en };
const TIME_ZONE = 'Europe/Warsaw';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey | string, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(pl, key);
}

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) => {
    // Unknown keys are shown as-is so a missing message is visible rather than blank.
    const template = isMessageKey(key) ? catalogue[key] : key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}

const intlLocale: Record<Locale, string> = { pl: 'pl-PL', en: 'en-GB' };

export function formatters(locale: Locale) {
  const tag = intlLocale[locale];
  const date = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
  const number = new Intl.NumberFormat(tag);
  return {
    /** "24 listopada 2026" */
    formatDate: (value: Date) => date.format(value),
    /** "24 listopada 2026 o 14:30" in Polish */
    formatDateTime: (value: Date) => dateTime.format(value),
    formatNumber: (value: number) => number.format(value),
    /** ISO date for <time datetime>. */
    isoDate: (value: Date) => value.toISOString(),
  };
}
