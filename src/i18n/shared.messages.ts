// Messages of shared components (pagination, lists). A feature's own file follows the same shape:
// `pl` as const, and `en` that must have exactly the same keys.
const pl = {
  'pagination.label': 'Stronicowanie',
  'pagination.previous': 'Poprzednia strona',
  'pagination.next': 'Następna strona',
  'pagination.page': 'Strona {number}',
} as const;

const en: Record<keyof typeof pl, string> = {
  'pagination.label': 'Pagination',
  'pagination.previous': 'Previous page',
  'pagination.next': 'Next page',
  'pagination.page': 'Page {number}',
};

export const shared = { pl, en };
