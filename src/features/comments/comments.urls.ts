// URLs of the discussion, built in one place (Polish and stable).
type Slugged = { slug: string };
const base = (c: Slugged) => `/konsultacje/${encodeURIComponent(c.slug)}/dyskusja`;

export const commentUrls = {
  /** The discussion page; `fragment` keeps the part of the draft a comment is about. */
  list: (c: Slugged, query: { strona?: number; fragment?: string | undefined } = {}) => {
    const params = new URLSearchParams();
    if (query.fragment) params.set('fragment', query.fragment);
    if (query.strona && query.strona > 1) params.set('strona', String(query.strona));
    const qs = params.toString();
    return qs ? `${base(c)}?${qs}` : base(c);
  },
  form: (c: Slugged, fragment?: string) => `${commentUrls.list(c, { fragment })}#dodaj-komentarz`,
  comment: (c: Slugged, id: number) => `${base(c)}#komentarz-${id}`,
  reply: (c: Slugged, id: number) => `${base(c)}/${id}/odpowiedz`,
  report: (c: Slugged, id: number) => `${base(c)}/${id}/zglos`,
  checkInbox: (c: Slugged) => `${base(c)}/sprawdz-poczte`,
  confirm: (token?: string) => (token ? `/dyskusja/potwierdz?t=${encodeURIComponent(token)}` : '/dyskusja/potwierdz'),
  draftFragment: (c: Slugged, anchor: string) => `/konsultacje/${encodeURIComponent(c.slug)}/projekt#${encodeURIComponent(anchor)}`,
};

export const moderationUrls = {
  queue: (view?: string) => (view && view !== 'oczekujace' ? `/panel/moderacja?widok=${view}` : '/panel/moderacja'),
  approve: (id: number) => `/panel/moderacja/${id}/zatwierdz`,
  hide: (id: number) => `/panel/moderacja/${id}/ukryj`,
  restore: (id: number) => `/panel/moderacja/${id}/przywroc`,
};
