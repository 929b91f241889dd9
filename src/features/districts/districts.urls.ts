// Public and panel URLs of districts (Polish and stable).
type Slugged = { slug: string };
type Ref = { id: number };

export const districtUrls = {
  list: () => '/dzielnice',
  show: (d: Slugged) => `/dzielnice/${encodeURIComponent(d.slug)}`,
  event: (d: Slugged, e: Ref) => `/dzielnice/${encodeURIComponent(d.slug)}#wydarzenie-${e.id}`,
};

export const panelDistrictUrls = {
  page: (d: Ref) => `/panel/dzielnice/${d.id}`,
  events: (d: Ref) => `/panel/dzielnice/${d.id}/wydarzenia`,
  newEvent: (d: Ref) => `/panel/dzielnice/${d.id}/wydarzenia/nowe`,
  editEvent: (d: Ref, e: Ref) => `/panel/dzielnice/${d.id}/wydarzenia/${e.id}/edycja`,
  updateEvent: (d: Ref, e: Ref) => `/panel/dzielnice/${d.id}/wydarzenia/${e.id}`,
  removeEvent: (d: Ref, e: Ref) => `/panel/dzielnice/${d.id}/wydarzenia/${e.id}/usun`,
};
