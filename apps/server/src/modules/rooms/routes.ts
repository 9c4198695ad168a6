import {
  BulkCreateRoomsRequest,
  BulkCreateRoomsResponse,
  CreateRoomRequest,
  ExternalIdParams,
  PushRoomRequest,
  Room,
  RoomPostersQuery,
  StayIdParams,
  UpdateRoomRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import type { StaffActor } from '../../platform/actor.js';
import { type Api, errors, staffOrKeySecurity, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { getOwnOrganization, guestLinks } from '../organizations/index.js';
import { qrPng, qrSvg, roomPostersPdf } from '../qr/index.js';
import { pushRoom, roomIsOccupied } from './pms.js';
import { presentRoom } from './present.js';
import { createRoom, createRooms, expandRange, listRooms, removeRoom, updateRoom } from './service.js';

export function registerRoomRoutes(app: Api, ctx: AppContext): void {
  const tags = ['rooms'];
  const security = staffSecurity;
  const linksFor = async (staff: ServiceContext<StaffActor>) => ({
    publicUrl: ctx.config.publicUrl,
    slug: (await getOwnOrganization(staff)).slug,
  });

  app.get(
    '/api/v1/rooms',
    {
      schema: {
        tags,
        security,
        summary: 'Rooms, with whether each has a live stay',
        response: { 200: z.array(Room), ...errors(401, 403) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      const links = await linksFor(staff);
      return (await listRooms(staff)).map((r) => presentRoom(r, links));
    },
  );

  app.post(
    '/api/v1/rooms',
    {
      schema: {
        tags,
        security,
        summary: 'Add a room (admins)',
        body: CreateRoomRequest,
        response: { 201: Room, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      const room = await createRoom(staff, req.body);
      return reply.status(201).send(presentRoom({ ...room, occupied: false }, await linksFor(staff)));
    },
  );

  app.put(
    '/api/v1/rooms/by-external-id/:externalId',
    {
      schema: {
        tags,
        security: staffOrKeySecurity('stays:manage'),
        summary:
          'A PMS room by its own id: created on the first push (201), brought in line on the next (200); admins or a key of scope stays:manage',
        params: ExternalIdParams,
        body: PushRoomRequest,
        response: { 200: Room, 201: Room, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const caller = req.asStaffOrApiClient('stays:manage');
      const { room, created } = await pushRoom(caller, req.params.externalId, req.body);
      const slug =
        caller.actor.kind === 'api_client'
          ? caller.actor.orgSlug
          : (await getOwnOrganization(caller as ServiceContext<StaffActor>)).slug;
      const occupied = await roomIsOccupied(ctx.db, room.id);
      return reply
        .status(created ? 201 : 200)
        .send(presentRoom({ ...room, occupied }, { publicUrl: ctx.config.publicUrl, slug }));
    },
  );

  app.post(
    '/api/v1/rooms/bulk',
    {
      schema: {
        tags,
        security,
        summary: 'Add many rooms from a range ("101-120") or a list; existing numbers are skipped',
        body: BulkCreateRoomsRequest,
        response: { 201: BulkCreateRoomsResponse, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      const numbers = req.body.numbers ?? expandRange(req.body.range ?? '');
      const { created, skipped } = await createRooms(staff, numbers, req.body.label);
      const links = await linksFor(staff);
      return reply
        .status(201)
        .send({ created: created.map((r) => presentRoom({ ...r, occupied: false }, links)), skipped });
    },
  );

  app.patch(
    '/api/v1/rooms/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Rename a room, change its label or priority flag (admins)',
        params: StayIdParams,
        body: UpdateRoomRequest,
        response: { 200: Room, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      const room = await updateRoom(staff, req.params.id, req.body);
      const [withOccupancy] = await listRooms(staff, [room.id]);
      return presentRoom(withOccupancy ?? { ...room, occupied: false }, await linksFor(staff));
    },
  );

  app.delete(
    '/api/v1/rooms/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a room; refused while a guest is checked in',
        params: StayIdParams,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await removeRoom(req.asStaff(), req.params.id);
      return reply.status(204).send();
    },
  );

  for (const format of ['svg', 'png'] as const) {
    app.get(
      `/api/v1/rooms/:id/qr.${format}`,
      {
        schema: {
          tags,
          security,
          summary: `The room's poster QR as ${format.toUpperCase()}: opens the guest login with the room filled in`,
          params: StayIdParams,
          produces: [format === 'svg' ? 'image/svg+xml' : 'image/png'],
        },
      },
      async (req, reply) => {
        const staff = req.asStaff();
        const [room] = await listRooms(staff, [req.params.id]);
        if (!room) throw notFound('Room');
        const { publicUrl, slug } = await linksFor(staff);
        const url = guestLinks.room(publicUrl, slug, room.number);
        reply.header('cache-control', 'private, max-age=300');
        if (format === 'svg') return reply.type('image/svg+xml').send(await qrSvg(url));
        return reply.type('image/png').send(await qrPng(url));
      },
    );
  }

  app.get(
    '/api/v1/rooms/posters.pdf',
    {
      schema: {
        tags,
        security,
        summary: 'A printable PDF sheet with the labelled QR of every room (or the rooms in `ids`)',
        querystring: RoomPostersQuery,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      const ids = req.query.ids
        ?.split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      if (ids && !ids.every((id) => z.uuid().safeParse(id).success)) {
        throw new AppError('validation_failed', 'ids must be comma-separated room ids');
      }
      const org = await getOwnOrganization(staff);
      const rooms = await listRooms(staff, ids);
      const pdf = await roomPostersPdf({
        hotelName: org.name,
        instruction: 'Scan to chat with reception — no app needed',
        rooms: rooms.map((r) => ({
          number: r.number,
          label: r.label,
          url: guestLinks.room(ctx.config.publicUrl, org.slug, r.number),
        })),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${org.slug}-room-qr-codes.pdf"`)
        .send(pdf);
    },
  );
}
