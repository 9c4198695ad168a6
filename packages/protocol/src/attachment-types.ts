// Plain values about attachments, without zod: the guest's first load imports these (the schemas
// beside them in attachments.ts would bring zod along).

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

/** Where the side that sees a message fetches its files (authenticated: a cookie or a bearer token). */
export const attachmentPath = (side: 'staff' | 'guest', id: string, thumbnail = false): string =>
  `/api/v1/${side === 'guest' ? 'guest/' : ''}attachments/${id}${thumbnail ? '/thumbnail' : ''}`;

/**
 * A request form's photo question takes at most this many photos (taken with the phone's camera or
 * picked) unless its designer chose another maximum (`maxPhotos`, 1 to MAX_PHOTOS_LIMIT): questions
 * saved before the setting existed keep this one.
 */
export const MAX_PHOTOS_PER_FIELD = 5;
export const MAX_PHOTOS_LIMIT = 10;

/** How many photos a photo question takes: its own maximum, else the default of 5. */
export const photoLimitOf = (field: { maxPhotos?: number | undefined }): number =>
  field.maxPhotos ?? MAX_PHOTOS_PER_FIELD;
