import { BulkRequest, BulkResult } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { applyBulk } from './service.js';

export function registerBulkRoutes(app: Api): void {
  app.post(
    '/api/v1/conversations/bulk',
    {
      schema: {
        tags: ['conversations'],
        security: staffSecurity,
        summary:
          'Assign, transfer to a team, tag, resolve or prioritize many conversations at once (at most 100); answers for each whether it was done, or the code of why not',
        body: BulkRequest,
        response: { 200: BulkResult, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const results = await applyBulk(req.asStaff(), req.body);
      const done = results.filter((r) => r.ok).length;
      return { results, done, failed: results.length - done };
    },
  );
}
