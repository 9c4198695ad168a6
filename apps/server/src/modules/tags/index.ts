// The tags module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerTagRoutes } from './routes.js';

export { tagConversation, untagConversation } from './service.js';

/** Tags: admins keep the organization's (name, colour); the desk tags the conversations it sees. */
export const tags = defineModule({
  name: 'tags',
  errorCodes: ['tag_name_taken', 'too_many_tags'],
  routes: registerTagRoutes,
});
