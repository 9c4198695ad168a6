import type {
  Conversation as ConversationSchema,
  DeskStatus as DeskStatusSchema,
  GuestLoginResponse as GuestLoginResponseSchema,
  GuestSessionInfo as GuestSessionSchema,
  LabelScan as LabelScanSchema,
  MessagePage as MessagePageSchema,
  Message as MessageSchema,
  PresenceStatus as PresenceStatusSchema,
  PublicOrganization as PublicOrganizationSchema,
  QueuePosition as QueuePositionSchema,
  VisitorRequest as VisitorRequestSchema,
} from '@frontdesk/protocol';
import type { z } from 'zod';

// Types only: the zod schemas themselves stay out of the browser bundle.
export type PublicOrganization = z.infer<typeof PublicOrganizationSchema>;
export type GuestSession = z.infer<typeof GuestSessionSchema>;
export type GuestLoginResponse = z.infer<typeof GuestLoginResponseSchema>;
export type VisitorRequest = z.input<typeof VisitorRequestSchema>;
export type Conversation = z.infer<typeof ConversationSchema>;
export type Message = z.infer<typeof MessageSchema>;
export type MessagePage = z.infer<typeof MessagePageSchema>;
export type PresenceStatus = z.infer<typeof PresenceStatusSchema>;
export type QueuePosition = z.infer<typeof QueuePositionSchema>;
export type DeskStatus = z.infer<typeof DeskStatusSchema>;
export type LabelScan = z.infer<typeof LabelScanSchema>;
export type VerificationKind = LabelScan['challenges'][number];
