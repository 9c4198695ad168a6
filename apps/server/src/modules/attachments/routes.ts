import { Attachment, AttachmentIdParams, AttachmentUpload, AttachmentUploadQuery } from '@frontdesk/protocol';
import type { FastifyError, FastifyReply } from 'fastify';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { readAttachmentAsGuest, readAttachmentAsStaff, uploadAttachment } from './service.js';
import { attachmentTooLarge } from './sniff.js';

const guestSecurity: { [scheme: string]: string[] }[] = [{ guestCookie: [] }, { bearerAuth: [] }];

/** What an upload's Content-Type may be: a browser's type for a photo, video, PDF or office file, or none in particular. */
const uploadContentTypes = [
  /^(image|video)\/[\w.+-]+$/,
  /^application\/(pdf|msword|x-cfb|octet-stream|vnd\.[\w.+-]+)$/,
];
const consumes = [
  'image/*',
  'video/*',
  'application/pdf',
  'application/vnd.*',
  'application/msword',
  'application/octet-stream',
];

export const ServedFile = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array)
  .meta({ type: 'string', format: 'binary' });

/**
 * Uploading files for a message (the raw file as the body, its name in the query) and fetching
 * them, on the staff side and the guest side. Fetches are authenticated and checked against the
 * conversation every time; nothing is served from a public or lasting URL.
 */
export async function registerAttachmentRoutes(app: Api, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    const uploads = scope as unknown as Api;
    // the types of files a message may carry take the body as it is; the bytes, not the header,
    // then say what a file is (sniff.ts). Everywhere else the API still speaks JSON only.
    const asBuffer = { parseAs: 'buffer' as const };
    const keep = (_req: unknown, body: Buffer, done: (err: null, body: Buffer) => void) => done(null, body);
    for (const type of uploadContentTypes) uploads.addContentTypeParser(type, asBuffer, keep);
    uploads.setErrorHandler((err: FastifyError) => {
      throw err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? attachmentTooLarge(ctx.config.attachments.maxBytes) : err;
    });
    registerUploadRoutes(uploads, ctx);
  });
  registerServeRoutes(app);
}

function registerUploadRoutes(app: Api, ctx: AppContext): void {
  const { maxBytes } = ctx.config.attachments;
  const schema = {
    tags: ['attachments'],
    description:
      'The file is the request body, with its own Content-Type; its type is read from its bytes and must agree with ' +
      'that header and its name. Images are re-encoded (WebP, no metadata) and get a thumbnail. Answers the id that ' +
      '`send` then names in `attachmentIds`; an upload never sent is deleted after a while.',
    consumes,
    querystring: AttachmentUploadQuery,
    body: AttachmentUpload,
    response: { 201: Attachment, ...errors(400, 401, 403, 413, 415, 422, 429) },
  };
  const upload = async (
    ctx: Parameters<typeof uploadAttachment>[0],
    req: { body: unknown; headers: { 'content-type'?: string }; query: { name: string } },
    reply: FastifyReply,
  ) => {
    if (!(req.body instanceof Uint8Array) || req.body.byteLength === 0) {
      throw new AppError('validation_failed', 'Send the file itself as the request body');
    }
    const attachment = await uploadAttachment(ctx, {
      bytes: req.body,
      contentType: req.headers['content-type'],
      name: req.query.name,
    });
    return reply.status(201).send(attachment);
  };
  app.post(
    '/api/v1/attachments',
    {
      bodyLimit: maxBytes,
      schema: {
        ...schema,
        security: staffSecurity,
        summary:
          'Upload a file to send in a conversation (admins, agents), or a photo for a work item (field staff too)',
      },
    },
    async (req, reply) => upload(req.asStaff(), req, reply),
  );
  app.post(
    '/api/v1/guest/attachments',
    {
      bodyLimit: maxBytes,
      schema: { ...schema, security: guestSecurity, summary: 'Upload a photo, video or document to send to the desk' },
    },
    async (req, reply) => upload(req.asGuest(), req, reply),
  );
}

function registerServeRoutes(app: Api): void {
  const serve = (side: 'staff' | 'guest', thumbnail: boolean) => ({
    schema: {
      tags: ['attachments'],
      security: side === 'staff' ? staffSecurity : guestSecurity,
      summary: thumbnail
        ? 'A sent image’s thumbnail (WebP), for whoever sees its conversation'
        : side === 'staff'
          ? 'A file sent in a conversation the staff member sees'
          : 'A file sent in one of the guest’s conversations',
      params: AttachmentIdParams,
      response: {
        200: {
          description: 'The file; images inline, everything else as a download',
          content: { '*/*': { schema: ServedFile } },
        },
        206: {
          description: 'The part a `Range: bytes=…` header asked for (video players seek this way)',
          content: { '*/*': { schema: ServedFile } },
        },
        ...errors(400, 401, 404),
      },
    },
  });
  for (const thumbnail of [false, true]) {
    const suffix = thumbnail ? '/thumbnail' : '';
    app.get(`/api/v1/attachments/:id${suffix}`, serve('staff', thumbnail), async (req, reply) =>
      sendFile(reply, await readAttachmentAsStaff(req.asStaff(), req.params.id, thumbnail), req.headers.range),
    );
    app.get(`/api/v1/guest/attachments/:id${suffix}`, serve('guest', thumbnail), async (req, reply) =>
      sendFile(reply, await readAttachmentAsGuest(req.asGuest(), req.params.id, thumbnail), req.headers.range),
    );
  }
}

/**
 * The bytes with headers that keep them inert: images (re-encoded by us) shown inline, every other
 * file only downloaded; never sniffed into something else, never run as a page, kept by no shared cache.
 */
export function sendFile(
  reply: FastifyReply,
  file: Awaited<ReturnType<typeof readAttachmentAsStaff>>,
  range: string | undefined,
): FastifyReply {
  const inline = file.contentType.startsWith('image/') && file.attachment.kind === 'image';
  const encoded = encodeURIComponent(file.attachment.name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16)}`,
  );
  const ascii = file.attachment.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  reply
    .type(file.contentType)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, max-age=3600')
    .header('accept-ranges', 'bytes');
  const part = byteRange(range, file.data.byteLength);
  if (!part) return reply.send(file.data);
  return reply
    .status(206)
    .header('content-range', `bytes ${part.start}-${part.end}/${file.data.byteLength}`)
    .send(file.data.subarray(part.start, part.end + 1));
}

/**
 * One range of `Range: bytes=start-end` (or `start-`, or `-suffix`) within the file; anything else
 * (several ranges, nonsense, beyond the end) is answered with the whole file, as HTTP allows.
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || size === 0 || (!match[1] && !match[2])) return null;
  const start = match[1] ? Number(match[1]) : Math.max(0, size - Number(match[2]));
  const end = match[1] && match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  return start <= end && start < size ? { start, end } : null;
}
