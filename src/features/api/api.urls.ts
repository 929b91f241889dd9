// Paths of the open-data API (English, versioned, stable) and of the feeds and downloads it points to.
type Slugged = { slug: string };

export const API_BASE = '/api/v1';

export const apiUrls = {
  openapi: () => `${API_BASE}/openapi.json`,
  consultations: () => `${API_BASE}/consultations`,
  consultation: (c: Slugged) => `${API_BASE}/consultations/${encodeURIComponent(c.slug)}`,
  documents: () => `${API_BASE}/documents`,
  meetings: () => `${API_BASE}/meetings`,
  news: () => `${API_BASE}/news`,
  newsItem: (n: Slugged) => `${API_BASE}/news/${encodeURIComponent(n.slug)}`,
  districts: () => `${API_BASE}/districts`,
  departments: () => `${API_BASE}/departments`,
  investments: () => `${API_BASE}/investments`,
  investment: (i: Slugged) => `${API_BASE}/investments/${encodeURIComponent(i.slug)}`,
  surveys: () => `${API_BASE}/surveys`,
  survey: (s: { id: number }) => `${API_BASE}/surveys/${s.id}`,
  surveyResults: (s: { id: number }) => `${API_BASE}/surveys/${s.id}/results`,
};

/** Absolute, for answers that leave the site (API, feeds, sitemap). */
export const absoluteUrl = (baseUrl: string, path: string) => new URL(path, baseUrl).href;
