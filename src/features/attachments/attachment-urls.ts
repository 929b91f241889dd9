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
