import { z } from 'zod';
import { Id } from './common.js';

/** What a file attached to a message is, as the thread shows it. */
export const attachmentKinds = ['image', 'video', 'pdf', 'document'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

/**
 * The types a message may carry, decided by the file's bytes. Images are re-encoded (WebP or PNG,
 * no metadata) and get a thumbnail; the others are kept as sent and served as downloads.
 */
export const attachmentTypes = {
  'image/jpeg': { kind: 'image', extensions: ['jpg', 'jpeg'] },
  'image/png': { kind: 'image', extensions: ['png'] },
  'image/webp': { kind: 'image', extensions: ['webp'] },
  'image/gif': { kind: 'image', extensions: ['gif'] },
  'video/mp4': { kind: 'video', extensions: ['mp4', 'm4v'] },
  'video/quicktime': { kind: 'video', extensions: ['mov', 'qt'] },
  'video/webm': { kind: 'video', extensions: ['webm'] },
  'application/pdf': { kind: 'pdf', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    kind: 'document',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', extensions: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    kind: 'document',
    extensions: ['pptx'],
  },
  'application/vnd.oasis.opendocument.text': { kind: 'document', extensions: ['odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { kind: 'document', extensions: ['ods'] },
  'application/vnd.oasis.opendocument.presentation': { kind: 'document', extensions: ['odp'] },
  'application/x-cfb': { kind: 'document', extensions: ['doc', 'xls', 'ppt'] },
} as const satisfies Record<string, { kind: AttachmentKind; extensions: readonly string[] }>;
export type AttachmentMime = keyof typeof attachmentTypes;

/** What a file input offers the guest: their camera and gallery, PDFs and office documents. */
export const attachmentAccept = [
  'image/*',
  'video/*',
  'application/pdf',
  ...Object.values(attachmentTypes).flatMap((t) => t.extensions.map((e) => `.${e}`)),
].join(',');

/** No message carries more files than this, whatever the setting (ATTACHMENTS_MAX_PER_MESSAGE) says. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 20;

export const Attachment = z
  .object({
    id: Id,
    kind: z.enum(attachmentKinds),
    name: z.string().describe('The file name the sender gave, for display and download'),
    mime: z.string().describe('The type read from the bytes (images: the type they were re-encoded to)'),
    size: z.number().int().nonnegative().describe('Bytes, as stored'),
    width: z.number().int().positive().nullable(),
    height: z.number().int().positive().nullable(),
    thumbnail: z.boolean().describe('Whether a small preview image is served at …/thumbnail'),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof Attachment>;

/** Whether the text still holds percent-encoded bytes that are not UTF-8 (a query string's parser left them). */
function undecodable(text: string): boolean {
  const encoded = text.match(/(%[0-9a-f]{2})+/gi) ?? [];
  return encoded.some((run) => {
    try {
      decodeURIComponent(run);
      return false;
    } catch {
      return true;
    }
  });
}

/** A file name as sent with an upload: shown to the other side, never used as a path. */
export const AttachmentUploadQuery = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    // bytes that were no UTF-8 arrive as U+FFFD, or still percent-encoded: a name no one could read back
    .refine((name) => !name.includes('\uFFFD') && !undecodable(name), 'The file name is not valid text')
    .describe('The file’s name, e.g. shower.jpg'),
});

/** The raw file. A missing body passes here (so that a bad query string is named first) and is refused by the route. */
export const AttachmentUpload = z
  .custom<Uint8Array | null | undefined>((value) => value == null || value instanceof Uint8Array, {
    message: 'Send the file itself as the request body',
  })
  .meta({
    type: 'string',
    format: 'binary',
    description: 'The file itself; its type is read from its bytes and must agree with the declared Content-Type',
  });

export const AttachmentIdParams = z.object({ id: Id });

/** Where the side that sees a message fetches its files (authenticated: a cookie or a bearer token). */
export const attachmentPath = (side: 'staff' | 'guest', id: string, thumbnail = false): string =>
  `/api/v1/${side === 'guest' ? 'guest/' : ''}attachments/${id}${thumbnail ? '/thumbnail' : ''}`;
