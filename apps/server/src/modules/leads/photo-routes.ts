import { LeadPhotoParams } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { readAttachmentBytes, ServedFile, sendAttachmentFile } from '../attachments/index.js';
import { leadPhoto } from './service.js';

/**
 * The photos a customer sent with a request form, for staff who may see the lead (its own door,
 * so that seeing the lead is what counts, not the team that sees its chat).
 */
export function registerLeadPhotoRoutes(app: Api): void {
  for (const thumbnail of [false, true]) {
    app.get(
      `/api/v1/leads/:id/photos/:photoId${thumbnail ? '/thumbnail' : ''}`,
      {
        schema: {
          tags: ['leads'],
          security: staffSecurity,
          summary: thumbnail
            ? 'A small preview (WebP) of a photo the customer sent with the lead'
            : 'A photo the customer sent with the lead (re-encoded, without metadata)',
          params: LeadPhotoParams,
          response: {
            200: { description: 'The image', content: { 'image/*': { schema: ServedFile } } },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const staff = req.asStaff();
        const photo = await leadPhoto(staff, req.params.id, req.params.photoId);
        return sendAttachmentFile(reply, await readAttachmentBytes(staff, photo, thumbnail), req.headers.range);
      },
    );
  }
}
