import { LeadReport, LeadReportQuery } from '@frontdesk/protocol';
import { type Api, errors, staffOrKeySecurity } from '../../platform/api.js';
import { leadSourceReport } from './report.js';
import { leadReportCsv } from './report-csv.js';

/** Where leads come from (admins of a service company, or a key with `reports:read`): as JSON for the page, as CSV to download. */
export function registerLeadReportRoutes(app: Api): void {
  const tags = ['leads'];
  const security = staffOrKeySecurity('reports:read');

  app.get(
    '/api/v1/leads/report',
    {
      schema: {
        tags,
        security,
        summary:
          'Leads by campaign, label batch, request form and who attached the label, over whole days on the organization’s clock (admins, API keys)',
        querystring: LeadReportQuery,
        response: { 200: LeadReport, ...errors(400, 401, 403) },
      },
    },
    async (req) => leadSourceReport(req.asStaffOrApiClient('reports:read'), req.query),
  );

  app.get(
    '/api/v1/leads/report.csv',
    {
      schema: {
        tags,
        security,
        summary: 'The same report as a CSV table with a header row, to open in a spreadsheet (admins, API keys)',
        querystring: LeadReportQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const report = await leadSourceReport(req.asStaffOrApiClient('reports:read'), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="lead-sources-${report.from}-to-${report.to}.csv"`)
        .send(leadReportCsv(report));
    },
  );
}
