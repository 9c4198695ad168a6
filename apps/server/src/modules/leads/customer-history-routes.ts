import { CustomerHistory, StayIdParams } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { customerHistory } from './customer-history.js';

/** A customer's requests and chats, for their page in the staff app. */
export function registerCustomerHistoryRoutes(app: Api): void {
  const security = staffSecurity;
  app.get(
    '/api/v1/customers/:id/history',
    {
      schema: {
        tags: ['customers'],
        security,
        summary: 'A customer’s requests and chats, newest first (admins and dispatchers of a service company)',
        params: StayIdParams,
        response: { 200: CustomerHistory, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => customerHistory(req.asStaff(), req.params.id),
  );
}
