// Gallery images: re-encoded upright without metadata (EXIF, GPS, camera and author data are dropped),
// plus a WebP thumbnail about 400 px wide. Both are written to tmp/ and moved into place after commit.
import sharp, { type Sharp } from 'sharp';
import type { FileType } from './file-types.js';

export const THUMBNAIL_WIDTH = 400;
// Photos from phones and cameras stay well below this; it stops a small file that claims a huge canvas.
const MAX_INPUT_PIXELS = 100_000_000;

export interface ProcessedImage {
  width: number;
  height: number;
  sizeBytes: number;
}

// libjpeg-turbo, not mozjpeg: measured on a 12-megapixel photo here, mozjpeg took 1-7.6 s against
// 0.13-0.7 s for files about 12% smaller; a request should not wait that long.
function encoder(image: Sharp, type: FileType): Sharp {
  switch (type.label) {
    case 'PNG':
      return image.png();
    case 'WebP':
      return image.webp({ quality: 90 });
    default:
      return image.jpeg({ quality: 90 });
  }
}

/**
 * Writes the cleaned image to `imagePath` and its thumbnail to `thumbnailPath`.
 * Throws when the content cannot be read as an image (the caller shows that at the field).
 */
export async function processImage(sourcePath: string, type: FileType, imagePath: string, thumbnailPath: string): Promise<ProcessedImage> {
  const input = sharp(sourcePath, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).autoOrient();
  // sharp keeps no metadata unless asked to (withMetadata / keepExif), so the output has no EXIF.
  const image = await encoder(input.clone(), type).toFile(imagePath);
  await input
    .clone()
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    .webp({ quality: 80 })
    .toFile(thumbnailPath);
  return { width: image.width, height: image.height, sizeBytes: image.size };
}

/** The thumbnail's size for width/height attributes (no layout shift), from the image's own size. */
export function thumbnailSize(width: number | null, height: number | null): { width: number; height: number } | null {
  if (!width || !height) return null;
  const w = Math.min(width, THUMBNAIL_WIDTH);
  return { width: w, height: Math.max(1, Math.round((height * w) / width)) };
}
