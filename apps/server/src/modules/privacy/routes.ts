import { Erasure, PrivacyExport, StayIdParams } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { exportHtml } from './html.js';
import { erasePersonData, exportPersonArchive, exportPersonData } from './service.js';
import type { SubjectKind } from './subject.js';

/** Export and erasure of a stay's guests, a customer or a visitor (admins; README "Privacy (GDPR) operations"). */
export function registerPrivacyRoutes(app: Api): void {
  const tags = ['privacy'];
  const security = staffSecurity;
  const subjects: { kind: SubjectKind; base: string; who: string }[] = [
    { kind: 'stay', base: '/api/v1/stays/:id', who: 'the stay’s guests' },
    { kind: 'customer', base: '/api/v1/customers/:id', who: 'the customer' },
    { kind: 'visitor', base: '/api/v1/visitors/:id', who: 'the visitor of the public entry' },
  ];
  for (const { kind, base, who } of subjects) {
    app.get(
      `${base}/data-export`,
      {
        schema: {
          tags,
          security,
          summary: `Everything held about ${who}, files included (base64), for their data request (admins; audited)`,
          params: StayIdParams,
          response: { 200: PrivacyExport, ...errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const data = await exportPersonData(req.asStaff(), kind, req.params.id);
        reply.header('cache-control', 'private, no-store');
        reply.header('content-disposition', `attachment; filename="data-${kind}-${req.params.id}.json"`);
        return data;
      },
    );
    app.get(
      `${base}/data-export.html`,
      {
        schema: {
          tags,
          security,
          summary: `The same export of ${who} as one readable page with the files inside (admins; audited)`,
          params: StayIdParams,
          produces: ['text/html'],
        },
      },
      async (req, reply) => {
        const data = await exportPersonData(req.asStaff(), kind, req.params.id);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="data-${kind}-${req.params.id}.html"`)
          .send(exportHtml(data));
      },
    );
    app.get(
      `${base}/data-export.zip`,
      {
        schema: {
          tags,
          security,
          summary: `The export of ${who} as a zip: data.json, transcript.html, index.txt and every file as it was sent (admins; audited; 413 export_too_large past PRIVACY_EXPORT_MAX_BYTES)`,
          params: StayIdParams,
          produces: ['application/zip'],
        },
      },
      async (req, reply) => {
        const zip = await exportPersonArchive(req.asStaff(), kind, req.params.id);
        zip.on('error', (err) => req.log.warn({ err }, 'a data export zip broke off'));
        return reply
          .type('application/zip')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `attachment; filename="data-${kind}-${req.params.id}.zip"`)
          .send(zip);
      },
    );
    app.post(
      `${base}/erase`,
      {
        schema: {
          tags,
          security,
          summary: `Erase ${who}: messages' text, files and identifiers go; counts in reports stay (admins; audited)`,
          params: StayIdParams,
          response: { 200: Erasure, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => erasePersonData(req.asStaff(), kind, req.params.id),
    );
  }
}
