import { CurrentUser, ImageUpload, imageUploadTypes, OrganizationWithSeats } from '@frontdesk/protocol';
import type { FastifyError } from 'fastify';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { getCurrentUser, presentCurrentUser } from '../account/index.js';
import { fileTooLarge } from '../files/index.js';
import { type OrgRow, presentOrganization } from '../organizations/index.js';
import { seatUsage } from '../staff/index.js';
import { removeOrganizationLogo, removeOwnPhoto, uploadOrganizationLogo, uploadOwnPhoto } from './service.js';

/** The organization's logo and a staff member's own photo, uploaded as the request body. */
export async function registerUploadRoutes(app: Api, ctx: AppContext): Promise<void> {
  // Uploads take the image itself as the request body, so only their scope parses image bodies:
  // everywhere else the API still speaks JSON only.
  await app.register(async (scope) => {
    const uploads = scope as unknown as Api;
    const asBuffer = { parseAs: 'buffer' as const };
    const keep = (_req: unknown, body: Buffer, done: (err: null, body: Buffer) => void) => done(null, body);
    uploads.addContentTypeParser(/^image\/[\w.+-]+$/, asBuffer, keep);
    uploads.addContentTypeParser('application/octet-stream', asBuffer, keep);
    uploads.setErrorHandler((err: FastifyError) => {
      // Thrown on to the application's error handler, which gives every refusal its standard shape.
      throw err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? fileTooLarge(ctx.config.filesMaxBytes) : err;
    });
    registerImageRoutes(uploads, ctx);
  });
}

function registerImageRoutes(app: Api, ctx: AppContext): void {
  const megabytes = Math.round((ctx.config.filesMaxBytes / (1024 * 1024)) * 10) / 10;
  const upload = {
    bodyLimit: ctx.config.filesMaxBytes,
    consumes: [...imageUploadTypes, 'application/octet-stream'],
    body: ImageUpload,
    refusals: errors(400, 401, 403, 413, 415, 422),
  };
  const withSeats = async (org: OrgRow) => ({ ...presentOrganization(org), seats: await seatUsage(ctx.db, org.id) });
  const currentUser = async (userId: string) => {
    return presentCurrentUser(await getCurrentUser(ctx.db, userId), ctx.config);
  };

  app.put(
    '/api/v1/organization/logo',
    {
      bodyLimit: upload.bodyLimit,
      schema: {
        tags: ['organization'],
        summary: `Upload the organization’s logo (admins): PNG, JPEG or WebP up to ${megabytes} MB, sent as the request body`,
        description:
          'The image is checked by its content, stripped of metadata, turned upright and fitted within 512×512 (PNG). ' +
          'It replaces the previous logo (uploaded or typed); the organization’s logoUrl then points at it.',
        security: staffSecurity,
        consumes: upload.consumes,
        body: upload.body,
        response: { 200: OrganizationWithSeats, ...upload.refusals },
      },
    },
    async (req) => withSeats(await uploadOrganizationLogo(req.asStaff(), req.body)),
  );

  app.delete(
    '/api/v1/organization/logo',
    {
      schema: {
        tags: ['organization'],
        summary: 'Remove the organization’s logo, uploaded or typed (admins)',
        security: staffSecurity,
        response: { 200: OrganizationWithSeats, ...errors(401, 403) },
      },
    },
    async (req) => withSeats(await removeOrganizationLogo(req.asStaff())),
  );

  app.put(
    '/api/v1/me/photo',
    {
      bodyLimit: upload.bodyLimit,
      schema: {
        tags: ['account'],
        summary: `Upload your own photo: PNG, JPEG or WebP up to ${megabytes} MB, sent as the request body`,
        description:
          'The image is checked by its content, stripped of metadata, turned upright and cropped to 256×256 (WebP). ' +
          'Guests see it beside your name when you take their request.',
        security: staffSecurity,
        consumes: upload.consumes,
        body: upload.body,
        response: { 200: CurrentUser, ...upload.refusals },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await uploadOwnPhoto(staff, req.body);
      return currentUser(staff.actor.userId);
    },
  );

  app.delete(
    '/api/v1/me/photo',
    {
      schema: {
        tags: ['account'],
        summary: 'Remove your own photo',
        security: staffSecurity,
        response: { 200: CurrentUser, ...errors(401, 403) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await removeOwnPhoto(staff);
      return currentUser(staff.actor.userId);
    },
  );
}
