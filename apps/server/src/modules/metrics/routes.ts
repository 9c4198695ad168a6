import { MetricsQuery, MetricsReport, RatedConversationsPage, RatedConversationsQuery } from '@frontdesk/protocol';
import { type Api, errors, staffOrKeySecurity, staffSecurity } from '../../platform/api.js';
import { attachmentDisposition } from '../../platform/csv.js';
import { metricsCsv } from './csv.js';
import { ratedConversations } from './rated.js';
import { metricsReport } from './report.js';

/**
 * Service metrics over whole days on the organization's clock, and the rated requests behind the
 * ratings (admins and API keys with `reports:read`; a duty manager for their team).
 */
export function registerMetricsRoutes(app: Api): void {
  const security = staffOrKeySecurity('reports:read');
  app.get(
    '/api/v1/reports/metrics',
    {
      schema: {
        tags: ['reports'],
        security,
        summary:
          'Service metrics (first response, response and resolution times, reopens, first-contact resolution, ratings and their distribution, SLA breaches, leads) for a range of days in the organization’s time zone, with the previous period and a series by day, hour, agent or team (admins and API keys with reports:read; a team’s duty manager for that team)',
        querystring: MetricsQuery,
        response: { 200: MetricsReport, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => metricsReport(req.asStaffOrApiClient('reports:read'), req.query),
  );
  app.get(
    '/api/v1/reports/ratings',
    {
      schema: {
        tags: ['reports'],
        security,
        summary:
          'Rated requests with their comments, the newest rating first, a page at a time, for a range of days in the organization’s time zone (admins and API keys with reports:read; a team’s duty manager for that team)',
        querystring: RatedConversationsQuery,
        response: { 200: RatedConversationsPage, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ratedConversations(req.asStaffOrApiClient('reports:read'), req.query),
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
