import { z } from 'zod';
import { ConversationListQuery } from './chat.js';
import { LeadListQuery } from './leads.js';
import { WorkListQuery } from './work.js';

/**
 * The inbox's list as a CSV download: the same tabs and filters as GET /api/v1/conversations, every
 * page of it (no `limit` or `before`); `rated` keeps only the rated requests (the ratings table).
 */
export const ConversationCsvQuery = ConversationListQuery.omit({ limit: true, before: true }).extend({
  rated: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false)
    .describe('Only requests the guest rated, with their stars and comment'),
});

/** The leads list as a CSV download: its filters, every page (no `limit` or `before`). */
export const LeadCsvQuery = LeadListQuery.omit({ limit: true, before: true });

/** The work items list as a CSV download: its filters, every page (no `limit` or `after`). */
export const WorkCsvQuery = WorkListQuery.omit({ limit: true, after: true });
