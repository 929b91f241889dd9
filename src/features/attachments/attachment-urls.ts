// Stable public URLs of uploaded files. The name in the path is for people and browsers only;
// the id decides which file is served.
export interface AttachmentRef {
  id: number;
  originalName: string;
}

export const attachmentUrls = {
  download: (a: AttachmentRef) => `/pliki/${a.id}/${encodeURIComponent(a.originalName)}`,
  thumbnail: (a: Pick<AttachmentRef, 'id'>) => `/pliki/${a.id}/miniatura.webp`,
};

/** The two lists a consultation has in the panel, by their URL segment. */
export type SectionPath = 'dokumenty' | 'galeria';
type Ref = { id: number };

export const panelAttachmentUrls = {
  list: (c: Ref, section: SectionPath) => `/panel/konsultacje/${c.id}/${section}`,
  upload: (c: Ref, section: SectionPath) => `/panel/konsultacje/${c.id}/${section}/pliki`,
  edit: (c: Ref, section: SectionPath, a: Ref) => `/panel/konsultacje/${c.id}/${section}/${a.id}/edycja`,
  update: (c: Ref, section: SectionPath, a: Ref) => `/panel/konsultacje/${c.id}/${section}/${a.id}`,
  replace: (c: Ref, section: SectionPath, a: Ref) => `/panel/konsultacje/${c.id}/${section}/${a.id}/pliki`,
  move: (c: Ref, section: SectionPath, a: Ref) => `/panel/konsultacje/${c.id}/${section}/${a.id}/przesun`,
  remove: (c: Ref, section: SectionPath, a: Ref) => `/panel/konsultacje/${c.id}/${section}/${a.id}/usun`,
};
