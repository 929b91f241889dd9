// Panel URLs of a consultation, built in one place.
type Ref = { id: number };

export const panelUrls = {
  list: () => '/panel/konsultacje',
  new: () => '/panel/konsultacje/nowa',
  show: (c: Ref) => `/panel/konsultacje/${c.id}`,
  edit: (c: Ref) => `/panel/konsultacje/${c.id}/edycja`,
  preview: (c: Ref) => `/panel/konsultacje/${c.id}/podglad`,
  publish: (c: Ref) => `/panel/konsultacje/${c.id}/publikacja`,
  unpublish: (c: Ref) => `/panel/konsultacje/${c.id}/wycofanie`,
  state: (c: Ref) => `/panel/konsultacje/${c.id}/stan`,
  archive: (c: Ref) => `/panel/konsultacje/${c.id}/archiwizacja`,
  documents: (c: Ref) => `/panel/konsultacje/${c.id}/dokumenty`,
  gallery: (c: Ref) => `/panel/konsultacje/${c.id}/galeria`,
  newMeeting: (c: Ref) => `/panel/konsultacje/${c.id}/spotkania/nowe`,
  meetings: (c: Ref) => `/panel/konsultacje/${c.id}/spotkania`,
  editMeeting: (c: Ref, m: Ref) => `/panel/konsultacje/${c.id}/spotkania/${m.id}/edycja`,
  meeting: (c: Ref, m: Ref) => `/panel/konsultacje/${c.id}/spotkania/${m.id}`,
  deleteMeeting: (c: Ref, m: Ref) => `/panel/konsultacje/${c.id}/spotkania/${m.id}/usun`,
  public: (c: { slug: string }) => `/konsultacje/${c.slug}`,
};
