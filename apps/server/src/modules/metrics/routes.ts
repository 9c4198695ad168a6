import { MetricsQuery, MetricsReport, RatedConversationsPage, RatedConversationsQuery } from '@frontdesk/protocol';
import { type Api, errors, staffOrKeySecurity } from '../../platform/api.js';
import { attachmentDisposition, csvStream } from '../../platform/csv.js';
import { metricsCsv, ratingsCsv } from './csv.js';
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
          'Service metrics (first response, response and resolution times, reopens, first-contact resolution, ratings and their distribution, SLA breaches, leads, work completed, the time to complete it and the share done on time) for a range of days in the organization’s time zone, with the previous period and a series by day, hour, agent or team (admins and API keys with reports:read; a team’s duty manager for that team; an agent or admin for their own figures, agentId their own id)',
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
          'Rated requests with their comments, the newest rating first, a page at a time, for a range of days in the organization’s time zone (admins and API keys with reports:read; a team’s duty manager for that team; an agent or admin for their own figures, agentId their own id)',
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
        security,
        summary:
          'The same report as a CSV table to open in a spreadsheet: a row per day, hour, agent, team, tag or entry point (`groupBy`), then the totals, streamed; days and hours on the organization’s clock, named in the header (admins and API keys with reports:read; a duty manager for their team; an agent or admin for their own figures, agentId their own id)',
        querystring: MetricsQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const report = await metricsReport(req.asStaffOrApiClient('reports:read'), req.query);
      const csv = metricsCsv(report);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachmentDisposition(`service-quality-by-${report.groupBy}-${report.from}-to-${report.to}.csv`),
        )
        .send(csvStream(csv.header, csv.batches));
    },
  );

  app.get(
    '/api/v1/reports/ratings.csv',
    {
      schema: {
        tags: ['reports'],
        security,
        summary:
          'The rated requests as a CSV table, every page of the same query as /reports/ratings (from `before` when given), streamed: the rating’s time on the organization’s clock (named in the header), the stars, the comment, the guest, room, team and who resolved it last (admins and API keys with reports:read; a team’s duty manager for that team; an agent or admin for their own figures, agentId their own id)',
        querystring: RatedConversationsQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const csv = await ratingsCsv(req.asStaffOrApiClient('reports:read'), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(`ratings-${req.query.from}-to-${req.query.to}.csv`))
        .send(csvStream(csv.header, csv.batches));
    },
  );
}
