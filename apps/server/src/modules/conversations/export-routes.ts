import { ConversationCsvQuery, ConversationIdParams, StayIdParams } from '@frontdesk/protocol';
import { type Api, staffOrKeySecurity, staffSecurity } from '../../platform/api.js';
import { attachmentDisposition, csvStream } from '../../platform/csv.js';
import { conversationsCsv } from './csv-export.js';
import { conversationTranscript, stayTranscript, type Transcript } from './transcript.js';
import { transcriptPdf } from './transcript-pdf.js';
import { transcriptText } from './transcript-text.js';

const formats = {
  txt: { type: 'text/plain; charset=utf-8', produces: 'text/plain', render: transcriptText },
  pdf: { type: 'application/pdf', produces: 'application/pdf', render: transcriptPdf },
} as const;

/** Downloads of the desk's conversations: the inbox list as CSV, and transcripts of a request or a whole stay. */
export function registerConversationExportRoutes(app: Api): void {
  const tags = ['conversations'];

  app.get(
    '/api/v1/conversations.csv',
    {
      schema: {
        tags,
        security: staffOrKeySecurity('conversations:read'),
        summary:
          'The inbox list (one tab, with its filters; `rated=true`: the ratings) as a CSV table, every page of it, streamed; times on the organization’s clock, named in the header',
        querystring: ConversationCsvQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const csv = await conversationsCsv(req.asStaffOrApiClient('conversations:read'), req.query);
      const name = `requests-${req.query.rated ? 'rated' : req.query.status}${req.query.mine ? '-mine' : ''}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(name))
        .send(csvStream(csv.header, csv.batches));
    },
  );

  const transcriptRoute = (
    path: string,
    what: string,
    params: typeof ConversationIdParams | typeof StayIdParams,
    load: (req: { asStaff: () => Parameters<typeof stayTranscript>[0] }, id: string) => Promise<Transcript>,
    fileName: (id: string) => string,
  ) => {
    for (const format of ['txt', 'pdf'] as const) {
      const { type, produces, render } = formats[format];
      app.get(
        `${path}.${format}`,
        {
          schema: {
            tags,
            security: staffSecurity,
            summary: `${what} as ${format === 'pdf' ? 'a PDF' : 'plain text'}: times on the organization’s clock, authors by name ("Guest" for the guest), attachments by name; internal notes are left out (staff who may see it)`,
            params,
            produces: [produces],
          },
        },
        async (req, reply) => {
          const transcript = await load(req, req.params.id);
          return reply
            .type(type)
            .header('content-disposition', attachmentDisposition(`${fileName(req.params.id)}.${format}`))
            .send(render(transcript));
        },
      );
    }
  };
  transcriptRoute(
    '/api/v1/conversations/:id/transcript',
    'A request’s transcript',
    ConversationIdParams,
    (req, id) => conversationTranscript(req.asStaff(), id),
    (id) => `request-${id.slice(0, 8)}-transcript`,
  );
  transcriptRoute(
    '/api/v1/stays/:id/transcript',
    'Every request of a stay in one transcript, oldest first, for the guest who asks for their history',
    StayIdParams,
    (req, id) => stayTranscript(req.asStaff(), id),
    (id) => `stay-${id.slice(0, 8)}-transcript`,
  );
}
