// Stable public URLs of uploaded files. The name in the path is for people and browsers only;
// the id decides which file is served.
export interface AttachmentRef {
  id: number;
  originalName: string;
}

export const attachmentUrls = {
  download: (a: AttachmentRef) => `/pliki/${a.id}/${encodeURIComponent(a.originalName)}`,
  thumbnail: (a: Pick<AttachmentRef, 'id'>) => `/pliki/${a.id}/miniatura.webp`,
  /** "Poproś o dokument w innym formacie" (features/format-requests). */
  formatRequest: (a: Pick<AttachmentRef, 'id'>) => `/dokumenty/${a.id}/inny-format`,
  /** The readable HTML version of a DOCX or ODT (features/documents). */
  html: (a: Pick<AttachmentRef, 'id'>) => `/dokumenty/${a.id}/wersja-html`,
};

/** The two lists a record (consultation, news article) has in the panel, by their URL segment. */
export type SectionPath = 'dokumenty' | 'galeria';
type Ref = { id: number };

const consultationBase = (c: Ref) => `/panel/konsultacje/${c.id}`;
export const panelAttachmentUrls = {
  list: (c: Ref, section: SectionPath) => attachmentUrlsUnder(consultationBase(c)).list(section),
  upload: (c: Ref, section: SectionPath) => attachmentUrlsUnder(consultationBase(c)).upload(section),
  edit: (c: Ref, section: SectionPath, a: Ref) => attachmentUrlsUnder(consultationBase(c)).edit(section, a),
  update: (c: Ref, section: SectionPath, a: Ref) => attachmentUrlsUnder(consultationBase(c)).update(section, a),
  replace: (c: Ref, section: SectionPath, a: Ref) => attachmentUrlsUnder(consultationBase(c)).replace(section, a),
  move: (c: Ref, section: SectionPath, a: Ref) => attachmentUrlsUnder(consultationBase(c)).move(section, a),
  remove: (c: Ref, section: SectionPath, a: Ref) => attachmentUrlsUnder(consultationBase(c)).remove(section, a),
};

/** The same pages under any owner's panel path (`/panel/konsultacje/5`, `/panel/aktualnosci/7`). */
export function attachmentUrlsUnder(base: string) {
  return {
    list: (section: SectionPath) => `${base}/${section}`,
    upload: (section: SectionPath) => `${base}/${section}/pliki`,
    edit: (section: SectionPath, a: Ref) => `${base}/${section}/${a.id}/edycja`,
    update: (section: SectionPath, a: Ref) => `${base}/${section}/${a.id}`,
    replace: (section: SectionPath, a: Ref) => `${base}/${section}/${a.id}/pliki`,
    move: (section: SectionPath, a: Ref) => `${base}/${section}/${a.id}/przesun`,
    remove: (section: SectionPath, a: Ref) => `${base}/${section}/${a.id}/usun`,
  };
}
