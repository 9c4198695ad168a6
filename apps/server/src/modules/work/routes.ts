import {
  AddChecklistItemRequest,
  AddWorkNoteRequest,
  AddWorkPhotoRequest,
  AssignWorkItemRequest,
  ChangeWorkStatusRequest,
  CheckChecklistItemRequest,
  ChecklistItemParams,
  ConvertedLead,
  ConvertLeadRequest,
  CreateWorkItemRequest,
  CustomerWorkList,
  MoveWorkItemRequest,
  MyWorkList,
  OpOnlyRequest,
  RescheduleWorkItemRequest,
  StayIdParams,
  UpdateWorkItemRequest,
  WorkCsvQuery,
  WorkItemDetail,
  WorkItemIdParams,
  WorkItemList,
  WorkListQuery,
  WorkPhotoParams,
} from '@frontdesk/protocol';
import { z } from 'zod';
import type { StaffActor } from '../../platform/actor.js';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { attachmentDisposition, csvStream } from '../../platform/csv.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { addChecklistItem, addWorkNote, checkChecklistItem, removeChecklistItem } from './checklist.js';
import { workItemsCsv } from './csv-export.js';
import { convertLead } from './lead-conversion.js';
import { customerWork, getWorkItem, listWorkItems, myWork } from './lists.js';
import { addWorkPhoto, readWorkPhoto } from './photos.js';
import {
  assignWorkItem,
  changeWorkStatus,
  createWorkItem,
  moveWorkItem,
  rescheduleWorkItem,
  updateWorkItem,
} from './service.js';

const PhotoBytes = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array)
  .meta({ type: 'string', format: 'binary' });

type Ctx = ServiceContext<StaffActor>;

const opNote =
  ' An optional `opId` (a phone’s offline queue) makes a replay answer the first result and change nothing.';

export function registerWorkRoutes(app: Api): void {
  const tags = ['work'];
  const security = staffSecurity;
  const params = WorkItemIdParams;
  const changed = { 200: WorkItemDetail, ...errors(400, 401, 403, 404, 409) };
  const added = { 201: WorkItemDetail, ...errors(400, 401, 403, 404, 409) };

  app.get(
    '/api/v1/work-items',
    {
      schema: {
        tags,
        security,
        summary:
          'Work items the caller sees, in time order, paged: filter by status, team, assignee, kind, conversation, time range, overdue, unscheduled',
        querystring: WorkListQuery,
        response: { 200: WorkItemList, ...errors(400, 401, 403) },
      },
    },
    async (req) => listWorkItems(req.asStaff(), req.query),
  );

  app.get(
    '/api/v1/work-items.csv',
    {
      schema: {
        tags,
        security,
        summary:
          'The work items the caller sees, with the list’s filters, as a CSV table in time order, every page of it, streamed; times on the organization’s clock, named in the header',
        querystring: WorkCsvQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const csv = await workItemsCsv(req.asStaff(), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition('work-items.csv'))
        .send(csvStream(csv.header, csv.batches));
    },
  );

  app.get(
    '/api/v1/customers/:id/work-items',
    {
      schema: {
        tags,
        security,
        summary:
          'A customer’s tasks and work orders the caller sees, latest planned first (staff of a service company; field staff: theirs and their teams’)',
        params: StayIdParams,
        response: { 200: CustomerWorkList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => customerWork(req.asStaff(), req.params.id),
  );

  app.get(
    '/api/v1/me/work',
    {
      schema: {
        tags,
        security,
        summary: 'My work: my items for today on the organization’s clock (and late ones), in order',
        response: { 200: MyWorkList, ...errors(401, 403) },
      },
    },
    async (req) => myWork(req.asStaff()),
  );

  app.post(
    '/api/v1/work-items',
    {
      schema: {
        tags,
        security,
        summary: `Create a task or work order, by hand or from a conversation (and one of its messages): the title, room and customer are prefilled.${opNote}`,
        body: CreateWorkItemRequest,
        response: added,
      },
    },
    async (req, reply) => {
      const answer = await createWorkItem(req.asStaff(), req.body);
      return reply.status(201).send(answer.result);
    },
  );

  app.get(
    '/api/v1/work-items/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A work item with its checklist, internal notes and history',
        params,
        response: { 200: WorkItemDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => getWorkItem(req.asStaff(), req.params.id),
  );

  /** A change to one item with a body, answered with the whole item (as a replayed `opId` is). */
  function change<B extends z.ZodType>(
    method: 'patch' | 'post',
    path: string,
    body: B,
    summary: string,
    run: (staff: Ctx, id: string, input: z.output<B>) => Promise<{ status: number; result: unknown }>,
    adds = false,
  ): void {
    app[method](
      `/api/v1/work-items/:id${path}`,
      { schema: { tags, security, summary: `${summary}${opNote}`, params, body, response: adds ? added : changed } },
      async (req, reply) => {
        const answer = await run(req.asStaff(), req.params.id, req.body as z.output<B>);
        return reply.status(answer.status).send(answer.result);
      },
    );
  }

  change(
    'patch',
    '',
    UpdateWorkItemRequest,
    'Edit a work item’s title, description, priority, kind or place (the desk).',
    updateWorkItem,
  );
  change(
    'post',
    '/status',
    ChangeWorkStatusRequest,
    'Move a work item: open → scheduled → in_progress → done, or cancelled with a reason; a move not allowed is refused with illegal_transition. The guest’s chat shows the new status.',
    changeWorkStatus,
  );
  change(
    'post',
    '/assign',
    AssignWorkItemRequest,
    'Assign or reassign a work item to a person and/or a team (null clears).',
    assignWorkItem,
  );
  change(
    'post',
    '/reschedule',
    RescheduleWorkItemRequest,
    'Move a work item’s due time or window (null clears); the guest hears the new time.',
    rescheduleWorkItem,
  );
  change(
    'post',
    '/move',
    MoveWorkItemRequest,
    'A drop on the dispatch board: reschedule and reassign in one transaction, both or neither, each recorded and told as /reschedule and /assign are.',
    moveWorkItem,
  );
  change(
    'post',
    '/checklist',
    AddChecklistItemRequest,
    'Add a step to a work item’s checklist (internal).',
    addChecklistItem,
    true,
  );

  app.put(
    '/api/v1/work-items/:id/checklist/:itemId',
    {
      schema: {
        tags,
        security,
        summary: `Tick a checklist step done, or not done.${opNote}`,
        params: ChecklistItemParams,
        body: CheckChecklistItemRequest,
        response: changed,
      },
    },
    async (req, reply) => {
      const answer = await checkChecklistItem(req.asStaff(), req.params.id, req.params.itemId, req.body);
      return reply.status(200).send(answer.result);
    },
  );

  app.delete(
    '/api/v1/work-items/:id/checklist/:itemId',
    {
      schema: {
        tags,
        security,
        summary: `Remove a checklist step (the desk).${opNote.replace('An optional `opId`', 'An optional `opId` query parameter')}`,
        params: ChecklistItemParams,
        querystring: OpOnlyRequest,
        response: changed,
      },
    },
    async (req, reply) => {
      const answer = await removeChecklistItem(req.asStaff(), req.params.id, req.params.itemId, req.query);
      return reply.status(200).send(answer.result);
    },
  );

  change(
    'post',
    '/notes',
    AddWorkNoteRequest,
    'Write an internal note on a work item (never shown to the guest).',
    addWorkNote,
    true,
  );
  change(
    'post',
    '/photos',
    AddWorkPhotoRequest,
    'Attach a photo to a work item: upload it first (POST /api/v1/attachments), then name it here (internal).',
    addWorkPhoto,
    true,
  );

  for (const thumbnail of [false, true]) {
    app.get(
      `/api/v1/work-items/:id/photos/:photoId${thumbnail ? '/thumbnail' : ''}`,
      {
        schema: {
          tags,
          security,
          summary: thumbnail
            ? 'A work item photo’s thumbnail (WebP)'
            : 'A work item’s photo, for staff who see the item',
          params: WorkPhotoParams,
          response: {
            200: { description: 'The image', content: { '*/*': { schema: PhotoBytes } } },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const photo = await readWorkPhoto(req.asStaff(), req.params.id, req.params.photoId, thumbnail);
        return reply
          .type(photo.contentType)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, max-age=3600')
          .send(photo.data);
      },
    );
  }

  app.post(
    '/api/v1/leads/:id/convert',
    {
      schema: {
        tags: ['leads', ...tags],
        security,
        summary: `Convert a lead into a scheduled work order from its answers, for a field user or team; the lead becomes converted.${opNote}`,
        params,
        body: ConvertLeadRequest,
        response: { 201: ConvertedLead, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const answer = await convertLead(req.asStaff(), req.params.id, req.body);
      return reply.status(201).send(answer.result);
    },
  );
}
