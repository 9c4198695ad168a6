import { z } from 'zod';
import { Priority } from './chat.js';
import { Id, IsoDate } from './common.js';

/**
 * Work items: one model for a hotel task ("two towels to 112") and a service company's scheduled
 * work order ("boiler service, Tue 9–12"). Times are instants (ISO with offset); clients show them
 * in the organization's time zone, which every item carries as `timeZone`.
 */
export const workKinds = ['task', 'work_order'] as const;
export const WorkKind = z.enum(workKinds);
export type WorkKind = z.infer<typeof WorkKind>;

export const workStatuses = ['open', 'scheduled', 'in_progress', 'done', 'cancelled'] as const;
export const WorkStatus = z.enum(workStatuses);
export type WorkStatus = z.infer<typeof WorkStatus>;

/**
 * The moves a work item may make; anything else is refused with `illegal_transition`. `done` and
 * `cancelled` are final; moving back from `in_progress` to `open` or `scheduled` is a pause.
 */
export const workTransitions: Record<WorkStatus, readonly WorkStatus[]> = {
  open: ['scheduled', 'in_progress', 'cancelled'],
  scheduled: ['open', 'in_progress', 'cancelled'],
  in_progress: ['open', 'scheduled', 'done', 'cancelled'],
  done: [],
  cancelled: [],
};

export const OpId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, _ and - only')
  .describe(
    'A client operation id (an offline queue entry): the same id sent again by the same user answers the first result and changes nothing',
  );

const Title = z.string().trim().min(1).max(200);
const Description = z.string().trim().max(4000);
const Address = z.string().trim().max(500);

export const WorkChecklistItem = z
  .object({ id: Id, text: z.string(), done: z.boolean(), position: z.number().int() })
  .meta({ id: 'WorkChecklistItem' });

export const WorkNote = z
  .object({ id: Id, author: z.object({ id: Id.nullable(), name: z.string() }), text: z.string(), createdAt: IsoDate })
  .meta({ id: 'WorkNote' });

export const WorkHistoryEntry = z
  .object({
    id: z.number().int(),
    by: z.object({ id: Id.nullable(), name: z.string().nullable() }),
    action: z.string().describe('created, updated, status_changed, assigned, rescheduled, checklist_*, note_added'),
    details: z.record(z.string(), z.unknown()),
    at: IsoDate,
  })
  .meta({ id: 'WorkHistoryEntry' });

export const WorkPhoto = z
  .object({
    id: Id.describe('The attachment id: read it at /api/v1/work-items/{id}/photos/{photoId} (and /thumbnail)'),
    name: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    addedBy: z.object({ id: Id.nullable(), name: z.string() }),
    createdAt: IsoDate,
  })
  .meta({ id: 'WorkPhoto' });

export const WorkItem = z
  .object({
    id: Id,
    kind: WorkKind,
    title: z.string(),
    description: z.string(),
    priority: Priority,
    status: WorkStatus,
    cancelReason: z.string().nullable(),
    assignee: z.object({ id: Id, name: z.string() }).nullable(),
    team: z.object({ id: Id, name: z.string() }).nullable(),
    dueAt: IsoDate.nullable(),
    window: z.object({ start: IsoDate, end: IsoDate }).nullable().describe('The scheduled window, if any'),
    place: z.object({
      roomId: Id.nullable(),
      roomNumber: z.string().nullable(),
      address: z.string().describe('A customer’s service address or free text; empty when none'),
    }),
    conversationId: Id.nullable(),
    stayId: Id.nullable(),
    leadId: Id.nullable(),
    customerId: Id.nullable(),
    checklist: z.object({ done: z.number().int(), total: z.number().int() }),
    overdue: z.boolean().describe('Due (or its window ended) before now and not done or cancelled'),
    timeZone: z.string().describe('The organization’s time zone, to show the times in'),
    createdAt: IsoDate,
    updatedAt: IsoDate,
    doneAt: IsoDate.nullable(),
  })
  .meta({ id: 'WorkItem' });
export type WorkItem = z.infer<typeof WorkItem>;

export const WorkItemDetail = WorkItem.extend({
  checklistItems: z.array(WorkChecklistItem),
  notes: z.array(WorkNote).describe('Internal: never shown to the guest or customer'),
  photos: z.array(WorkPhoto).describe('Internal: never shown to the guest or customer'),
  history: z.array(WorkHistoryEntry).describe('Oldest first'),
}).meta({ id: 'WorkItemDetail' });
export type WorkItemDetail = z.infer<typeof WorkItemDetail>;

/** A scheduled window: it must end after it starts (checked by the server: `bad_request`). */
const Window = z.strictObject({ start: IsoDate, end: IsoDate });

export const CreateWorkItemRequest = z.strictObject({
  opId: OpId.optional(),
  kind: WorkKind.default('task'),
  title: Title.optional().describe('Required unless `conversationId` prefills it'),
  description: Description.default(''),
  priority: Priority.default('normal'),
  assigneeId: Id.optional(),
  teamId: Id.optional(),
  dueAt: IsoDate.optional(),
  window: Window.optional(),
  roomId: Id.optional(),
  address: Address.optional(),
  conversationId: Id.optional().describe('Create from this conversation: its stay, room and customer are linked'),
  messageId: Id.optional().describe('The message (of `conversationId`) whose text prefills the title'),
  customerId: Id.optional(),
  checklist: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
});

export const UpdateWorkItemRequest = z.strictObject({
  opId: OpId.optional(),
  title: Title.optional(),
  description: Description.optional(),
  priority: Priority.optional(),
  kind: WorkKind.optional(),
  roomId: Id.nullable().optional(),
  address: Address.optional(),
});

export const ChangeWorkStatusRequest = z
  .strictObject({
    opId: OpId.optional(),
    status: WorkStatus,
    reason: z.string().trim().min(1).max(300).optional().describe('Required when cancelling'),
  })
  .refine((r) => r.status !== 'cancelled' || !!r.reason, { message: 'Say why it is cancelled', path: ['reason'] });

export const AssignWorkItemRequest = z
  .strictObject({
    opId: OpId.optional(),
    assigneeId: Id.nullable().optional(),
    teamId: Id.nullable().optional(),
  })
  .describe('An assignee, a team or both; null takes one away, and what is left out stays');

export const RescheduleWorkItemRequest = z
  .strictObject({
    opId: OpId.optional(),
    dueAt: IsoDate.nullable().optional(),
    window: Window.nullable().optional(),
  })
  .describe('A due time, a window or both; null clears one, and what is left out stays');

export const MoveWorkItemRequest = z
  .strictObject({
    opId: OpId.optional(),
    assigneeId: Id.nullable().optional(),
    teamId: Id.nullable().optional(),
    dueAt: IsoDate.nullable().optional(),
    window: Window.nullable().optional(),
  })
  .describe(
    'A drop on the dispatch board: a reschedule and a reassignment in one go, both or neither; null clears, what is left out stays',
  );

export const AddChecklistItemRequest = z.strictObject({
  opId: OpId.optional(),
  text: z.string().trim().min(1).max(200),
});
export const CheckChecklistItemRequest = z.strictObject({ opId: OpId.optional(), done: z.boolean() });
export const OpOnlyRequest = z.strictObject({ opId: OpId.optional() });
export const AddWorkNoteRequest = z.strictObject({ opId: OpId.optional(), text: z.string().trim().min(1).max(4000) });

export const AddWorkPhotoRequest = z.strictObject({
  opId: OpId.optional(),
  attachmentId: Id.describe('An image the caller uploaded with POST /api/v1/attachments and has not sent'),
});
export const WorkPhotoParams = z.object({ id: Id, photoId: Id });

export const WorkItemIdParams = z.object({ id: Id });
export const ChecklistItemParams = z.object({ id: Id, itemId: Id });

export const WorkListQuery = z.object({
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .refine((s) => s.split(',').every((v) => (workStatuses as readonly string[]).includes(v)), {
      message: 'One or more of open, scheduled, in_progress, done, cancelled',
    })
    .optional()
    .describe('One status or several, comma-separated'),
  teamId: Id.optional(),
  assigneeId: Id.optional(),
  kind: WorkKind.optional(),
  conversationId: Id.optional(),
  from: IsoDate.optional().describe('Due or scheduled at or after this'),
  to: IsoDate.optional().describe('Due or scheduled before this'),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  unscheduled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe(
      'true: only items with neither a due time nor a window (the board’s "Unscheduled" lane); false: only those with one',
    ),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.string().max(200).optional().describe('The `next` cursor of the page before'),
});
export const WorkItemList = z.object({
  items: z.array(WorkItem),
  next: z.string().nullable().describe('Pass as `after` for the next page; null on the last'),
});

/** A customer's tasks and work orders, for their page: those the caller sees, latest planned first. */
export const CustomerWorkList = z
  .object({
    items: z.array(WorkItem).describe('At most 50: latest planned (window start, due time, else creation) first'),
  })
  .meta({ id: 'CustomerWorkList' });
export type CustomerWorkList = z.infer<typeof CustomerWorkList>;

export const MyWorkList = z.object({
  day: z.string().describe('Today in the organization’s time zone (YYYY-MM-DD)'),
  timeZone: z.string(),
  items: z.array(WorkItem).describe('Today’s items (and overdue ones) in order of their time, then priority'),
});

export const ConvertLeadRequest = z.strictObject({
  opId: OpId.optional(),
  title: Title.optional().describe('Defaults to the form’s name'),
  assigneeId: Id.optional().describe('The field user (or staff) doing the visit'),
  teamId: Id.optional(),
  window: Window,
  address: Address.optional().describe('Defaults to the address the customer gave in the form'),
});
export const ConvertedLead = z.object({ leadId: Id, workItem: WorkItem });
