import { MetricsQuery, MetricsReport } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { attachmentDisposition } from '../../platform/csv.js';
import { metricsCsv } from './csv.js';
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

  app.get(
    '/api/v1/reports/metrics.csv',
    {
      schema: {
        tags: ['reports'],
        security: staffSecurity,
        summary:
          'The same report as a CSV table to open in a spreadsheet: a row per day, hour, agent or team (`groupBy`), then the totals; days and hours on the organization’s clock, named in the header (admins; a duty manager for their team)',
        querystring: MetricsQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const report = await metricsReport(req.asStaff(), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachmentDisposition(`service-quality-by-${report.groupBy}-${report.from}-to-${report.to}.csv`),
        )
        .send(metricsCsv(report));
    },
  );
}
