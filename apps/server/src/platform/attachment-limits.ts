import type { AttachmentLimits } from '@frontdesk/protocol';
import type { Config } from '../config.js';

/**
 * The settings' limits on a message's files, as the staff and guest sessions carry them: the
 * composers check chosen files against these before uploading (the send checks them again).
 */
export const presentAttachmentLimits = (limits: Config['attachments']): AttachmentLimits => ({
  maxPerMessage: limits.maxPerMessage,
  maxBytes: limits.maxBytes,
  maxMessageBytes: limits.maxMessageBytes,
});
