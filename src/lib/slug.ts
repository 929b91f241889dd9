// URL slugs from Polish titles: "Źródła żółć" -> "zrodla-zolc".
import slugifyLib from 'slugify';

const slugify = slugifyLib as unknown as (text: string, options: Record<string, unknown>) => string;

export function slugFrom(text: string, maxLength = 120): string {
  const slug = slugify(text, { lower: true, strict: true, locale: 'pl', trim: true }).slice(0, maxLength).replace(/-+$/, '');
  return slug || 'bez-tytulu';
}
