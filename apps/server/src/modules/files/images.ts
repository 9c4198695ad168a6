import { imageUploadTypes } from '@frontdesk/protocol';
import { fileTypeFromBuffer } from 'file-type';
import type { Sharp } from 'sharp';
import { AppError } from '../../platform/errors.js';

export type ImagePurpose = 'logo' | 'photo';

export interface ProcessedImage {
  data: Buffer;
  contentType: 'image/png' | 'image/webp';
  width: number;
  height: number;
}

/** Logos keep their shape within 512×512 (never enlarged); photos become 256×256 squares. */
export const imageLimits = {
  logo: { width: 512, height: 512 },
  photo: { width: 256, height: 256 },
} as const;

/** Larger pictures are refused before they are decoded: 40 megapixels is well beyond any phone camera's. */
export const MAX_INPUT_PIXELS = 40_000_000;

const accepted = new Set<string>(imageUploadTypes);

export function fileTooLarge(maxBytes: number): AppError {
  const megabytes = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppError('file_too_large', `The image is too large: at most ${megabytes} MB`, { maxBytes });
}

/**
 * Turns an upload into the image Frontdesk stores: what the bytes really are decides (the declared
 * type and file name do not), only PNG, JPEG and WebP get through (SVG never: it can carry script),
 * and the picture is decoded and encoded anew — turned upright by its EXIF orientation, resized,
 * and written without any metadata (EXIF, GPS, XMP, ICC) — so nothing of the original file but its
 * pixels is ever served.
 */
export async function processImage(
  input: Uint8Array,
  purpose: ImagePurpose,
  maxBytes: number,
): Promise<ProcessedImage> {
  if (input.byteLength > maxBytes) throw fileTooLarge(maxBytes);
  const sniffed = await fileTypeFromBuffer(input);
  if (!sniffed || !accepted.has(sniffed.mime)) {
    throw new AppError('unsupported_file_type', 'Upload a PNG, JPEG or WebP image', {
      detected: sniffed?.mime ?? null,
      accepted: imageUploadTypes,
    });
  }
  const { width, height } = imageLimits[purpose];
  const { strategy } = await sharpModule();
  const encoded = await encodeImage(input, sniffed.mime, (image) =>
    purpose === 'logo'
      ? image.resize(width, height, { fit: 'inside', withoutEnlargement: true }).png({ compressionLevel: 9 })
      : image.resize(width, height, { fit: 'cover', position: strategy.attention }).webp({ quality: 82 }),
  );
  return { ...encoded, contentType: purpose === 'logo' ? 'image/png' : 'image/webp' };
}

/** A picture sent in a conversation is kept within 2048×2048, its preview within 480×480. */
export const attachmentImageLimits = { full: 2048, thumbnail: 480 } as const;

/**
 * An image sent with a message (its type already read from its bytes by the caller): decoded and
 * encoded anew as WebP, turned upright, within 2048×2048 and without any metadata, plus a thumbnail
 * for the thread. Like logos and photos, nothing of the original file but its pixels is served.
 */
export async function processAttachmentImage(
  input: Uint8Array,
  detected: string,
): Promise<{ image: ProcessedImage; thumbnail: ProcessedImage }> {
  const fit = (size: number) => (image: Sharp) =>
    image.resize(size, size, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 });
  const image = await encodeImage(input, detected, fit(attachmentImageLimits.full));
  const thumbnail = await encodeImage(image.data, 'image/webp', fit(attachmentImageLimits.thumbnail));
  return { image: { ...image, contentType: 'image/webp' }, thumbnail: { ...thumbnail, contentType: 'image/webp' } };
}

/**
 * sharp (libvips) is loaded with the first picture, not at start: it costs an idle node ~12 MB of
 * resident memory, and many installations never receive a picture.
 */
const sharpModule = async () => (await import('sharp')).default;

/** Decodes (first frame only: `pages: 1`), turns upright and encodes through `build`; unreadable pictures are refused. */
async function encodeImage(input: Uint8Array, detected: string, build: (image: Sharp) => Sharp) {
  const sharp = await sharpModule();
  const image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true, pages: 1 });
  try {
    const { data, info } = await build(image).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (err) {
    if (/pixel limit/i.test(String((err as Error).message))) {
      throw new AppError('file_too_large', 'The image has too many pixels: at most 40 megapixels', {
        maxPixels: MAX_INPUT_PIXELS,
      });
    }
    throw new AppError('invalid_image', 'This image could not be read: it may be damaged', { detected });
  }
}
