import {
  Alert,
  AlertCsvQuery,
  AlertIdParams,
  AlertList,
  AlertListQuery,
  AlertSettings,
  UpdateAlertSettingsRequest,
} from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { attachmentDisposition, csvStream } from '../../platform/csv.js';
import { alertsCsv } from './csv.js';
import { acknowledgeAlert, listAlerts } from './service.js';
import { getAlertSettings, updateAlertSettings } from './settings.js';

export function registerAlertRoutes(app: Api): void {
  const tags = ['alerts'];
  const security = staffSecurity;

  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        security,
        summary:
          'Alerts newest first, with the count not yet acknowledged: all of the organization (admins), those of the teams one is duty manager of (agents)',
        querystring: AlertListQuery,
        response: { 200: AlertList, ...errors(400, 401, 403) },
      },
    },
    async (req) => listAlerts(req.asStaff(), req.query),
  );

  app.get(
    '/api/v1/alerts.csv',
    {
      schema: {
        tags,
        security,
        summary:
          'The alerts the caller sees (as the list: admins all, a duty manager their teams’), with the list’s status filter, as a CSV table newest first, every page of it, streamed; times on the organization’s clock, named in the header',
        querystring: AlertCsvQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const csv = await alertsCsv(req.asStaff(), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(`alerts-${req.query.status}.csv`))
        .send(csvStream(csv.header, csv.batches));
    },
  );

  app.post(
    '/api/v1/alerts/:id/acknowledge',
    {
      schema: {
        tags,
        security,
        summary: 'Mark an alert handled (by me, now); again: no change',
        params: AlertIdParams,
        response: { 200: Alert, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => acknowledgeAlert(req.asStaff(), req.params.id),
  );

  app.get(
    '/api/v1/alert-settings',
    {
      schema: {
        tags,
        security,
        summary: 'The alert settings, with the suggested words per language (admins)',
        response: { 200: AlertSettings, ...errors(401, 403) },
      },
    },
    async (req) => getAlertSettings(req.asStaff()),
  );

  app.patch(
    '/api/v1/alert-settings',
    {
      schema: {
        tags,
        security,
        summary: 'Change the rating threshold, the word list, the mood alerts or the cool-down (admins)',
        body: UpdateAlertSettingsRequest,
        response: { 200: AlertSettings, ...errors(400, 401, 403, 409) },
      },
    },
    async (req) => updateAlertSettings(req.asStaff(), req.body),
  );
}
