// The bulk actions module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerBulkRoutes } from './routes.js';

/**
 * Bulk actions in the inbox: one action on many conversations, each through the service that does
 * it to one (assignment, transfer, tags, resolve, priority), so the rules are theirs alone.
 */
export const bulk = defineModule({ name: 'bulk', routes: registerBulkRoutes });
