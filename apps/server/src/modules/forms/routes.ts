import { CreateRequestFormRequest, RequestForm, StayIdParams, UpdateRequestFormRequest } from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { presentForm } from './present.js';
import { archiveForm, createForm, getForm, listForms, publishForm, updateForm } from './service.js';

export function registerFormRoutes(app: Api): void {
  const tags = ['forms'];
  const security = staffSecurity;
  const params = StayIdParams;

  app.get(
    '/api/v1/forms',
    {
      schema: {
        tags,
        security,
        summary: 'The request forms customers fill (service companies)',
        response: { 200: z.object({ forms: z.array(RequestForm) }), ...errors(401, 403) },
      },
    },
    async (req) => ({ forms: (await listForms(req.asStaff())).map(presentForm) }),
  );

  app.post(
    '/api/v1/forms',
    {
      schema: {
        tags,
        security,
        summary: 'Design a new request form (admins); customers see it once published',
        body: CreateRequestFormRequest,
        response: { 201: RequestForm, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      const form = await createForm(staff, req.body);
      return reply.status(201).send(presentForm({ form, published: null }));
    },
  );

  app.get(
    '/api/v1/forms/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A request form: its draft and its published version',
        params,
        response: { 200: RequestForm, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => presentForm(await getForm(req.asStaff(), req.params.id)),
  );

  app.patch(
    '/api/v1/forms/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change a form’s name, description or draft (admins); customers keep the published version',
        params,
        body: UpdateRequestFormRequest,
        response: { 200: RequestForm, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await updateForm(staff, req.params.id, req.body);
      return presentForm(await getForm(staff, req.params.id));
    },
  );

  app.post(
    '/api/v1/forms/:id/publish',
    {
      schema: {
        tags,
        security,
        summary: 'Publish the draft as the next version (admins); past leads keep the version they were filled with',
        params,
        response: { 200: RequestForm, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await publishForm(staff, req.params.id);
      return presentForm(await getForm(staff, req.params.id));
    },
  );

  app.delete(
    '/api/v1/forms/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Take a form away from customers (admins); its leads stay',
        params,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await archiveForm(req.asStaff(), req.params.id);
      return reply.status(204).send();
    },
  );
}
