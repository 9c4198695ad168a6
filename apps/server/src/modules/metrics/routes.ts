import { MetricsQuery, MetricsReport } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { metricsReport } from './report.js';

/** Service metrics over whole days on the organization's clock (admins; a duty manager for their team). */
export function registerMetricsRoutes(app: Api): void {
  app.get(
    '/api/v1/reports/metrics',
    {
      schema: {
        tags: ['reports'],
        security: staffSecurity,
        summary:
          'Service metrics (first response, response and resolution times, reopens, first-contact resolution, ratings, SLA breaches, leads) for a range of days in the organization’s time zone, with the previous period and a series by day, hour, agent or team (admins; a team’s duty manager for that team)',
        querystring: MetricsQuery,
        response: { 200: MetricsReport, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => metricsReport(req.asStaff(), req.query),
  );
}
