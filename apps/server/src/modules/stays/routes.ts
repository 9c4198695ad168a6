import {
  AddGuestRequest,
  ChangeGuestRequest,
  ChangeStayRequest,
  CheckInRequest,
  ExternalIdParams,
  PushStayRequest,
  Stay,
  StayGuestParams,
  StayIdParams,
  StayListQuery,
} from '@frontdesk/protocol';
import { z } from 'zod';
import type { ApiClientActor, StaffActor } from '../../platform/actor.js';
import { type Api, errors, staffOrKeySecurity, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { languageOf } from '../../platform/i18n.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { getOwnOrganization, guestLinks } from '../organizations/index.js';
import { qrPng, qrSvg, welcomeCardPdf } from '../qr/index.js';
import { checkOutByExternalId, loadStayByExternalId, pushStay } from './pms.js';
import { presentStay } from './present.js';
import {
  addGuest,
  changeCheckOut,
  changeGuest,
  checkIn,
  checkOut,
  endGuestAccess,
  listStays,
  loadStay,
  type StayView,
} from './service.js';
import { welcomeCardStrings } from './strings.js';
import { registerStaySummaryRoutes } from './summary-opt-in.js';
import { formatStayTime } from './time.js';

export function registerStayRoutes(app: Api, ctx: AppContext): void {
  registerStaySummaryRoutes(app);
  const tags = ['stays'];
  const security = staffSecurity;
  const keySecurity = staffOrKeySecurity('stays:manage');
  const present = async (caller: ServiceContext<StaffActor> | ServiceContext<ApiClientActor>, view: StayView) =>
    presentStay(view, {
      publicUrl: ctx.config.publicUrl,
      slug:
        caller.actor.kind === 'api_client'
          ? caller.actor.orgSlug
          : (await getOwnOrganization(caller as ServiceContext<StaffActor>)).slug,
    });

  app.get(
    '/api/v1/stays',
    {
      schema: {
        tags,
        security,
        summary:
          'Current and upcoming stays by check-out time, or the stays that ended today; search by room or guest name',
        querystring: StayListQuery,
        response: { 200: z.array(Stay), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      const views = await listStays(staff, req.query.status, req.query.q);
      const links = { publicUrl: ctx.config.publicUrl, slug: (await getOwnOrganization(staff)).slug };
      return views.map((v) => presentStay(v, links));
    },
  );

  app.post(
    '/api/v1/stays',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'Check a guest in: returns their access code, guest link and QR links',
        body: CheckInRequest,
        response: { 201: Stay, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const caller = req.asStaffOrApiClient('stays:manage');
      // an overdue stay it ended in that room records stay.ended: its guests' sockets close now
      const { ended: _ended, ...view } = await checkIn(caller, req.body);
      return reply.status(201).send(await present(caller, view));
    },
  );

  app.put(
    '/api/v1/stays/by-external-id/:externalId',
    {
      schema: {
        tags,
        security: keySecurity,
        summary:
          'A PMS reservation by its own id: the first push checks the guest in (201); later pushes move the room or change the check-out time when those differ (200), so a retry is harmless',
        params: ExternalIdParams,
        body: PushStayRequest,
        response: { 200: Stay, 201: Stay, ...errors(400, 401, 403, 404, 409, 410) },
      },
    },
    async (req, reply) => {
      const caller = req.asStaffOrApiClient('stays:manage');
      const { view, created } = await pushStay(caller, req.params.externalId, req.body);
      return reply.status(created ? 201 : 200).send(await present(caller, view));
    },
  );

  app.get(
    '/api/v1/stays/by-external-id/:externalId',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'The stay of a PMS reservation id',
        params: ExternalIdParams,
        response: { 200: Stay, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const caller = req.asStaffOrApiClient('stays:manage');
      return present(caller, await loadStayByExternalId(caller, req.params.externalId));
    },
  );

  app.post(
    '/api/v1/stays/by-external-id/:externalId/check-out',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'Check a PMS reservation out now; a repeat returns the ended stay',
        params: ExternalIdParams,
        response: { 200: Stay, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const caller = req.asStaffOrApiClient('stays:manage');
      return present(caller, await checkOutByExternalId(caller, req.params.externalId));
    },
  );

  app.get(
    '/api/v1/stays/:id',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'One stay with its guests',
        params: StayIdParams,
        response: { 200: Stay, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const caller = req.asStaffOrApiClient('stays:manage');
      return present(caller, await loadStay(caller, req.params.id));
    },
  );

  app.patch(
    '/api/v1/stays/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Extend or shorten a stay',
        params: StayIdParams,
        body: ChangeStayRequest,
        response: { 200: Stay, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      return present(staff, await changeCheckOut(staff, req.params.id, req.body.checkOutAt));
    },
  );

  app.post(
    '/api/v1/stays/:id/check-out',
    {
      schema: {
        tags,
        security: keySecurity,
        summary:
          'Check out now: the guests’ codes sign in no more; devices already signed in keep a read-only view for the grace period',
        params: StayIdParams,
        response: { 200: Stay, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const caller = req.asStaffOrApiClient('stays:manage');
      return present(caller, await checkOut(caller, req.params.id));
    },
  );

  app.post(
    '/api/v1/stays/:id/end-access',
    {
      schema: {
        tags,
        security,
        summary:
          'Sign the stay’s guests out on every device now; after check-out this ends their read-only grace period',
        params: StayIdParams,
        response: { 200: Stay, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      return present(staff, await endGuestAccess(staff, req.params.id));
    },
  );

  app.post(
    '/api/v1/stays/:id/guests',
    {
      schema: {
        tags,
        security,
        summary: 'Add another guest to the stay, with a code of their own',
        params: StayIdParams,
        body: AddGuestRequest,
        response: { 201: Stay, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      return reply.status(201).send(await present(staff, await addGuest(staff, req.params.id, req.body)));
    },
  );

  app.patch(
    '/api/v1/stays/:id/guests/:guestId',
    {
      schema: {
        tags,
        security,
        summary: "Correct a guest's details (name, e-mail, phone, language, VIP): only what is given changes",
        params: StayGuestParams,
        body: ChangeGuestRequest,
        response: { 200: Stay, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      return present(staff, await changeGuest(staff, req.params.id, req.params.guestId, req.body));
    },
  );

  /** The stay, its guest and the guest's link, for the printable artefacts below. */
  const guestOf = async (staff: ServiceContext<StaffActor>, stayId: string, guestId: string) => {
    const view = await loadStay(staff, stayId);
    const guest = view.guests.find((g) => g.id === guestId);
    if (!guest) throw notFound('Guest');
    const org = await getOwnOrganization(staff);
    return { view, guest, org, url: guestLinks.stayGuest(ctx.config.publicUrl, org.slug, guest.code) };
  };

  for (const format of ['svg', 'png'] as const) {
    app.get(
      `/api/v1/stays/:id/guests/:guestId/qr.${format}`,
      {
        schema: {
          tags,
          security,
          summary: `The guest's QR code as ${format.toUpperCase()}`,
          params: StayGuestParams,
          produces: [format === 'svg' ? 'image/svg+xml' : 'image/png'],
        },
      },
      async (req, reply) => {
        const { url } = await guestOf(req.asStaff(), req.params.id, req.params.guestId);
        reply.header('cache-control', 'private, no-store');
        if (format === 'svg') return reply.type('image/svg+xml').send(await qrSvg(url));
        return reply.type('image/png').send(await qrPng(url));
      },
    );
  }

  app.get(
    '/api/v1/stays/:id/guests/:guestId/welcome-card.pdf',
    {
      schema: {
        tags,
        security,
        summary: 'A printable one-page welcome card: hotel name, QR, access code and one line of instructions',
        params: StayGuestParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const { view, guest, org, url } = await guestOf(req.asStaff(), req.params.id, req.params.guestId);
      const language = languageOf(guest.language, org.language);
      const text = welcomeCardStrings[language];
      const pdf = await welcomeCardPdf({
        hotelName: org.name,
        motto: org.motto,
        roomText: text.room(view.room.number),
        guestName: guest.name,
        code: guest.code,
        url,
        checkOutText: text.checkOut(formatStayTime(view.stay.checkOutAt, org.timezone, language)),
        instruction: text.instruction,
      });
      return reply
        .type('application/pdf')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `inline; filename="welcome-room-${view.room.number}.pdf"`)
        .send(pdf);
    },
  );
}
