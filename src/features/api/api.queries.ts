// The dictionaries the API lists whole (ten departments, twenty districts): read at once, paged in memory.
import type { Db } from '../../db/client.js';
import { fetchPage, type Page } from '../../http/pagination.js';

const byPolishName = new Intl.Collator('pl').compare;

/** The city's departments in Polish alphabetical order: code and name only (no staff). */
export async function listDepartments(db: Db) {
  const rows = await db.department.findMany({ select: { code: true, name: true } });
  return rows.sort((a, b) => byPolishName(a.name, b.name));
}

/** One page of a short list already in memory; a page past the end shows the last. */
export function pageOfAll<T>(rows: T[], requestedPage: number, pageSize: number): Promise<Page<T>> {
  return fetchPage(requestedPage, pageSize, async () => rows.length, async (skip, take) => rows.slice(skip, skip + take));
}
