import sharp from 'sharp';
import { DomainError } from '../../common/errors/domain-error.js';
import { JPEG, PHOTO_TYPES, PNG, WEBP } from './document-rules.js';

/** Longest side of a list thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;
/** Photos larger than this many pixels are refused rather than decoded (a decompression bomb). */
const MAX_PIXELS = 100_000_000;

export interface Photo {
  data: Buffer;
  width: number;
  height: number;
  thumbnail: Buffer;
}

/**
 * A photo decoded and encoded again in its own format, turned upright (EXIF orientation applied):
 * nothing but pixels survives, so no EXIF, GPS, XMP or trailing bytes, unless `keepLocation` keeps
 * the EXIF (GPS position included). Also a small WebP thumbnail. A photo that does not decode is
 * `file.unreadable`.
 */
export async function reencodePhoto(data: Buffer, type: string, keepLocation: boolean): Promise<Photo> {
  if (!PHOTO_TYPES.includes(type)) throw new Error(`not a photo type: ${type}`);
  try {
    let image = sharp(data, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    if (keepLocation) image = image.keepExif();
    image =
      type === JPEG
        ? image.jpeg({ quality: 88, mozjpeg: true })
        : type === PNG
          ? image.png({ compressionLevel: 9 })
          : image.webp({ quality: 88 });
    const { data: out, info } = await image.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(out)
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { data: out, width: info.width, height: info.height, thumbnail };
  } catch {
    throw new DomainError('file.unreadable', 'The photo could not be read; upload it again or as PDF');
  }
}

export const THUMBNAIL_TYPE = WEBP;
