// Public and panel URLs of investments, built in one place (Polish and stable).
type Slugged = { slug: string };
type Ref = { id: number };

export interface ListParams {
  status?: string | undefined;
  dzielnica?: string | undefined;
  wydzial?: string | undefined;
  rok?: number | undefined;
  strona?: number | undefined;
}

const withQuery = (path: string, query: ListParams) => {
  const params = new URLSearchParams();
  for (const key of ['status', 'dzielnica', 'wydzial', 'rok'] as const) if (query[key] !== undefined && query[key] !== '') params.set(key, String(query[key]));
  if (query.strona && query.strona > 1) params.set('strona', String(query.strona));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

export const investmentUrls = {
  list: (query: ListParams = {}) => withQuery('/inwestycje', query),
  /** The same filters as GeoJSON (the map of the list draws exactly the listed investments). */
  geojson: (query: Omit<ListParams, 'strona'> = {}) => withQuery('/inwestycje.geojson', query),
  show: (i: Slugged) => `/inwestycje/${encodeURIComponent(i.slug)}`,
};

export const panelInvestmentUrls = {
  list: () => '/panel/inwestycje',
  new: () => '/panel/inwestycje/nowa',
  create: () => '/panel/inwestycje',
  show: (i: Ref) => `/panel/inwestycje/${i.id}`,
  edit: (i: Ref) => `/panel/inwestycje/${i.id}/edycja`,
  update: (i: Ref) => `/panel/inwestycje/${i.id}`,
  publish: (i: Ref) => `/panel/inwestycje/${i.id}/publikacja`,
  unpublish: (i: Ref) => `/panel/inwestycje/${i.id}/wycofanie`,
  archive: (i: Ref) => `/panel/inwestycje/${i.id}/archiwizacja`,
  restore: (i: Ref) => `/panel/inwestycje/${i.id}/przywrocenie`,
  preview: (i: Ref) => `/panel/inwestycje/${i.id}/podglad`,
  addUpdate: (i: Ref) => `/panel/inwestycje/${i.id}/postepy`,
  removeUpdate: (i: Ref, u: Ref) => `/panel/inwestycje/${i.id}/postepy/${u.id}/usun`,
  documents: (i: Ref) => `/panel/inwestycje/${i.id}/dokumenty`,
  gallery: (i: Ref) => `/panel/inwestycje/${i.id}/galeria`,
};
