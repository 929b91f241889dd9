// URLs of remarks, the draft and the report, public and in the panel, built in one place.
type Slugged = { slug: string };
type Ref = { id: number };
const base = (c: Slugged) => `/konsultacje/${encodeURIComponent(c.slug)}`;

export const remarkUrls = {
  form: (c: Slugged, fragment?: string) => `${base(c)}/uwagi${fragment ? `?fragment=${encodeURIComponent(fragment)}` : ''}`,
  draft: (c: Slugged) => `${base(c)}/projekt`,
  draftVersion: (c: Slugged, version: number) => `${base(c)}/projekt/wersja-${version}`,
  report: (c: Slugged) => `${base(c)}/raport`,
  reportPdf: (c: Slugged) => `${base(c)}/raport.pdf`,
  reportCsv: (c: Slugged) => `${base(c)}/zestawienie-uwag.csv`,
  reportXlsx: (c: Slugged) => `${base(c)}/zestawienie-uwag.xlsx`,
  consultation: (c: Slugged) => base(c),
};

export const panelRemarkUrls = {
  list: (c: Ref) => `/panel/konsultacje/${c.id}/uwagi`,
  new: (c: Ref) => `/panel/konsultacje/${c.id}/uwagi/nowa`,
  show: (c: Ref, r: Ref) => `/panel/konsultacje/${c.id}/uwagi/${r.id}`,
  answer: (c: Ref, r: Ref) => `/panel/konsultacje/${c.id}/uwagi/${r.id}/odpowiedz`,
  ungroup: (c: Ref, r: Ref) => `/panel/konsultacje/${c.id}/uwagi/${r.id}/rozgrupuj`,
  group: (c: Ref) => `/panel/konsultacje/${c.id}/uwagi/grupy`,
  draft: (c: Ref) => `/panel/konsultacje/${c.id}/projekt`,
  report: (c: Ref) => `/panel/konsultacje/${c.id}/raport`,
  publishReport: (c: Ref) => `/panel/konsultacje/${c.id}/raport/publikacja`,
  consultation: (c: Ref) => `/panel/konsultacje/${c.id}`,
};
