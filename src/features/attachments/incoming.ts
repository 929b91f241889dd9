// Received files on their way in: named, checked by content, images cleaned and thumbnailed, all in tmp/.
// Nothing here touches the database; the service stores the result and moves the files after commit.
import { FormError } from '../../http/errors.js';
import { fieldMessage } from '../../http/forms.js';
import type { UploadedFile } from '../../http/uploads.js';
import type { AttachmentKind } from '../../generated/prisma/enums.js';
import { cleanFileName, DOCUMENT_TYPES, IMAGE_TYPES, inspectFile, typeLabels, type FileType } from './file-types.js';
import { processImage } from './images.js';
import { FileStorage } from './storage.js';

export interface PreparedFile {
  originalName: string;
  storedName: string;
  mimeType: string;
  extension: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  thumbnailName: string | null;
  /** tmp/ files to move into place (as stored names) once the database row commits. */
  moves: { from: string; to: string }[];
}

export const allowedTypes = (kind: AttachmentKind): readonly FileType[] => (kind === 'IMAGE' ? IMAGE_TYPES : DOCUMENT_TYPES);

/** The title a document gets when uploaded: its file name without the extension. */
export function titleFromName(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).trim().slice(0, 300);
}

/**
 * Checks every file and prepares it for storing. Refusals name each file and are shown at `field`;
 * one refused file refuses them all, so a form is saved whole or not at all. Files this creates in
 * tmp/ are listed in `generated` for the caller to clean up whatever happens.
 */
export async function prepareFiles(storage: FileStorage, uploads: readonly UploadedFile[], kind: AttachmentKind, field: string, generated: string[]): Promise<PreparedFile[]> {
  const allowed = allowedTypes(kind);
  const errors: string[] = [];
  const checked: { upload: UploadedFile; name: string; type: FileType; extension: string }[] = [];
  for (const upload of uploads) {
    const name = cleanFileName(upload.originalName);
    const result = await inspectFile(upload.path, name, upload.size, allowed);
    if (result.ok) checked.push({ upload, name, type: result.type, extension: result.extension });
    else if (result.reason === 'empty') errors.push(fieldMessage('attachments.error.empty', { name }));
    else if (result.reason === 'extension') errors.push(fieldMessage('attachments.error.extension', { name, allowed: typeLabels(allowed) }));
    else errors.push(fieldMessage(`attachments.error.${result.reason}`, { name, format: result.expected.label }));
  }
  if (errors.length > 0) throw new FormError({ [field]: errors });

  const prepared: PreparedFile[] = [];
  for (const { upload, name, type, extension } of checked) {
    const storedName = FileStorage.newStoredName(type.extensions[0]!);
    const base = { originalName: name, storedName, mimeType: type.mime, extension };
    if (kind === 'DOCUMENT') {
      prepared.push({ ...base, sizeBytes: upload.size, width: null, height: null, thumbnailName: null, moves: [{ from: upload.path, to: storedName }] });
      continue;
    }
    const imagePath = storage.tmpPath();
    const thumbnailPath = storage.tmpPath();
    generated.push(imagePath, thumbnailPath);
    const thumbnailName = FileStorage.newStoredName('webp');
    const image = await processImage(upload.path, type, imagePath, thumbnailPath).catch(() => {
      throw new FormError({ [field]: [fieldMessage('attachments.error.brokenImage', { name })] });
    });
    prepared.push({ ...base, ...image, thumbnailName, moves: [{ from: imagePath, to: storedName }, { from: thumbnailPath, to: thumbnailName }] });
  }
  return prepared;
}
