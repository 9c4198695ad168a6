// The search module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { searchConsumers } from './indexer.js';
import { registerSearchRoutes } from './routes.js';

export { indexMessages, rebuildSearchIndex } from './indexer.js';
export { search } from './service.js';

/**
 * Full-text search for the desk: a message index (message_search) kept by a durable consumer off
 * the send path, searched with language-aware configurations within the organization's team visibility.
 */
export const searchModule = defineModule({
  name: 'search',
  errorCodes: [],
  routes: registerSearchRoutes,
  consumers: searchConsumers,
});
