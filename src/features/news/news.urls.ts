// Public and panel URLs of news, built in one place (Polish and stable).
type Slugged = { slug: string };
type Ref = { id: number };

export const newsUrls = {
  list: (query: { dzielnica?: string | undefined; strona?: number | undefined } = {}) => {
    const params = new URLSearchParams();
    if (query.dzielnica) params.set('dzielnica', query.dzielnica);
    if (query.strona && query.strona > 1) params.set('strona', String(query.strona));
    const qs = params.toString();
    return qs ? `/aktualnosci?${qs}` : '/aktualnosci';
  },
  show: (n: Slugged) => `/aktualnosci/${encodeURIComponent(n.slug)}`,
  rss: (district?: Slugged | null) => (district ? `/dzielnice/${encodeURIComponent(district.slug)}/aktualnosci.rss` : '/aktualnosci.rss'),
  atom: (district?: Slugged | null) => (district ? `/dzielnice/${encodeURIComponent(district.slug)}/aktualnosci.atom` : '/aktualnosci.atom'),
};

export const panelNewsUrls = {
  list: () => '/panel/aktualnosci',
  new: () => '/panel/aktualnosci/nowa',
  create: () => '/panel/aktualnosci',
  show: (n: Ref) => `/panel/aktualnosci/${n.id}`,
  edit: (n: Ref) => `/panel/aktualnosci/${n.id}/edycja`,
  update: (n: Ref) => `/panel/aktualnosci/${n.id}`,
  publish: (n: Ref) => `/panel/aktualnosci/${n.id}/publikacja`,
  unpublish: (n: Ref) => `/panel/aktualnosci/${n.id}/wycofanie`,
  remove: (n: Ref) => `/panel/aktualnosci/${n.id}/usun`,
  documents: (n: Ref) => `/panel/aktualnosci/${n.id}/dokumenty`,
  gallery: (n: Ref) => `/panel/aktualnosci/${n.id}/galeria`,
};
