import { SearchQuery, SearchResult } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { presentConversationHit, presentMessageHit } from './present.js';
import { search } from './service.js';

export function registerSearchRoutes(app: Api): void {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        security: staffSecurity,
        summary:
          'Search the conversations I see: messages by their words ("a phrase", -not, or), guests by name, rooms and tags; snippets come as plain parts with the hits marked',
        querystring: SearchQuery,
        response: { 200: SearchResult, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const { messageRows, conversationRows } = await search(req.asStaff(), req.query);
      return {
        messages: messageRows.map(presentMessageHit),
        conversations: conversationRows.map(presentConversationHit),
      };
    },
  );
}
