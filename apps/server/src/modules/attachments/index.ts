// The attachments module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { attachmentJobs } from './jobs.js';
import { registerAttachmentRoutes } from './routes.js';

export { ServedFile, sendFile as sendAttachmentFile } from './routes.js';
export {
  type AttachmentRow,
  copyAsUploads,
  readBytes as readAttachmentBytes,
  sweepLooseAttachments,
} from './service.js';

/**
 * Files sent with messages: uploading them (the send then names them, see conversations/attach.ts),
 * serving them to whoever sees their conversation, and sweeping the ones no message holds.
 */
export const attachments = defineModule({
  name: 'attachments',
  errorCodes: ['attachment_type_mismatch', 'unsupported_file_type', 'file_too_large', 'attachment_unavailable'],
  routes: registerAttachmentRoutes,
  jobs: attachmentJobs,
});
