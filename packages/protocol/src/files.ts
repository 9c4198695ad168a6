import { z } from 'zod';
import { Id } from './common.js';

/**
 * The image types an upload may be. The server sniffs the bytes and re-encodes the image, so the
 * declared Content-Type is only a hint (`application/octet-stream` is accepted too).
 */
export const imageUploadTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** Uploads are sent as the raw request body (not multipart): `PUT …` with `Content-Type: image/png`. */
export const ImageUpload = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, {
    message: 'Send the image itself as the request body: PNG, JPEG or WebP',
  })
  .meta({
    type: 'string',
    format: 'binary',
    description:
      'The image file itself (PNG, JPEG or WebP). Its real type is read from its bytes; metadata (EXIF, GPS) is removed and it is resized.',
  });

export const FileIdParams = z.object({ id: Id });

/** Where a stored file is served: a path on the Frontdesk server, the same for every client. */
export const filePath = (id: string): string => `/api/v1/files/${id}`;
