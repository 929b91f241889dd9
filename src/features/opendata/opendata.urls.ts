// Addresses of the open-data page, the feeds and the CSV downloads (Polish and stable, like the pages').
type Query = Record<string, string | number | undefined>;

const withQuery = (path: string, query: Query = {}) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '' && key !== 'strona') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

export const opendataUrls = {
  page: () => '/otwarte-dane',
  sitemap: () => '/sitemap.xml',
  robots: () => '/robots.txt',
  feeds: {
    consultations: { rss: '/konsultacje.rss', atom: '/konsultacje.atom' },
    investments: { rss: '/inwestycje.rss', atom: '/inwestycje.atom' },
  },
  /** The list's CSV with the same filters as the page it is linked from (all rows, not one page). */
  csv: {
    consultations: (query?: Query) => withQuery('/konsultacje.csv', query),
    news: (query?: Query) => withQuery('/aktualnosci.csv', query),
    investments: (query?: Query) => withQuery('/inwestycje.csv', query),
    meetings: (query?: Query) => withQuery('/spotkania.csv', query),
  },
};
