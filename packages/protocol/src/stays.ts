import { z } from 'zod';
import { Email, ExternalId, Id, IsoDate, Language, PersonName } from './common.js';

export const RoomNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,19}$/, 'Letters, digits, spaces and . _ / - (up to 20)');

export const Room = z
  .object({
    id: Id,
    number: z.string(),
    label: z.string(),
    priority: z.boolean(),
    occupied: z.boolean(),
    externalId: z.string().nullable().describe('The PMS’s id for the room'),
    guestUrl: z.string().describe('Opens the guest login with this room prefilled; never signs anyone in'),
  })
  .meta({ id: 'Room' });
export type Room = z.infer<typeof Room>;

export const CreateRoomRequest = z.strictObject({
  number: RoomNumber,
  label: z.string().trim().max(60).default(''),
  priority: z.boolean().default(false),
});
/** A PMS's room, by its own id: created on the first push, changed on the next ones. */
export const PushRoomRequest = z.strictObject({
  number: RoomNumber,
  label: z.string().trim().max(60).optional(),
  priority: z.boolean().optional(),
});
export const UpdateRoomRequest = z
  .strictObject({ number: RoomNumber, label: z.string().trim().max(60), priority: z.boolean() })
  .partial();

/** "101-120" or ["101", "102", "Suite A"]; at most 500 rooms at once. */
export const BulkCreateRoomsRequest = z
  .strictObject({
    range: z
      .string()
      .regex(/^\s*\d{1,6}\s*-\s*\d{1,6}\s*$/, 'A range like 101-120')
      .optional(),
    numbers: z.array(RoomNumber).min(1).max(500).optional(),
    label: z.string().trim().max(60).default(''),
  })
  .refine((r) => (r.range === undefined) !== (r.numbers === undefined), { message: 'Give either range or numbers' });
export const BulkCreateRoomsResponse = z.object({ created: z.array(Room), skipped: z.array(z.string()) });
export const RoomPostersQuery = z.object({
  ids: z.string().max(20_000).optional().describe('Comma-separated room ids; all rooms when omitted'),
});

/**
 * A check-out time: an ISO date-time with offset (`2026-05-12T11:00:00+02:00`), or a local
 * date-time without one (`2026-05-12T11:00`), read in the organization's time zone.
 */
export const CheckOutTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/,
    'An ISO date and time, e.g. 2026-05-12T11:00',
  );

export const GuestDetails = z.strictObject({
  name: PersonName.optional(),
  email: Email.optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{5,20}$/, 'A phone number')
    .optional(),
  language: Language.optional(),
  vip: z.boolean().default(false),
});

export const CheckInRequest = z.strictObject({
  roomId: Id,
  checkOutAt: CheckOutTime,
  checkInAt: CheckOutTime.optional().describe('For a stay that starts later; now when omitted'),
  guest: GuestDetails.default({ vip: false }),
});
/**
 * A PMS's stay, by its reservation id (README "PMS integration"): the first push checks the guest
 * in; a repeat with the same body changes nothing; a different room moves the stay, a different
 * check-out time extends or shortens it. The room is named by the PMS's id or by ours.
 */
export const PushStayRequest = z
  .strictObject({
    roomExternalId: ExternalId.optional(),
    roomId: Id.optional(),
    checkOutAt: CheckOutTime,
    checkInAt: CheckOutTime.optional().describe('Used by the first push only; now when omitted'),
    guest: GuestDetails.extend({ externalId: ExternalId.optional() })
      .default({ vip: false })
      .describe('Used by the first push only: correct details later in Frontdesk'),
  })
  .refine((r) => (r.roomExternalId === undefined) !== (r.roomId === undefined), {
    message: 'Give either roomExternalId or roomId',
  });
export type PushStayRequest = z.output<typeof PushStayRequest>;
export const ChangeStayRequest = z.strictObject({ checkOutAt: CheckOutTime });
export const AddGuestRequest = GuestDetails;
/** Corrects a guest's details: only what is given changes; null clears a detail. */
export const ChangeGuestRequest = z.strictObject({
  name: PersonName.nullable().optional(),
  email: Email.nullable().optional(),
  phone: GuestDetails.shape.phone.unwrap().nullable().optional(),
  language: Language.nullable().optional(),
  vip: z.boolean().optional(),
});
export type ChangeGuestRequest = z.infer<typeof ChangeGuestRequest>;

export const GuestAccess = z
  .object({
    id: Id,
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    language: Language.nullable(),
    vip: z.boolean(),
    externalId: z.string().nullable().describe('The PMS’s guest-profile id'),
    code: z.string().describe('8 characters, no look-alikes; typed or read aloud'),
    summaryOptIn: z
      .boolean()
      .describe('The guest asked on their page for a summary of their requests by e-mail after the stay'),
    url: z.string().describe('The guest link inside the QR code'),
    qrSvgUrl: z.string(),
    qrPngUrl: z.string(),
    welcomeCardUrl: z.string(),
  })
  .meta({ id: 'GuestAccess' });

export const stayStatuses = ['upcoming', 'current', 'ended'] as const;
export const Stay = z
  .object({
    id: Id,
    room: z.object({ id: Id, number: z.string(), label: z.string(), priority: z.boolean() }),
    checkInAt: IsoDate,
    checkOutAt: IsoDate,
    endedAt: IsoDate.nullable(),
    status: z.enum(stayStatuses),
    externalId: z.string().nullable().describe('The PMS’s reservation id'),
    erasedAt: IsoDate.nullable().describe('When the guests’ data was erased (README "Privacy (GDPR) operations")'),
    guests: z.array(GuestAccess),
    liveConversations: z.number().int().describe('Requests of this stay that are queued or open'),
  })
  .meta({ id: 'Stay' });
export type Stay = z.infer<typeof Stay>;

export const StayListQuery = z.object({
  status: z.enum(['current', 'upcoming', 'ended_today', 'all_live']).default('all_live'),
  q: z.string().trim().max(100).optional().describe('Room number or guest name'),
});
export const StayIdParams = z.object({ id: Id });
export const StayGuestParams = z.object({ id: Id, guestId: Id });

/** A guest's requests from earlier stays: the same person, recognised by e-mail (else phone). */
export const GuestHistory = z
  .object({
    matchedBy: z.enum(['email', 'phone']).nullable().describe('Null when the guest has neither, so nothing matches'),
    stays: z.number().int().describe('How many earlier stays matched'),
  })
  .meta({ id: 'GuestHistory' });

/** The guest asks for a summary of their requests by e-mail after the stay (README "Stay summary e-mail"). */
export const StaySummaryRequest = z.strictObject({ email: Email }).meta({ id: 'StaySummaryRequest' });
export type StaySummaryRequest = z.infer<typeof StaySummaryRequest>;
export const StaySummaryOptIn = z
  .object({ email: z.string().nullable().describe('Where the summary goes; null: the guest did not ask for one') })
  .meta({ id: 'StaySummaryOptIn' });
export type StaySummaryOptIn = z.infer<typeof StaySummaryOptIn>;
