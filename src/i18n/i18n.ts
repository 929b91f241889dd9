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

// Intl formatters are costly to build and stateless: one set per language, shared by every request.
const formattersByLocale = new Map<Locale, ReturnType<typeof makeFormatters>>();
export function formatters(locale: Locale) {
  let found = formattersByLocale.get(locale);
  if (!found) formattersByLocale.set(locale, (found = Object.freeze(makeFormatters(locale))));
  return found;
}

function makeFormatters(locale: Locale) {
  const tag = intlLocale[locale];
  const date = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
  const number = new Intl.NumberFormat(tag);
  const time = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
  const monthYear = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: TIME_ZONE });
  const plurals = new Intl.PluralRules(tag);
  const oneDecimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  return {
    /** "24 listopada 2026" */
    formatDate: (value: Date) => date.format(value),
    /** "24 listopada 2026 o 14:30" in Polish */
    formatDateTime: (value: Date) => dateTime.format(value),
    formatNumber: (value: number) => number.format(value),
    /** File sizes in binary units: "820 B", "14 kB", "1,2 MB" in Polish. */
    formatFileSize: (bytes: number) => formatFileSize(oneDecimal, bytes),
    /** ISO date for <time datetime>. */
    isoDate: (value: Date) => value.toISOString(),
    /** "17:00" in Warsaw */
    formatTime: (value: Date) => time.format(value),
    /** "listopad 2026": the month in the nominative, for headings */
    formatMonthYear: (value: Date) => monthYear.format(value),
    /** The catalogue key of the plural form for a count: plural('x.days', 5) is 'x.days.many' in Polish. */
    plural: (baseKey: string, count: number) => `${baseKey}.${plurals.select(count)}`,
  };
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB'] as const;

function formatFileSize(format: Intl.NumberFormat, bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Bytes and kilobytes are whole numbers; a decimal place helps only from megabytes up.
  return `${unit < 2 ? Math.round(value) : format.format(value)} ${SIZE_UNITS[unit]}`;
}
