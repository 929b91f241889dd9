// Page numbers from the query string and the view model for views/components/pagination.ejs.
import { z } from 'zod';

/** A page number as the JSON API reads it: anything else is refused (400) rather than replaced. */
export const strictPageParam = z.coerce.number().int().min(1).max(10_000);
/** Pages read it leniently: a page number that cannot be read shows the first page. */
export const pageParam = strictPageParam.catch(1);

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  return { items, page, pageSize, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export function skipFor(page: number, pageSize: number): number {
  return (page - 1) * pageSize;
}

/** Links for each page keeping the other query parameters (shareable filter URLs). */
export function pageLinks(path: string, query: Record<string, string | undefined>, page: Page<unknown>) {
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '' && key !== 'strona') params.set(key, value);
    if (n > 1) params.set('strona', String(n));
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  };
  const numbers = new Set([1, page.pageCount, page.page - 1, page.page, page.page + 1].filter((n) => n >= 1 && n <= page.pageCount));
  const sorted = [...numbers].sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { gap: true })[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) items.push({ gap: true });
    items.push({ number: n, href: href(n), current: n === page.page });
  });
  return {
    previous: page.page > 1 ? href(page.page - 1) : null,
    next: page.page < page.pageCount ? href(page.page + 1) : null,
    items,
    page: page.page,
    pageCount: page.pageCount,
    total: page.total,
  };
}

/** Counts, then reads one page (a page past the end reads the last): the shape of every paged list query. */
export async function fetchPage<T>(requestedPage: number, pageSize: number, count: () => Promise<number>, read: (skip: number, take: number) => Promise<T[]>): Promise<Page<T>> {
  const total = await count();
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));
  return pageOf(await read(skipFor(page, pageSize), pageSize), total, page, pageSize);
}
