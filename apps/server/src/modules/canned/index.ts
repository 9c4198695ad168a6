// The canned responses module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerCannedRoutes } from './routes.js';

/** Canned responses: the organization's shared ones (admins) and each staff member's own, with variables and files. */
export const canned = defineModule({
  name: 'canned',
  errorCodes: ['shortcut_taken', 'too_many_attachments', 'attachment_unavailable'],
  routes: registerCannedRoutes,
});
