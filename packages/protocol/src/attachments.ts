import { z } from 'zod';
import { attachmentKinds } from './attachment-types.js';
import { Id } from './common.js';

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

/**
 * What the server takes in one message, from its settings: the composers check chosen files against
 * these before uploading, so a file too many or too large is named at once, not refused at send.
 */
export const AttachmentLimits = z
  .object({
    maxPerMessage: z.number().int().positive().describe('Files in one message (ATTACHMENTS_MAX_PER_MESSAGE)'),
    maxBytes: z.number().int().positive().describe('Bytes of one file (ATTACHMENTS_MAX_BYTES)'),
    maxMessageBytes: z
      .number()
      .int()
      .positive()
      .describe('Bytes of all the files of one message together (ATTACHMENTS_MAX_MESSAGE_BYTES)'),
  })
  .meta({ id: 'AttachmentLimits' });
export type AttachmentLimits = z.infer<typeof AttachmentLimits>;

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
