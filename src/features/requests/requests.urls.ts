// Public and panel URLs of requests for consultations and of the annual plan, built in one place.
type Ref = { id: number };

export const requestUrls = {
  list: () => '/wnioski',
  new: () => '/wnioski/nowy',
  submitted: () => '/wnioski/zlozono',
  show: (r: Ref) => `/wnioski/${r.id}`,
  support: (r: Ref) => `/wnioski/${r.id}/poparcie`,
  supportSent: (r: Ref) => `/wnioski/${r.id}/poparcie/sprawdz-poczte`,
  confirmSupport: (token?: string) => (token ? `/wnioski/poparcie/potwierdz?t=${encodeURIComponent(token)}` : '/wnioski/poparcie/potwierdz'),
};

export const panelRequestUrls = {
  list: () => '/panel/wnioski',
  newCouncil: () => '/panel/wnioski/nowy',
  create: () => '/panel/wnioski',
  show: (r: Ref) => `/panel/wnioski/${r.id}`,
  assess: (r: Ref) => `/panel/wnioski/${r.id}/ocena`,
  paperLists: (r: Ref) => `/panel/wnioski/${r.id}/listy-poparcia`,
  convert: (r: Ref) => `/panel/wnioski/${r.id}/konsultacja`,
};

export const planUrls = {
  page: (year?: number) => (year ? `/konsultacje/plan?rok=${year}` : '/konsultacje/plan'),
  panel: (year?: number) => (year ? `/panel/plan?rok=${year}` : '/panel/plan'),
  newItem: (year?: number) => (year ? `/panel/plan/nowy?rok=${year}` : '/panel/plan/nowy'),
  create: () => '/panel/plan',
  edit: (i: Ref) => `/panel/plan/${i.id}/edycja`,
  update: (i: Ref) => `/panel/plan/${i.id}`,
  remove: (i: Ref) => `/panel/plan/${i.id}/usun`,
  start: (i: Ref) => `/panel/plan/${i.id}/konsultacja`,
};

export const rulesUrl = () => '/zasady';
