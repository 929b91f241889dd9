// Money of investments: stored in grosze (BigInt), shown the way Polish offices write it ("12,6 mln zł").

const formats = new Map<string, Intl.NumberFormat>();

/** The app's locale ('pl', 'en') as Intl's, one formatter per locale and kind kept for reuse. */
function cached(kind: string, locale: string, options: Intl.NumberFormatOptions) {
  const key = `${kind}:${locale}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'pl-PL', options)));
  return format;
}

/** "12,6 mln zł", "850 tys. zł", "1,2 mld zł"; below 10 000 zł the whole amount ("9 500 zł"). */
export function formatBudget(grosze: bigint, locale = 'pl'): string {
  const zloty = Number(grosze) / 100;
  if (zloty < 10_000) return formatAmount(grosze, locale);
  return cached('compact', locale, { style: 'currency', currency: 'PLN', notation: 'compact', compactDisplay: 'short', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(zloty);
}

/** The exact amount: "12 600 000 zł", with grosze only when there are some ("1 234,50 zł"). */
export function formatAmount(grosze: bigint, locale = 'pl'): string {
  const zloty = Number(grosze) / 100;
  const digits = grosze % 100n === 0n ? 0 : 2;
  return cached(`exact${digits}`, locale, { style: 'currency', currency: 'PLN', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(zloty);
}

/** A share as a whole percentage ("85%"), or null without both amounts. */
export function sharePercent(part: bigint | null, whole: bigint | null): number | null {
  if (part === null || whole === null || whole === 0n) return null;
  return Math.round((Number(part) / Number(whole)) * 100);
}

/**
 * An amount typed in złoty ("12 600 000", "12600000,50", "1.5") into grosze; null when it is not a
 * plain non-negative number with at most two decimals. Spaces (also non-breaking) group thousands.
 */
export function parseZloty(text: string): bigint | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/zł$/i, '').replace(',', '.');
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Grosze back into what the form shows: "12600000" or "1234,50". */
export function zlotyInput(grosze: bigint | null): string {
  if (grosze === null) return '';
  const whole = grosze / 100n;
  const rest = grosze % 100n;
  return rest === 0n ? String(whole) : `${whole},${String(rest).padStart(2, '0')}`;
}

/** Degrees as people read them: "50,81880" in Polish, "50.81880" in English. */
export function formatDegrees(value: number, locale = 'pl'): string {
  return cached('degrees', locale, { minimumFractionDigits: 5, maximumFractionDigits: 5, useGrouping: false }).format(value);
}
