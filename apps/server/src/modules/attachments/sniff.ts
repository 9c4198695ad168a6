import { type AttachmentKind, type AttachmentMime, attachmentTypes } from '@frontdesk/protocol';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.js';

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

export function attachmentTooLarge(maxBytes: number): AppError {
  return new AppError('file_too_large', `The file is too large: at most ${megabytes(maxBytes)} MB`, { maxBytes });
}

/** Types a browser or phone may name that are the same as the sniffed one. */
const aliases: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };
/** Declared types that say nothing: the bytes alone decide. */
const vague = new Set(['application/octet-stream', 'binary/octet-stream', '']);
/** Old Office files (.doc, .xls, .ppt) are Compound File containers: their declared types all mean `application/x-cfb`. */
const cfbTypes = new Set(['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint']);

export interface SniffedAttachment {
  mime: AttachmentMime;
  kind: AttachmentKind;
}

/**
 * What an uploaded file really is, read from its bytes. Refused: a type a message may not carry
 * (`unsupported_file_type`), and a file whose declared type or name says something else than its
 * bytes (`attachment_type_mismatch`) — a script named photo.jpg, a PDF sent as an image.
 */
export async function sniffAttachment(
  bytes: Uint8Array,
  declared: { contentType: string | undefined; name: string },
): Promise<SniffedAttachment> {
  const sniffed = await fileTypeFromBuffer(bytes);
  const type =
    sniffed &&
    (attachmentTypes as Record<string, { kind: AttachmentKind; extensions: readonly string[] }>)[sniffed.mime];
  if (!sniffed || !type) {
    throw new AppError('unsupported_file_type', 'Send a photo, a short video, a PDF or an office document', {
      detected: sniffed?.mime ?? null,
    });
  }
  const mime = sniffed.mime as AttachmentMime;
  const declaredType = (declared.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const normalized = aliases[declaredType] ?? (cfbTypes.has(declaredType) ? 'application/x-cfb' : declaredType);
  const extension = /\.([a-z0-9]{1,8})$/i.exec(declared.name)?.[1]?.toLowerCase();
  const typeLies = !vague.has(normalized) && normalized !== mime;
  const nameLies =
    extension !== undefined &&
    knownExtensions.has(extension) &&
    !(type.extensions as readonly string[]).includes(extension);
  if (typeLies || nameLies) {
    throw new AppError('attachment_type_mismatch', 'This file is not what its name or type says: it was refused', {
      detected: mime,
      declared: declaredType || null,
      extension: extension ?? null,
    });
  }
  return { mime, kind: type.kind };
}

/** Extensions of types Frontdesk knows, plus common ones of types it refuses (a name ending .exe on a PNG lies). */
const knownExtensions = new Set([
  ...Object.values(attachmentTypes).flatMap((t) => t.extensions as readonly string[]),
  ...['exe', 'js', 'html', 'htm', 'svg', 'zip', 'sh', 'bat', 'msi', 'apk'],
]);
